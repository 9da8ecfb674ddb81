/**
 * A notebook cell's partial answer (Log Analytics stopped early): its row count says "(partial)" where
 * the count is shown, as the results panel's status line and the status bar do, since the count is not
 * the whole answer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cellRowsText,
  RESULT_MIME,
  readNotebook,
  resultOutputMetadata,
  resultPayload,
  tablesRowsText,
  writeNotebook,
} from '../../src/notebook';
import { outputStatusText } from '../../src/notebook/resultPayload';
import { savedOutputMetadata } from '../../src/notebook/outputMetadata';
import { formatRunStats, PARTIAL_ANSWER_NOTE } from '../../src/render/runSummary';
import type { QueryResult } from '../../src/results/queryResult';

function answer(rows: number, partial: boolean, tables = 1): QueryResult {
  const table = (name: string) => ({
    name,
    columns: [{ name: 'Computer', type: 'string' as const }],
    rows: Array.from({ length: rows }, (_, i) => [`m${i}`]),
  });
  return {
    tables: Array.from({ length: tables }, (_, i) => table(i === 0 ? 'PrimaryResult' : `Table_${i}`)),
    stats: {
      backend: 'logAnalytics',
      durationMs: 812.4,
      rowCount: rows,
      truncated: false,
      ...(partial ? { partial } : {}),
    },
    warnings: partial ? ['Partial results: Query execution has exceeded the allowed limits (80MB).'] : [],
  };
}

test("the output's status line marks a partial answer as the results panel does", () => {
  const partial = resultPayload(answer(30_000, true), 'Log Analytics: 7c2e4b1a…');
  assert.equal(outputStatusText(partial, 0), `30,000 rows (partial) · 812 ms · ${PARTIAL_ANSWER_NOTE}`);
  assert.equal(outputStatusText(resultPayload(answer(30_000, false)), 0), '30,000 rows · 812 ms');
  const two = resultPayload(answer(5, true, 2));
  assert.equal(outputStatusText(two, 1), `5 rows (partial) · 812 ms · table 2 of 2 · ${PARTIAL_ANSWER_NOTE}`);
  // The status bar after the same answer in a .kql file says it so too.
  assert.match(formatRunStats(answer(30_000, true).stats), /30,000 rows \(partial\)/);
});

test("the cell's status bar and the output's text say (partial) after the count, also once saved and reopened", () => {
  const payload = resultPayload(answer(1, true));
  const meta = resultOutputMetadata(payload);
  assert.equal(meta.partial, true);
  assert.equal(cellRowsText([meta.rowCount!], meta.partial), '1 row (partial)');
  assert.equal(cellRowsText([12, 3], true), '12 + 3 rows in 2 tables (partial)');
  assert.equal(cellRowsText([12]), '12 rows');
  assert.equal(tablesRowsText(answer(2, true)), '2 rows (partial)');
  assert.equal(tablesRowsText(answer(2, true, 2)), 'PrimaryResult: 2 rows, Table_1: 2 rows (partial)');
  assert.equal(resultOutputMetadata(resultPayload(answer(2, false))).partial, undefined);

  const file = writeNotebook(
    { cells: [{ kind: 'code', language: 'kql', source: 'T', outputs: [[{ mime: RESULT_MIME, value: payload }]] }] },
    2_000,
  );
  const reopened = readNotebook(file).cells[0]!.outputs![0]!;
  assert.equal(savedOutputMetadata(reopened)?.partial, true);
});

test('a file that says partial is anything but true marks nothing', () => {
  const payload = resultPayload(answer(3, false));
  const odd = { ...payload, result: { ...payload.result, stats: { ...payload.result.stats, partial: 'yes' } } };
  assert.equal(resultOutputMetadata(odd as never).partial, undefined);
  assert.equal(outputStatusText(odd as never, 0), '3 rows · 812 ms');
});
