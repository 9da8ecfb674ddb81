import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultTable, WireValue } from '../../src/results/queryResult';
import { ColumnarCells, columnarBuffers, columnarProblem, toColumnar } from '../../src/protocol/columnar';
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
    ['lone \ud800 surrogate', null, null, null, 'just text', 3, NaN],
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
      const text = rows.text(r, c).replace('\ud800', '\ufffd');
      assert.equal(cols.text(r, c), text, `text ${r},${c}`);
      if (typeof expected === 'string') {
        assert.equal(cols.value(r, c), expected.replace('\ud800', '\ufffd'));
      } else {
        assert.deepEqual(cols.value(r, c), expected, `value ${r},${c}`);
      }
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
