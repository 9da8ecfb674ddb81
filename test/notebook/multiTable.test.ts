/** A notebook cell whose query returns several tables (fork, facet, a batch): every table kept, each named. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cellRowsText,
  NotebookFormatError,
  type NotebookResultPayload,
  RESULT_MIME,
  readNotebook,
  resultPayload,
  rowsReturnedOf,
  savedRowsNote,
  tablesRowsText,
  writeNotebook,
} from '../../src/notebook';
import type { QueryResult, ResultTable } from '../../src/results/queryResult';

function table(name: string, rows: number): ResultTable {
  return {
    name,
    columns: [{ name: 'Computer', type: 'string' }],
    rows: Array.from({ length: rows }, (_, i) => [`m${i}`]),
  };
}

function result(...tables: ResultTable[]): QueryResult {
  const rowCount = tables.reduce((n, t) => n + t.rows.length, 0);
  return { tables, stats: { backend: 'local', durationMs: 5, rowCount, truncated: false }, warnings: [] };
}

const fork = result(table('Destinations', 12), table('Machines', 3));

const fileWith = (value: unknown): string =>
  JSON.stringify({
    kqlNotebook: 1,
    cells: [{ kind: 'code', language: 'kql', source: ['x'], outputs: [[{ mime: RESULT_MIME, value }]] }],
  });

test("a payload of several tables keeps them all with each one's row count; one table's is as before", () => {
  const p = resultPayload(fork);
  assert.deepEqual(
    p.result.tables.map((t) => t.name),
    ['Destinations', 'Machines'],
  );
  assert.equal(p.rowsReturned, 12);
  assert.deepEqual(p.tableRowsReturned, [12, 3]);
  assert.deepEqual(Object.keys(resultPayload(result(table('PrimaryResult', 4)))), ['result', 'rowsReturned']);
  assert.equal(resultPayload(result()).rowsReturned, 0);
});

test('the summary names each table; the status bar adds the counts up', () => {
  assert.equal(tablesRowsText(fork), 'Destinations: 12 rows, Machines: 3 rows');
  assert.equal(tablesRowsText(result(table('PrimaryResult', 1))), '1 row');
  assert.equal(cellRowsText([12, 3]), '12 + 3 rows in 2 tables');
  assert.equal(cellRowsText([1, 0]), '1 + 0 rows in 2 tables');
  assert.equal(cellRowsText([1_234]), '1,234 rows');
  assert.equal(cellRowsText([]), '0 rows');
});

test('saving caps every table and each one says how many rows its query returned', () => {
  const text = writeNotebook(
    {
      cells: [
        { kind: 'code', language: 'kql', source: 'x', outputs: [[{ mime: RESULT_MIME, value: resultPayload(fork) }]] },
      ],
    },
    2,
  );
  const saved = readNotebook(text).cells[0]!.outputs![0]![0]!.value as NotebookResultPayload;
  assert.deepEqual(
    saved.result.tables.map((t) => [t.name, t.rows.length]),
    [
      ['Destinations', 2],
      ['Machines', 2],
    ],
  );
  assert.deepEqual(saved.tableRowsReturned, [12, 3]);
  assert.equal(rowsReturnedOf(saved, 1), 3);
  assert.equal(savedRowsNote(saved, 0), 'Saved 2 of 12 rows: run the cell again for all of them.');
  assert.equal(savedRowsNote(saved, 1), 'Saved 2 of 3 rows: run the cell again for all of them.');
  // A file written before the per-table counts: the second table's own rows are all it knows of.
  const old: NotebookResultPayload = { result: saved.result, rowsReturned: 12 };
  assert.equal(rowsReturnedOf(old, 1), 2);
  assert.equal(savedRowsNote(old, 1), undefined);
});

test('a file whose per-table counts do not match its tables fails with the cell and the reason', () => {
  const bad = { ...resultPayload(fork), tableRowsReturned: [12] };
  assert.throws(
    () => readNotebook(fileWith(bad)),
    (e: unknown) =>
      e instanceof NotebookFormatError &&
      e.message === 'Cell 1, output 1, item 1: "tableRowsReturned" must be one number for each of the 2 tables',
  );
  assert.throws(() => readNotebook(fileWith({ ...resultPayload(fork), tableRowsReturned: [12, '3'] })), /one number/);
  assert.doesNotThrow(() => readNotebook(fileWith(resultPayload(fork))));
});
