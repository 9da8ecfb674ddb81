/**
 * A notebook cell on Log Analytics: while a throttled service makes it wait, its output says so and
 * names the backend; an error the service gave no position is the running cell's own, not the
 * definitions cell's above it whose text happens to come first in the query sent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRetry } from '../../src/backends/logAnalytics/retryNotice';
import {
  describeCellError,
  placeCellError,
  runningNote,
  scopeCell,
  showsBackendStatus,
  wrapWords,
} from '../../src/notebook';

test('a retry the service asked for shows in the running cell, naming the backend', () => {
  assert.equal(
    runningNote(
      'Log Analytics: 7c2e4b1a…',
      'Log Analytics is throttling requests (429 Too Many Requests): waiting 3 s',
    ),
    'Running on Log Analytics: 7c2e4b1a…: Log Analytics is throttling requests (429 Too Many Requests): waiting 3 s',
  );
});

test('the waiting note, as the cell shows it, is broken at spaces into lines that fit the cell', () => {
  const note = runningNote(
    'Log Analytics: 7c2e4b1a…',
    describeRetry({ status: 429, waitSeconds: 4, retry: 1, maxRetries: 3 }),
  );
  assert.ok(note.length > 100, 'one line would run off the cell');
  assert.equal(
    wrapWords(note),
    'Running on Log Analytics: 7c2e4b1a…: Log Analytics is throttling requests (429 Too Many Requests):\n' +
      'waiting 4 s as it asked (Retry-After), then retry 1 of 3…',
  );
});

test("an error without a position is the running cell's own, told without a line:column", () => {
  const scoped = scopeCell(['let Recent = 1d;', 'Heartbeat | where TimeGenerated > ago(Recent)'], 1);
  const zero = { line: 0, character: 0 };
  // Placed, 0:0 is the first prelude line: cell 1's definitions.
  const placed = placeCellError(scoped, 1, { start: zero, end: zero });
  assert.equal(describeCellError(placed, 'boom'), 'in the definitions of cell 1: boom');
  const unplaced = placeCellError(scoped, 1, { start: zero, end: zero }, false);
  assert.deepEqual([unplaced.cellIndex, unplaced.inOwnCell, unplaced.unplaced], [1, true, true]);
  assert.equal(describeCellError(unplaced, 'Query exceeded the memory limit'), 'Query exceeded the memory limit');
});

test("a placed error in the cell's own text keeps its line:column, counted from the cell's first line", () => {
  const scoped = scopeCell(['let Recent = 1d;', '// mine\nHeartbeats\n| take 5'], 1);
  // The backend placed it at "Heartbeats": line 2 of the text sent (the prelude's line first).
  const place = placeCellError(scoped, 1, { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } });
  assert.equal(describeCellError(place, "named 'Heartbeats'"), "2:1: named 'Heartbeats'");
});

test('the backend status shows in a KQL editor and in a KQL notebook with no cell focused', () => {
  assert.equal(showsBackendStatus('kql', undefined), true);
  assert.equal(showsBackendStatus(undefined, 'kql-notebook'), true);
  assert.equal(showsBackendStatus('markdown', 'kql-notebook'), true);
  assert.equal(showsBackendStatus('json', undefined), false);
  assert.equal(showsBackendStatus(undefined, 'jupyter-notebook'), false);
});
