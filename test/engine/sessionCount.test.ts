/**
 * evaluate session_count. The reference shows its example's result only as a chart over
 * deterministic data (Id appears at every multiple of Id, Timeline 1…9999, Bin 100, LookBackWindow
 * 41): the rule the engine follows (a session starts at an appearance with none of the same id in
 * the look-back before it; bins of bin()) is tested against that chart's shape, then on its own.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

const DATA = `let _data = range Timeline from 1 to 9999 step 1
    | extend __key = 1
    | join kind=inner (range Id from 1 to 50 step 1 | extend __key=1) on __key
    | where Timeline % Id == 0
    | project Timeline, Id;`;

test('session_count: the reference example, the chart of sessions started per 100 time slots', () => {
  const r = run(`${DATA} _data | evaluate session_count(Id, Timeline, 1, 10000, 100, 41)`);
  assert.deepEqual(r.columns, ['Timeline', 'count_sessions']);
  assert.deepEqual(r.types, ['long', 'long']);
  // One point per 100 slots, at 0, 100, …, 9900 as the chart's x axis places them.
  assert.deepEqual(
    r.rows.map((row) => row[0]),
    Array.from({ length: 100 }, (_, k) => k * 100),
  );
  // The first bin holds every id's first session (50) and the second appearance of ids 42…49 (8):
  // the chart's first point reads 57 (see docs/engine-coverage.md).
  assert.equal(r.rows[0]![1], 58);
  // The chart's next points, read off it: 18, 19, 20, 19, 20, 19, 21, 18.
  assert.deepEqual(
    r.rows.slice(1, 9).map((row) => row[1]),
    [18, 19, 20, 19, 20, 19, 21, 18],
  );
  // Then it stays between 18 and 23, about 20: ids 42…50 start a session at each appearance
  // (100 × Σ 1/k ≈ 19.95 per bin); ids up to 41 appear again within the look-back and never do.
  const later = r.rows.slice(1).map((row) => row[1] as number);
  assert.ok(later.every((n) => n >= 18 && n <= 23));
  assert.ok(Math.abs(later.reduce((a, b) => a + b, 0) / later.length - 19.95) < 0.5);
});

test('session_count: the look-back reaches back to an appearance exactly LookBackWindow before', () => {
  const rows = `datatable(Id:long, T:long, D:string) [
    1, 0, 'x', 1, 41, 'x', 1, 83, 'x', 1, 83, 'x', 2, 5, 'y', 2, 60, 'y', long(null), 7, 'x', 3, -5, 'x', 3, 10, 'x']`;
  // Id 1: 0 new, 41 continues (41 back), 83 new (42 back), 83 again continues. Id 2: 5 and 60 new.
  // Id 3: -5 is before Start, so it starts no counted session but keeps 10's going.
  assert.deepEqual(run(`${rows} | evaluate session_count(Id, T, 0, 100, 50, 41)`).rows, [
    [0, 2],
    [50, 2],
  ]);
  const byD = run(`${rows} | evaluate session_count(Id, T, 0, 100, 50, 41, D)`);
  assert.deepEqual(byD.columns, ['T', 'D', 'count_sessions']);
  assert.deepEqual(byD.rows, [
    [0, 'x', 1],
    [0, 'y', 1],
    [50, 'x', 1],
    [50, 'y', 1],
  ]);
  // A look-back of 0 makes every appearance at a new time a session; End leaves out what follows it.
  assert.deepEqual(run(`${rows} | evaluate session_count(Id, T, 0, 60, 50, 0)`).rows, [
    [0, 4],
    [50, 1],
  ]);
});

test('session_count: datetime bins are bin()s of the day, from Start’s to End’s', () => {
  const rows = `datatable(Id:string, T:datetime) ['a', datetime(2024-01-01 13:00), 'b', datetime(2024-01-02 01:00), 'a', datetime(2024-01-03 02:00)]`;
  assert.deepEqual(
    run(`${rows} | evaluate session_count(Id, T, datetime(2024-01-01 12:00), datetime(2024-01-03), 1d, 1d)`).rows,
    [
      [ticks('2024-01-01T00:00:00Z'), 1],
      [ticks('2024-01-02T00:00:00Z'), 1],
    ],
  );
});

test('session_count: no rows give none; bad arguments say why', () => {
  assert.deepEqual(run(`${DATA} _data | take 0 | evaluate session_count(Id, Timeline, 1, 100, 10, 5)`).rows, []);
  assert.throws(
    () => run(`${DATA} _data | evaluate session_count(Id, Timeline, 1, 100, 0, 5)`),
    /session_count: Bin is more than 0/,
  );
  assert.throws(
    () => run(`${DATA} _data | evaluate session_count(Id, Timeline, 1, 100, 10, -1)`),
    /session_count: LookBackWindow is 0 or more/,
  );
  assert.throws(
    () => run(`${DATA} _data | evaluate session_count(Id, Timeline, datetime(2024-01-01), 100, 10, 5)`),
    /session_count: Start is a number for a long timeline, not datetime/,
  );
});
