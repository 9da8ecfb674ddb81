/** evaluate activity_counts_metrics, against the reference's example and the metrics it defines. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

const DAYS = `let start=datetime(2017-08-01);
let end=datetime(2017-08-04);
let window=1d;
let T = datatable(UserId:string, Timestamp:datetime)
[
'A', datetime(2017-08-01),
'D', datetime(2017-08-01),
'J', datetime(2017-08-01),
'B', datetime(2017-08-01),
'C', datetime(2017-08-02),
'T', datetime(2017-08-02),
'J', datetime(2017-08-02),
'H', datetime(2017-08-03),
'T', datetime(2017-08-03),
'T', datetime(2017-08-03),
'J', datetime(2017-08-03),
'B', datetime(2017-08-03),
'S', datetime(2017-08-03),
'S', datetime(2017-08-04),
];
T`;

const day = (d: number): number => ticks(`2017-08-${String(d).padStart(2, '0')}T00:00:00Z`);

test('activity_counts_metrics: the reference example, daily counts, distinct, new and running distinct users', () => {
  const r = run(`${DAYS} | evaluate activity_counts_metrics(UserId, Timestamp, start, end, window)`);
  assert.deepEqual(r.columns, ['Timestamp', 'count', 'dcount', 'new_dcount', 'aggregated_dcount']);
  assert.deepEqual(r.types, ['datetime', 'long', 'long', 'long', 'long']);
  assert.deepEqual(r.rows, [
    [day(1), 4, 4, 4, 4],
    [day(2), 3, 3, 2, 6],
    [day(3), 6, 5, 2, 8],
    [day(4), 1, 1, 0, 8],
  ]);
});

test('activity_counts_metrics: wider windows, the analysis period bounds the rows, dimensions count apart', () => {
  assert.deepEqual(run(`${DAYS} | evaluate activity_counts_metrics(UserId, Timestamp, start, end, 2d)`).rows, [
    [day(1), 7, 6, 6, 6],
    [day(3), 7, 5, 2, 8],
  ]);
  // From 08-02: the users of 08-01 are outside the analysis, so J and B are new on 08-02 and 08-03.
  assert.deepEqual(
    run(`${DAYS} | evaluate activity_counts_metrics(UserId, Timestamp, datetime(2017-08-02), datetime(2017-08-03), 1d)`)
      .rows,
    [
      [day(2), 3, 3, 3, 3],
      [day(3), 6, 5, 3, 6],
    ],
  );
  const byFirst = run(
    `${DAYS} | extend Half = iff(strcmp(UserId, 'E') < 0, 'early', 'late') | evaluate activity_counts_metrics(UserId, Timestamp, start, end, window, Half)`,
  );
  assert.deepEqual(byFirst.columns, ['Timestamp', 'Half', 'count', 'dcount', 'new_dcount', 'aggregated_dcount']);
  assert.deepEqual(byFirst.rows, [
    [day(1), 'early', 3, 3, 3, 3],
    [day(1), 'late', 1, 1, 1, 1],
    [day(2), 'early', 1, 1, 1, 4],
    [day(2), 'late', 2, 2, 1, 2],
    [day(3), 'early', 1, 1, 0, 4],
    [day(3), 'late', 5, 4, 2, 4],
    [day(4), 'late', 1, 1, 0, 4],
  ]);
});

test('activity_counts_metrics: null ids are rows, not users; no rows give none; bad arguments say why', () => {
  const r = run(`datatable(Id:long, T:long) [1, 0, long(null), 0, 1, 1, 2, 1]
    | evaluate activity_counts_metrics(Id, T, 0, 1, 1)`);
  assert.deepEqual(r.rows, [
    [0, 2, 1, 1, 1],
    [1, 2, 2, 1, 2],
  ]);
  assert.deepEqual(
    run(`${DAYS} | take 0 | evaluate activity_counts_metrics(UserId, Timestamp, start, end, window)`).rows,
    [],
  );
  assert.throws(
    () => run(`${DAYS} | evaluate activity_counts_metrics(UserId, Timestamp, start, end, 0d)`),
    /activity_counts_metrics: Window is more than 0/,
  );
  assert.throws(
    () => run(`${DAYS} | evaluate activity_counts_metrics(UserId, Timestamp, 1, end, window)`),
    /activity_counts_metrics: Start is a datetime for a datetime timeline, not long/,
  );
  // The reference also names 'week', 'month' and 'year' as windows; Kusto.Language refuses text there.
  assert.throws(
    () => run(`${DAYS} | evaluate activity_counts_metrics(UserId, Timestamp, start, end, 'month')`),
    /must be summable: a number, timespan or datetime/,
  );
});
