/**
 * What a notebook cell says about where it ran: the wait of a throttled Log Analytics while it runs,
 * and, in Restricted Mode, that a notebook meant for Log Analytics ran on the local engine instead.
 * A Log Analytics error without a position is the cell's own, not the definitions cell's above it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cannotRunText,
  cellWarnings,
  describeCellError,
  placeCellError,
  RESTRICTED_MODE_NOTE,
  runningNote,
  scopeCell,
} from '../../src/notebook';

const onLogAnalytics = { label: 'Log Analytics: 7c2e4b1a…', restrictedFromLogAnalytics: false };
const restricted = { label: 'Sample workspace', restrictedFromLogAnalytics: true };

test('a retry the service asked for shows in the running cell, naming the backend', () => {
  assert.equal(
    runningNote(onLogAnalytics.label, 'Log Analytics is throttling requests (429 Too Many Requests): waiting 3 s'),
    'Running on Log Analytics: 7c2e4b1a…: Log Analytics is throttling requests (429 Too Many Requests): waiting 3 s',
  );
});

test('a result on the chosen backend keeps its warnings as they are', () => {
  assert.deepEqual(cellWarnings(['Partial results: the query hit a limit'], onLogAnalytics), [
    'Partial results: the query hit a limit',
  ]);
});

test('in Restricted Mode a result says it came from the local engine and why', () => {
  const notes = cellWarnings(['Showing the first 10 rows.'], restricted);
  assert.deepEqual(notes, ['Showing the first 10 rows.', RESTRICTED_MODE_NOTE]);
  assert.match(notes[1]!, /not Log Analytics: this folder is not trusted \(Restricted Mode\)/);
  assert.match(notes[1]!, /Trust the folder to run on Log Analytics/);
});

test('a cell that cannot run says so, and in Restricted Mode which workspace it was checked against', () => {
  assert.equal(cannotRunText('It reads Heartbeat.', onLogAnalytics), 'Cannot run here. It reads Heartbeat.');
  assert.equal(
    cannotRunText('It reads Heartbeat.', restricted),
    `Cannot run here. It reads Heartbeat.\nIt was checked against Sample workspace. ${RESTRICTED_MODE_NOTE}`,
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
