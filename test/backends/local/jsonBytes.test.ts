/**
 * The result size limit counts what the rows weigh as the JSON the REST API sends (and `kql --format
 * json` writes): the count per cell must be those bytes exactly, and the cut falls at the byte.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowJsonBytes } from '../../../src/backends/local/jsonBytes';
import { toResultTable } from '../../../src/backends/local/runQuery';
import { executeQuery } from '../../../src/engine';
import { Database } from '../../../src/engine/database';
import type { ResultColumn, ResultTable, WireValue } from '../../../src/results/queryResult';
import { tablesJson } from '../../../src/results/wireJson';

/** Bytes of the table's `"rows":[…]` array as tablesJson writes it. */
function rowsArrayBytes(table: ResultTable): number {
  const empty = tablesJson([{ ...table, rows: [] }]);
  return Buffer.byteLength(tablesJson([table])) - Buffer.byteLength(empty) + 2;
}

test('a row counts the UTF-8 bytes of its JSON, whatever its cells hold', () => {
  const columns: ResultColumn[] = [
    { name: 'l', type: 'long' },
    { name: 'r', type: 'real' },
    { name: 's', type: 'string' },
    { name: 'd', type: 'dynamic' },
    { name: 'b', type: 'bool' },
    { name: 't', type: 'datetime' },
  ];
  const rows: WireValue[][] = [
    [0, 0.5, '', null, true, '2024-01-01T00:00:00Z'],
    [-1234567890123, -1.2345678901234567e-300, 'plain text', [1, 'two', { three: 3 }], false, null],
    ['851673153924341805', 1e21, 'quote " backslash \\ tab \t nul \u0000', '[1.0,2.0]', null, null],
    [null, 'NaN', 'é 中文 😀', { 'k"ey': [], empty: {}, n: null, deep: [[[-0]]] }, null, null],
    [9007199254740991, 123456.789, '\u2028', 'a dynamic string', null, null],
  ];
  for (const row of rows) {
    const table = { name: 't', columns, rows: [row] };
    assert.equal(rowJsonBytes(row, columns), rowsArrayBytes(table) - 2, JSON.stringify(row));
  }
  assert.equal(rowJsonBytes([], []), 2);
});

test('the size limit keeps a result whose rows weigh exactly the limit as JSON, and cuts one byte under', () => {
  const result = executeQuery(
    "range x from 1 to 50 step 1 | extend s = strcat('é', strrep('x', x)), d = pack('x', x), t = datetime(2024-01-01) + x * 1s",
    new Database([]),
  );
  const table = result.tables[0]!.table;
  const whole = toResultTable('PrimaryResult', table);
  const bytes = rowsArrayBytes(whole);
  assert.equal(whole.rows.length, 50);
  const atLimit = toResultTable('PrimaryResult', table, bytes);
  assert.equal(atLimit.cut, undefined);
  assert.equal(atLimit.rows.length, 50);
  const under = toResultTable('PrimaryResult', table, bytes - 1);
  assert.equal(under.cut, true);
  assert.equal(under.rows.length, 49);
  // What was kept fits: its own JSON is within the limit.
  assert.ok(rowsArrayBytes({ ...whole, rows: under.rows }) <= bytes - 1);
});
