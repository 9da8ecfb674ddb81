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

test("the engine's notice of a result cut at the row limit names kql.local.rowLimit; other warnings are kept", () => {
  const cut = 'The result has 5000 rows; only the first 1000 are shown (the row limit).';
  const [notice, other] = resultWarnings(result(1000, true, [cut, 'a folder warning']));
  assert.ok(notice!.startsWith(cut));
  assert.match(notice!, /The limit is the setting kql\.local\.rowLimit: raise it/);
  assert.equal(other, 'a folder warning');
});

test("the size limit's notice names kql.local.resultLimitMB, not the row limit's setting", () => {
  const sized = 'The result PrimaryResult is larger than 1 MB; only its first 480 rows are shown (the size limit).';
  const [notice] = resultWarnings(result(480, true, [sized]));
  assert.ok(notice!.startsWith(sized));
  assert.match(notice!, /kql\.local\.resultLimitMB/);
  assert.doesNotMatch(notice!, /rowLimit/);
});

test("Log Analytics' answer cut at the row limit names kql.local.rowLimit, which cut it; its other warnings are its own", () => {
  const la = 'Showing the first 100,000 of 500,000 rows.';
  const partial = 'Partial results: Query result set has exceeded the internal record count limit 500000.';
  const [notice, other] = resultWarnings(result(100_000, true, [la, partial], 'logAnalytics' as never));
  assert.ok(notice!.startsWith(la));
  assert.match(
    notice!,
    /The limit is the setting kql\.local\.rowLimit, which caps Log Analytics answers too: raise it/,
  );
  assert.equal(other, partial);
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
