import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { ColumnarCells, columnarBuffers, columnarProblem, toColumnar } from '../../src/protocol/columnar';
import { shownText } from '../../src/render/cellText';
import { rowCells } from '../../src/render/tableCells';

const table: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'Computer', type: 'string' },
    { name: 'Bytes', type: 'long' },
    { name: 'Ok', type: 'bool' },
    { name: 'When', type: 'datetime' },
    { name: 'Info', type: 'dynamic' },
    { name: 'Odd', type: 'long' },
    { name: 'Ratio', type: 'real' },
  ],
  rows: [
    ['web-é€😀', 5, true, '2024-05-01T02:00:00Z', { a: [1, 'x'] }, '20', 0.5],
    ['surrogate pair 😀 and é', null, null, null, 'just text', 3, NaN],
    [null, -0, false, '2024-05-01T00:00:00.5Z', null, null, -1.25e300],
    ['web-é€😀', 2 ** 53 + 2, true, '2024-05-01T00:00:00.5Z', [1, 2], 7, null],
    ['<img src=x onerror=alert(1)>', 9, false, '', 42, 8, 1],
  ],
};

test('every cell reads back as the row form reads it (text and value)', () => {
  const cols = new ColumnarCells(toColumnar(table));
  const rows = rowCells(table);
  assert.equal(cols.rowCount, 5);
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < table.columns.length; c++) {
      const expected: WireValue = rows.value(r, c);
      assert.equal(cols.text(r, c), rows.text(r, c), `text ${r},${c}`);
      assert.deepEqual(cols.value(r, c), expected, `value ${r},${c}`);
    }
  }
});

test('numbers, bools and text travel as typed arrays; a long column holding text falls back to JSON', () => {
  const t = toColumnar(table);
  assert.deepEqual(
    t.data.map((d) => d.kind),
    ['text', 'number', 'bool', 'text', 'json', 'json', 'number'],
  );
  const strings = t.data[0]!;
  assert.ok(strings.kind === 'text' && strings.offsets.length === 3, 'repeated strings are stored once');
  assert.equal(columnarBuffers(t).length, 17);
  assert.equal(columnarProblem(t), undefined);
});

test('a lone surrogate reaches the grid as itself, not U+FFFD: its text column travels as JSON', () => {
  const lone: ResultTable = {
    name: 'PrimaryResult',
    columns: [
      { name: 'High', type: 'string' },
      { name: 'Low', type: 'string' },
      { name: 'Plain', type: 'string' },
      { name: 'Info', type: 'dynamic' },
    ],
    rows: [
      ['a\ud800b', 'x\udc00', 'é', { k: 'v\ud800' }],
      ['a\ud800b', null, 'ok', null],
    ],
  };
  const t = toColumnar(lone);
  assert.deepEqual(
    t.data.map((d) => d.kind),
    ['json', 'json', 'text', 'json'],
  );
  assert.equal(columnarProblem(t), undefined);
  const cols = new ColumnarCells(t);
  assert.equal(cols.value(0, 0), 'a\ud800b');
  assert.equal(cols.text(1, 0), 'a\ud800b');
  assert.equal(cols.value(0, 1), 'x\udc00');
  assert.equal(cols.value(1, 1), null);
  assert.deepEqual(cols.value(0, 3), { k: 'v\ud800' });
  // What the grid then draws (cellText.ts): the half that it is, by its code point.
  assert.equal(shownText(cols.text(0, 0)), 'a[U+D800]b');
});

test('a malformed table is refused before anything reads it', () => {
  const t = toColumnar(table);
  const text = t.data[0] as { codes: Uint32Array };
  const bad = (data: unknown[]) => columnarProblem({ ...t, data });
  assert.match(bad([{ ...t.data[0], codes: Uint32Array.from([0, 1, 2, 3, 9]) }, ...t.data.slice(1)])!, /code past/);
  assert.match(bad([{ ...t.data[0], offsets: Uint32Array.from([5, 2]) }, ...t.data.slice(1)])!, /go back/);
  assert.match(bad([{ ...t.data[0], offsets: Uint32Array.from([5, 100000]) }, ...t.data.slice(1)])!, /past its text/);
  assert.match(bad([{ kind: 'number', values: [1, 2, 3, 4, 5] }, ...t.data.slice(1)])!, /float64/);
  assert.match(bad([{ kind: 'bool', values: Uint8Array.from([0, 1, 2, 3, 0]) }, ...t.data.slice(1)])!, /bool/);
  assert.match(columnarProblem({ ...t, rowCount: 6 })!, /column 0/);
  assert.match(columnarProblem({ ...t, data: t.data.slice(1) })!, /one data entry per column/);
  assert.equal(text.codes.length, 5);
});
