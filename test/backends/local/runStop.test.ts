/**
 * A run's journal completes where a timeout or cancel stopped from what the run reported: the engine's
 * stop gets the load's files and rows, tables that finished loading are named, and nothing is made up
 * for a run that reported nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunJournal } from '../../../src/backends/local/runStop';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../../src/results/errors';

const progress = (table: string, filesDone: number, files: number, bytes: number, totalBytes: number, rows = 10) => ({
  table,
  filesDone,
  files,
  rows,
  bytes,
  totalBytes,
});

test("the engine's load stop gets the files and rows of the load's last report, and the tables loaded before", () => {
  const j = new RunJournal();
  j.noteLoad(progress('VMComputer', 1, 1, 100, 100));
  j.noteLoad(progress('VMConnection', 2, 12, 50, 900, 4000));
  const e = j.stopOf(
    new QueryTimeoutError(1000, undefined, { stage: 'load', table: 'VMConnection', bytes: 60, totalBytes: 900 }),
  );
  assert.ok(e instanceof QueryTimeoutError);
  assert.equal(e.timeoutMs, 1000);
  assert.deepEqual(e.stop, {
    stage: 'load',
    table: 'VMConnection',
    bytes: 60,
    totalBytes: 900,
    filesDone: 2,
    files: 12,
    rows: 4000,
    loaded: ['VMComputer'],
  });
});

test('a stop the engine did not name: the unfinished load, else the query past its loads, else the result being sent', () => {
  const loading = new RunJournal();
  loading.noteLoad(progress('Big', 0, 1, 10, 100));
  assert.deepEqual(loading.stopOf(new QueryCancelledError()).stop, {
    stage: 'load',
    table: 'Big',
    filesDone: 0,
    files: 1,
    rows: 10,
    bytes: 10,
    totalBytes: 100,
  });
  const ran = new RunJournal();
  ran.noteLoad(progress('Big', 1, 1, 100, 100));
  assert.deepEqual(ran.stopOf(new QueryTimeoutError(5000)).stop, { stage: 'query', loaded: ['Big'] });
  const sending = new RunJournal();
  sending.noteSending(20_000, 80_000);
  assert.deepEqual(sending.stopOf(new QueryTimeoutError(5000)).stop, {
    stage: 'result',
    rows: 20_000,
    totalRows: 80_000,
  });
});

test('nothing reported: no stop made up; other errors pass as they are', () => {
  const j = new RunJournal();
  assert.equal(j.stopOf(new QueryTimeoutError(5000)).stop, undefined);
  const other = new BackendError('data', 'gone');
  assert.equal(j.stopOf(other), other);
});
