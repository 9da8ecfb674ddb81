/**
 * A long column holding longs past 2^53 travels to the webview as doubles with those rows exact beside
 * them (src/protocol/longColumn.ts): every reader (cell text and value, sort, filter, copy, exports)
 * gets every digit, and a malformed one is refused before anything reads it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ColumnarCells, type ColumnarTable, columnarProblem, toColumnar } from '../../src/protocol/columnar';
import { exactAt, type LongColumn } from '../../src/protocol/longColumn';
import { validateResultPayload } from '../../src/protocol/validate';
import { webviewPayload } from '../../src/protocol/webviewPayload';
import { exportedTable, toCsv, toJsonRecords } from '../../src/render/exportData';
import { RowOrder } from '../../src/render/rowOrder';
import { rowCells, tableOf } from '../../src/render/tableCells';
import type { ResultTable } from '../../src/results/queryResult';

const MIN = '-9223372036854775808';
const MAX = '9223372036854775807';

/** As backends hand longs over: numbers within 2^53, digits past it (engine/wireValues.ts toWire). */
const table: ResultTable = {
  name: 'PrimaryResult',
  columns: [
    { name: 'Hash', type: 'long' },
    { name: 'Name', type: 'string' },
  ],
  rows: [
    ['851673153924341805', 'a'],
    [5, 'b'],
    [null, 'c'],
    [MIN, 'd'],
    ['9007199254740993', 'e'],
    ['9007199254740992', 'f'],
    [MAX, 'g'],
    [-3, 'h'],
    ['9007199254740994', 'i'],
  ],
};

function longData(t: ColumnarTable, c = 0): LongColumn {
  const d = t.data[c]!;
  assert.equal(d.kind, 'long');
  return d as LongColumn;
}

describe('encoding a long column with longs past 2^53', () => {
  test('travels as doubles with the exact rows beside, not as JSON text', () => {
    const d = longData(toColumnar(table));
    assert.deepEqual([...d.exactRows], [0, 3, 4, 5, 6, 8]);
    assert.deepEqual(
      [...d.exact],
      [851673153924341805n, -(2n ** 63n), 9007199254740993n, 9007199254740992n, 2n ** 63n - 1n, 9007199254740994n],
    );
    assert.deepEqual([...d.nulls!], [0, 0, 1, 0, 0, 0, 0, 0, 0]);
    assert.equal(d.values[1], 5);
    assert.equal(d.values[0], 851673153924341805);
    assert.equal(exactAt(d, 1), undefined);
    assert.equal(exactAt(d, 6), 2n ** 63n - 1n);
    assert.equal(columnarProblem(toColumnar(table)), undefined);
  });

  test('every cell reads as the row form reads it: digits past 2^53, numbers and nulls as they were', () => {
    const cols = new ColumnarCells(toColumnar(table));
    const rows = rowCells(table);
    for (let r = 0; r < table.rows.length; r++) {
      assert.equal(cols.text(r, 0), rows.text(r, 0), `text ${r}`);
      assert.equal(cols.value(r, 0), rows.value(r, 0), `value ${r}`);
    }
    assert.equal(cols.text(3, 0), MIN);
    assert.equal(cols.text(6, 0), MAX);
    assert.equal(cols.text(2, 0), '');
    assert.equal(cols.value(2, 0), null);
    assert.ok(Number.isNaN(cols.number(2, 0)));
    assert.equal(cols.number(0, 0), 851673153924341805);
  });

  test('a column of longs within 2^53 stays a number column; digits that are not such a long fall back to JSON', () => {
    const kinds = (rows: ResultTable['rows'], type: 'long' | 'int' | 'decimal' = 'long') =>
      toColumnar({ name: 't', columns: [{ name: 'x', type }], rows }).data[0]!.kind;
    assert.equal(kinds([[1], [null], [2 ** 53 + 2]]), 'number');
    // Digits a double holds exactly are not what a backend sends: the column keeps them as they are.
    assert.equal(kinds([['20'], [1]]), 'json');
    // Past a long's range, or not digits at all.
    assert.equal(kinds([['9223372036854775808']]), 'json');
    assert.equal(kinds([['-9223372036854775809']]), 'json');
    assert.equal(kinds([['1e30']]), 'json');
    assert.equal(kinds([[' 9007199254740993']]), 'json');
    // Only long columns: an int or decimal column with such digits keeps its JSON text.
    assert.equal(kinds([['9007199254740993']], 'decimal'), 'json');
    assert.equal(kinds([['9007199254740993']], 'int'), 'json');
  });

  test('packed into the payload buffer and cloned as postMessage clones it, it reads the same', () => {
    const payload = webviewPayload({
      tables: [table],
      stats: { backend: 'local', durationMs: 1, rowCount: table.rows.length, truncated: false },
      warnings: [],
    });
    const packed = longData(payload.tables[0]!);
    assert.equal(packed.exact.buffer, packed.values.buffer, 'one ArrayBuffer for every array');
    assert.equal(packed.exact.byteOffset % 8, 0);
    const cloned = structuredClone(payload.tables[0]!);
    assert.equal(columnarProblem(cloned), undefined);
    const cells = new ColumnarCells(cloned);
    assert.deepEqual(
      Array.from({ length: table.rows.length }, (_, r) => cells.text(r, 0)),
      ['851673153924341805', '5', '', MIN, '9007199254740993', '9007199254740992', MAX, '-3', '9007199254740994'],
    );
  });
});

