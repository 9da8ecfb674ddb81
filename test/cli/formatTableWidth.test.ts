import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayWidth } from '../../src/cli/displayWidth';
import { formatTable } from '../../src/cli/formatTable';
import type { ResultTable } from '../../src/results/queryResult';

// The table format padded cells by UTF-16 code units: a machine named 宿主机-01 takes 9 terminal columns
// but was padded as 6, so every column after it moved 3 to the right on its line; a name written with a
// combining accent (e + U+0301) was padded one short; a cut could split an emoji's surrogate pair.

/** Where each line's `marker` starts, in terminal columns. */
const columnOf = (text: string, marker: string) =>
  text
    .split('\n')
    .filter((l) => l.includes(marker))
    .map((l) => displayWidth(l.slice(0, l.indexOf(marker))));

test('cells of wide (CJK, emoji) and combining characters keep the columns aligned', () => {
  const table: ResultTable = {
    name: 'PrimaryResult',
    columns: [
      { name: 'Computer', type: 'string' },
      { name: 'Next', type: 'string' },
      { name: 'n', type: 'long' },
    ],
    rows: [
      ['宿主机-01', '|', 1],
      ['he\u0301llo', '|', 22],
      ['web🚀1', '|', 333],
      ['plain', '|', 4444],
    ],
  };
  const { text } = formatTable(table);
  const starts = columnOf(text, '|');
  assert.equal(starts.length, 4);
  assert.ok(
    starts.every((c) => c === starts[0]),
    text,
  );
  const ends = text
    .split('\n')
    .slice(2)
    .map((l) => displayWidth(l));
  assert.ok(
    ends.every((w) => w === ends[0]),
    text,
  );
});

test('a wide cell is cut to its column by terminal width, never inside a character', () => {
  const long = '数据库服务器'.repeat(20);
  const table: ResultTable = {
    name: 'PrimaryResult',
    columns: [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'string' },
    ],
    rows: [
      [long, '|'],
      ['🚀'.repeat(80), '|'],
      ['x', '|'],
    ],
  };
  const { text } = formatTable(table, 40);
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(text), 'a lone high surrogate');
  for (const l of text.split('\n')) assert.ok(displayWidth(l) <= 40, l);
  const starts = columnOf(text, '|');
  assert.ok(
    starts.every((c) => c === starts[0]),
    text,
  );
});

test('displayWidth: wide 2, combining and zero-width 0, others 1', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('宿主机'), 6);
  assert.equal(displayWidth('ｱＡ'), 3); // halfwidth katakana 1, fullwidth A 2
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('🚀'), 2);
  assert.equal(displayWidth('©'), 1);
  assert.equal(displayWidth('a\u200bb'), 2);
});
