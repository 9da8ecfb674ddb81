import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRunFailure, formatRunStats } from '../../src/render/runSummary';

const stats = (rowCount: number, truncated = false) => ({
  backend: 'local' as const,
  durationMs: 84.4,
  rowCount,
  truncated,
});

test('rows and time, with "row" for one', () => {
  assert.equal(formatRunStats(stats(1)), '1 row · 84 ms');
  assert.equal(formatRunStats(stats(0)), '0 rows · 84 ms');
  assert.equal(formatRunStats(stats(12345)), '12,345 rows · 84 ms');
  assert.equal(formatRunStats(stats(500000, true)), '500,000+ rows · 84 ms');
  assert.equal(formatRunStats({ ...stats(2), durationMs: 2345 }), '2 rows · 2.3 s');
  assert.equal(formatRunStats({ ...stats(30000), partial: true }), '$(warning) 30,000 rows (partial) · 84 ms');
});

test('a failure says so instead of the previous figures', () => {
  assert.match(formatRunFailure('query'), /query error/);
  assert.match(formatRunFailure('backend'), /failed/);
  assert.equal(formatRunFailure('cancelled'), 'cancelled');
  assert.match(formatRunFailure('timeout'), /timed out/);
});