describe('reading it in the grid and exports', () => {
  const expected = [
    MIN,
    '-3',
    '5',
    '9007199254740992',
    '9007199254740993',
    '9007199254740994',
    '851673153924341805',
    MAX,
  ];

  test('sorting orders by the exact value, not by the double (three neighbours share one), nulls last', () => {
    for (const cells of [new ColumnarCells(toColumnar(table)), rowCells(table)]) {
      const order = new RowOrder(cells);
      const up = order.order('', { column: 0, descending: false }).map((r) => cells.text(r, 0));
      assert.deepEqual(up, [...expected, '']);
      const down = order.order('', { column: 0, descending: true }).map((r) => cells.text(r, 0));
      assert.deepEqual(down, [...expected.reverse(), '']);
      expected.reverse();
    }
  });

  test('the filter finds every digit', () => {
    const cells = new ColumnarCells(toColumnar(table));
    assert.deepEqual(new RowOrder(cells).order('9007199254740993', undefined), [4]);
    assert.deepEqual(new RowOrder(cells).order('4775807', undefined), [6]);
  });

  test('copy (rows read back) and CSV/JSON exports of the sorted view write every digit', () => {
    const cells = new ColumnarCells(toColumnar(table));
    const copied = tableOf('PrimaryResult', cells);
    assert.deepEqual(copied.rows, table.rows);
    const sorted = exportedTable(table, { filter: '', sort: { column: 0, descending: false } });
    const csv = toCsv(sorted).split('\r\n').slice(1, 4);
    assert.deepEqual(csv, [`${MIN},d`, '-3,h', '5,b']);
    assert.match(toCsv(sorted), /\r\n9007199254740992,f\r\n9007199254740993,e\r\n9007199254740994,i\r\n/);
    const json = toJsonRecords(sorted);
    assert.match(json, /"Hash": -9223372036854775808,/);
    assert.match(json, /"Hash": 9223372036854775807,/);
    assert.match(json, /"Hash": 9007199254740993,\n {4}"Name": "e"/);
  });
});

describe('a malformed long column is refused', () => {
  const good = () => longData(toColumnar(table));
  const problem = (d: Record<string, unknown>) =>
    columnarProblem({ ...toColumnar(table), data: [d, toColumnar(table).data[1]] });

  test('arrays of the wrong type or length', () => {
    assert.match(problem({ ...good(), values: new Float64Array(3) })!, /column 0 needs 9 float64 values/);
    assert.match(problem({ ...good(), nulls: new Uint8Array(2) })!, /null mask of the wrong length/);
    assert.match(problem({ ...good(), exact: new Float64Array(6) })!, /as many exact rows \(uint32\) as exact values/);
    assert.match(problem({ ...good(), exact: new BigInt64Array(5) })!, /as many exact rows/);
    assert.match(problem({ ...good(), exactRows: [0, 3, 4, 5, 6, 8] })!, /as many exact rows/);
    assert.match(problem({ ...good(), kind: 'bigint' })!, /column 0 has an unknown kind/);
  });

  test('exact rows out of order, past the table, null, within 2^53 or not the double', () => {
    const rows = (xs: number[]) => ({ ...good(), exactRows: Uint32Array.from(xs) });
    assert.match(problem(rows([0, 3, 4, 4, 6, 8]))!, /exact row 4 out of order/);
    assert.match(problem(rows([0, 3, 5, 4, 6, 8]))!, /exact row 4 out of order/);
    assert.match(problem(rows([0, 3, 4, 5, 6, 9]))!, /exact row 9 out of order or past its 9 rows/);
    const withNull = good();
    const nulls = withNull.nulls!.slice();
    nulls[4] = 1;
    assert.match(problem({ ...withNull, nulls })!, /exact value 9007199254740993 at row 4 that is null/);
    const exact = good().exact.slice();
    exact[0] = 12n;
    assert.match(problem({ ...good(), exact })!, /exact value 12 at row 0/);
    const values = good().values.slice();
    values[0] = 1;
    assert.match(problem({ ...good(), values })!, /exact value 851673153924341805 at row 0 .*not its double's/);
  });
});

describe('the webview refuses a result whose long column is malformed', () => {
  test('a long array of the wrong length, and a bogus kind, with the table and column', () => {
    const payload = webviewPayload({
      tables: [table],
      stats: { backend: 'logAnalytics', durationMs: 1, rowCount: table.rows.length, truncated: false },
      warnings: [],
    });
    assert.equal(validateResultPayload(structuredClone(payload)).ok, true);
    const withColumn = (d: Record<string, unknown>) => ({
      ...payload,
      tables: [{ ...payload.tables[0]!, data: [d, payload.tables[0]!.data[1]] }],
    });
    const long = longData(payload.tables[0]!);
    const short = validateResultPayload(withColumn({ ...long, exact: long.exact.subarray(1) }));
    assert.equal(short.ok, false);
    assert.match(
      short.ok ? '' : short.reason,
      /^table 0 column 0 needs as many exact rows \(uint32\) as exact values \(int64\)/,
    );
    const bogus = validateResultPayload(withColumn({ ...long, kind: 'int64' }));
    assert.match(bogus.ok ? '' : bogus.reason, /^table 0 column 0 has an unknown kind/);
  });
});
