import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, MAX_PARSE_CHARS, MAX_SYNTAX_DEPTH, nestingDepth, textLimitError } from '../../src/kql';

test('text within the size and depth limits passes the screen', () => {
  assert.equal(textLimitError('VMConnection | where Computer == "(((" | take 10'), undefined);
  assert.equal(textLimitError(`print x = ${'('.repeat(MAX_SYNTAX_DEPTH)}1${')'.repeat(MAX_SYNTAX_DEPTH)}`), undefined);
  assert.equal(textLimitError(`print s = "${'a'.repeat(MAX_PARSE_CHARS - 20)}"`), undefined);
});

test('brackets deeper than Kusto analyses are refused at the bracket that goes past the limit', () => {
  const text = `print x = ${'not('.repeat(10_000)}true${')'.repeat(10_000)}`;
  const error = textLimitError(text);
  assert.equal(error?.code, 'KS245');
  assert.match(error!.message, /Query syntax depth exceeds maximum safe limit.*more than 500 levels/);
  const at = 'print x = '.length + 'not('.length * MAX_SYNTAX_DEPTH + 3;
  assert.equal(error!.start, at);
  assert.deepEqual(error!.range.start, { line: 0, character: at });
  // Brackets in strings and comments are not nesting.
  assert.equal(textLimitError(`print s = "${'('.repeat(1000)}" // ${'['.repeat(1000)}`), undefined);
});

test('text longer than Kusto parses is refused at the character past the limit, on its line', () => {
  const text = `print 1\n| extend s = "${'a'.repeat(MAX_PARSE_CHARS)}"`;
  const error = textLimitError(text);
  assert.equal(error?.code, 'KS244');
  assert.match(
    error!.message,
    /Query text size exceeds maximum safe limit.*4\.0 MB \(4,194,327 characters\), over the 4,194,304/,
  );
  assert.deepEqual(error!.range.start, { line: 1, character: MAX_PARSE_CHARS - 8 });
});

test('the library itself refuses what the depth screen refuses', () => {
  // One level past the screen's limit, parsed anyway: Kusto.Language ends in the same KS245.
  const depth = MAX_SYNTAX_DEPTH + 1;
  const text = `print x = ${'('.repeat(depth)}1${')'.repeat(depth)}`;
  assert.equal(nestingDepth(text), depth);
  assert.equal(textLimitError(text)?.code, 'KS245');
  assert.ok(analyze(text).diagnostics.some((d) => d.code === 'KS245'));
});
