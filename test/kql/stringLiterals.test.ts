import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../src/kql';
import { stringLiteralAt } from '../../src/kql/stringLiterals';

/** The literal opening at the first occurrence of `marker` in `text`. */
function literalAfter(text: string, marker: string) {
  return stringLiteralAt(text, text.indexOf(marker) + marker.length);
}

test('nothing opens a literal but a quote or a three-backtick fence', () => {
  for (const [text, at] of [
    ['print x', 0],
    ['print `x`', 6],
    ['print ``x``', 6],
  ] as const) {
    assert.equal(stringLiteralAt(text, at), undefined, text);
  }
});

test('plain literals end at their quote, past escaped quotes and backslashes', () => {
  const text = String.raw`print a = "x\"y\\" , b = 'it\'s'`;
  assert.deepEqual(literalAfter(text, 'a = '), { end: text.indexOf(' ,'), closed: true });
  assert.deepEqual(literalAfter(text, 'b = '), { end: text.length, closed: true });
});

test('verbatim literals have no escapes and double their quote', () => {
  const text = String.raw`print a = @"C:\dir\" , b = @'say ''hi''' | take 1`;
  assert.deepEqual(literalAfter(text, 'a = @'), { end: text.indexOf(' ,'), closed: true });
  assert.deepEqual(literalAfter(text, 'b = @'), { end: text.indexOf(' | take'), closed: true });
});

test('an obfuscated literal (h"…") is an ordinary literal after its h', () => {
  const text = 'print h"secret|;" | take 1';
  assert.deepEqual(literalAfter(text, 'print h'), { end: text.indexOf(' | take'), closed: true });
});

test('a three-backtick literal spans lines; unclosed, it runs to the end of the text', () => {
  const text = 'print s = ```a\n"b\n```, t = 1';
  assert.deepEqual(literalAfter(text, 's = '), { end: text.indexOf(', t'), closed: true });
  assert.deepEqual(stringLiteralAt('print ```a\nb', 6), { end: 12, closed: false });
});

test('an unclosed literal ends at its line end, as Kusto.Language lexes it (even after a backslash)', () => {
  for (const text of ['print x="a\nb"', "print x=@'a\nb'", 'print x="a\\\nb"', 'print x = "a']) {
    const open = text.search(/["']/);
    const literal = stringLiteralAt(text, open);
    const lineEnd = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
    assert.deepEqual(literal, { end: lineEnd, closed: false }, JSON.stringify(text));
    // The library reports the quote missing on that line (at its end; before a trailing backslash).
    const missing = analyze(text).diagnostics.find((d) => /Missing: ["']/.test(d.message));
    assert.equal(missing?.range.start.line, 0, JSON.stringify(text));
    assert.equal(missing?.start, text.includes('\\\n') ? lineEnd - 1 : lineEnd, JSON.stringify(text));
  }
});
