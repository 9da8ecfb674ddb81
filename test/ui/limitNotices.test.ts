/**
 * A run that meets a limit of the local engine tells the user which limit and which setting raises it:
 * the row limit (the engine only flags a cut result), the result size, memory and time.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueryResult } from '../../src/results/queryResult';
import { queryErrorMessage, resultWarnings, timeoutMessage } from '../../src/ui/limitNotices';

function result(
  rowCount: number,
  truncated: boolean,
  warnings: string[] = [],
  backend = 'local' as const,
): QueryResult {
  return {
    tables: [{ name: 'PrimaryResult', columns: [{ name: 'i', type: 'long' }], rows: [] }],
    stats: { backend, durationMs: 1, rowCount, truncated },
    warnings,
  };
}

test('a result cut at the row limit says how many rows were kept and names kql.local.rowLimit', () => {
  const [notice, ...rest] = resultWarnings(result(1000, true, ['a folder warning']), 1000);
  assert.match(notice!, /^Only the first 1,000 rows are kept: the query returned more than the row limit of 1,000/);
  assert.match(notice!, /kql\.local\.rowLimit/);
  assert.deepEqual(rest, ['a folder warning']);
  // Not cut, or fewer rows than the limit: nothing added.
  assert.deepEqual(resultWarnings(result(1000, false), 1000), []);
});

test("the size limit's warning names kql.local.resultLimitMB, and is not taken for the row limit", () => {
  const sized = 'The result PrimaryResult is larger than 1 MB; only its first 480 rows are shown (the size limit).';
  const warnings = resultWarnings(result(480, true, [sized]), 500_000);
  assert.equal(warnings.length, 1);
  assert.ok(warnings[0]!.startsWith(sized));
  assert.match(warnings[0]!, /kql\.local\.resultLimitMB/);
});

test("Log Analytics' warnings are its own", () => {
  const la = 'Showing the first 10 of 20 rows.';
  assert.deepEqual(resultWarnings(result(10, true, [la], 'logAnalytics' as never), 10), [la]);
});

test('a time-out names the setting of the backend that stopped it; the memory limit names kql.local.memoryLimitMB', () => {
  assert.match(
    timeoutMessage('The query did not finish within 8 s.', 'local'),
    /within 8 s\. .*kql\.local\.timeoutSeconds/,
  );
  assert.match(
    timeoutMessage('The query did not finish within 180 s.', 'logAnalytics'),
    /kql\.logAnalytics\.serverTimeoutSeconds/,
  );
  const memory = "range needs more memory than the embedded engine's limit of 64 MB for one query.";
  assert.match(queryErrorMessage(memory, 'local'), /64 MB for one query\. .*kql\.local\.memoryLimitMB/);
  assert.equal(queryErrorMessage('Unknown column Foo', 'local'), 'Unknown column Foo');
});
