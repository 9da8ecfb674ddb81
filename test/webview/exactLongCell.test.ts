/**
 * A long past 2^53 reaches the results grid with every digit: the wire carries it as its digits under a
 * long column, the columnar message keeps it exactly beside the column's doubles (src/protocol/
 * longColumn.ts; a Float64Array alone would round it), and the cell shows its digits. Exports write it back as a JSON number with all its digits.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatCsv, formatJson } from '../../src/cli/formatTable';
import { Int64 } from '../../src/engine/int64';
import { toWire } from '../../src/engine/wireValues';
import { ColumnarCells, toColumnar } from '../../src/protocol/columnar';
import { toCsv, toJsonRecords } from '../../src/render/exportData';
import type { ResultTable } from '../../src/results/queryResult';
import { type CellElement, renderCell } from '../../webview/results/cell';

const BIG = '851673153924341805';

function table(): ResultTable {
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'id', type: 'long' },
      { name: 'n', type: 'long' },
    ],
    rows: [
      [toWire(new Int64(BigInt(BIG)), 'long'), 5],
      [toWire(new Int64(-(2n ** 63n)), 'long'), null],
    ],
  };
}

describe('a long past 2^53 in the results grid and exports', () => {
  test('the grid cell shows every digit after the columnar message', () => {
    const cells = new ColumnarCells(toColumnar(table()));
    const cell: CellElement = { textContent: null, title: '', className: '' };
    renderCell(cell, cells.value(0, 0), cells.text(0, 0), 'long', false);
    assert.equal(cell.textContent, BIG);
    assert.equal(cell.className, 'cell num');
    renderCell(cell, cells.value(1, 0), undefined, 'long', false);
    assert.equal(cell.textContent, '-9223372036854775808');
    // The column of small longs still travels as numbers.
    assert.equal(cells.value(0, 1), 5);
  });
  test('JSON exports write it as a number with all its digits', () => {
    const records = toJsonRecords(table());
    assert.match(records, /"id": 851673153924341805,/);
    assert.match(records, /"id": -9223372036854775808,/);
    assert.deepEqual(
      JSON.parse(records),
      JSON.parse(
        JSON.stringify([
          { id: Number(BIG), n: 5 },
          { id: -(2 ** 63), n: null },
        ]),
      ),
    );
    const body = formatJson([table()]);
    assert.match(body, /"rows":\[\[851673153924341805,5\],\[-9223372036854775808,null\]\]/);
  });
  test('CSV exports and the CLI write its digits as they are', () => {
    assert.match(toCsv(table()), /\r\n851673153924341805,5\r\n-9223372036854775808,\r\n$/);
    assert.match(formatCsv(table()), /\r\n851673153924341805,5\r\n-9223372036854775808,$/);
  });
  test('records JSON matches JSON.stringify for ordinary values', () => {
    const t: ResultTable = {
      name: 'T',
      columns: [
        { name: 'a', type: 'dynamic' },
        { name: '__proto__', type: 'string' },
      ],
      rows: [[{ x: [1, { y: 2 }] }, 'p']],
    };
    const expected = [Object.assign(Object.create(null), { a: { x: [1, { y: 2 }] }, ['__proto__']: 'p' })];
    assert.equal(toJsonRecords(t), `${JSON.stringify(expected, null, 2)}\n`);
    assert.equal(toJsonRecords({ ...t, rows: [] }), '[]\n');
  });
});
