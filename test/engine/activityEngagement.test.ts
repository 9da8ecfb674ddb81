/**
 * evaluate activity_engagement: the reference's DAU/WAU and DAU/MAU examples (with a fixed r instead
 * of rand(), so the result can be checked against the same ratio written as plain summarize queries),
 * the argument forms Kusto.Language binds, and edge cases.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

/** The reference's generated activity, r fixed at 1.5 (rand() + 1 there). */
const ACTIVITY = (end: string) => `let _start = datetime(2017-01-01);
let _end = datetime(${end});
let data = range _day from _start to _end step 1d
| extend d = tolong((_day - _start)/1d)
| extend r = 1.5
| extend _users=range(tolong(d*50*r), tolong(d*50*r+100*r-1), 1)
| mv-expand id=_users to typeof(long) limit 1000000;`;

/** Per day: its distinct ids and those of the `days` days ending with it, as summarize computes them. */
const bySummarize = (days: number) => `
let daily = data | summarize inner = dcount(id) by _day;
let outer = data | mv-expand k = range(0, ${days - 1}, 1) to typeof(long) | extend _day = _day + k * 1d
  | where _day <= _end | summarize outer = dcount(id) by _day;
daily | join kind=inner outer on _day | project _day, inner, outer, ratio = todouble(inner) / outer | order by _day asc`;

const day = (m: number, d: number): number =>
  ticks(`2017-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T00:00:00Z`);

test('activity_engagement: the reference DAU/WAU example, each day against the seven days ending with it', () => {
  const r = run(`${ACTIVITY('2017-01-31')} data | evaluate activity_engagement(['id'], _day, _start, _end, 1d, 7d)`);
  assert.deepEqual(r.columns, ['_day', 'dcount_activities_inner', 'dcount_activities_outer', 'activity_ratio']);
  assert.deepEqual(r.types, ['datetime', 'long', 'long', 'real']);
  assert.equal(r.rows.length, 31);
  // The first day is its own week: the reference's chart starts at 100%.
  assert.deepEqual(r.rows[0], [day(1, 1), 150, 150, 1]);
  // Day 2 holds ids 75…224, the week so far 0…224.
  assert.deepEqual(r.rows[1], [day(1, 2), 150, 225, 150 / 225]);
  const expected = run(`${ACTIVITY('2017-01-31')} ${bySummarize(7)}`).rows;
  assert.deepEqual(r.rows, expected);
});

test('activity_engagement: DAU/MAU with a dimension, each combination apart', () => {
  const query = `${ACTIVITY('2017-03-31')} data | extend mod3 = strcat("mod3=", id % 3)`;
  const r = run(`${query} | evaluate activity_engagement(['id'], _day, _start, _end, 1d, 30d, mod3)`);
  assert.deepEqual(r.columns, ['_day', 'mod3', 'dcount_activities_inner', 'dcount_activities_outer', 'activity_ratio']);
  assert.equal(r.rows.length, 90 * 3);
  // Rows come by day, then by dimension in order of first appearance.
  assert.deepEqual(
    r.rows.slice(0, 3).map((row) => row[1]),
    ['mod3=0', 'mod3=1', 'mod3=2'],
  );
  const one = run(
    `${query} | where mod3 == "mod3=1" | evaluate activity_engagement(['id'], _day, _start, _end, 1d, 30d)`,
  ).rows;
  assert.deepEqual(
    r.rows.filter((row) => row[1] === 'mod3=1').map(([d, , ...rest]) => [d, ...rest]),
    one,
  );
});

test('activity_engagement: without Start and End the bins are bin() of the data, from the first time to the last', () => {
  const rows = `datatable(Id:long, T:long) [1, 3, 2, 4, 1, 9, 3, 10, long(null), 12]`;
  const r = run(`${rows} | evaluate activity_engagement(Id, T, 2, 6)`);
  assert.deepEqual(r.columns, ['T', 'dcount_activities_inner', 'dcount_activities_outer', 'activity_ratio']);
  // bin(T, 2): ids 1 | 2 | (none) | 1 | 3 | null; the outer window is the three bins ending with each.
  assert.deepEqual(r.rows, [
    [2, 1, 1, 1],
    [4, 1, 2, 0.5],
    [8, 1, 2, 0.5],
    [10, 1, 2, 0.5],
    [12, 0, 2, 0],
  ]);
  // A bin of null ids alone, with no ids around it either: 0 / 0.
  const nulls = run('datatable(Id:long, T:long) [long(null), 1] | evaluate activity_engagement(Id, T, 1, 1)').rows;
  assert.deepEqual(nulls[0]!.slice(0, 3), [1, 0, 0]);
  assert.ok(Number.isNaN(nulls[0]![3]));
  // With Start and End, rows outside them are left out, and bins count from Start.
  assert.deepEqual(run(`${rows} | evaluate activity_engagement(Id, T, 3, 10, 2, 6)`).rows, [
    [3, 2, 2, 1],
    [9, 2, 2, 1],
  ]);
});

test('activity_engagement: no rows give none; bad arguments say why', () => {
  assert.deepEqual(run('datatable(Id:long, T:long) [] | evaluate activity_engagement(Id, T, 1, 7)').rows, []);
  assert.deepEqual(
    run('datatable(Id:long, T:long) [1, long(null)] | evaluate activity_engagement(Id, T, 1, 7)').rows,
    [],
  );
  assert.throws(
    () => run('datatable(Id:long, T:long) [1, 1] | evaluate activity_engagement(Id, T, 7, 1)'),
    /activity_engagement: OuterActivityWindow is at least InnerActivityWindow/,
  );
  assert.throws(
    () => run('datatable(Id:long, T:long) [1, 1] | evaluate activity_engagement(Id, T, 0, 1)'),
    /activity_engagement: InnerActivityWindow is more than 0/,
  );
  assert.throws(
    () =>
      run(
        'datatable(Id:long, T:datetime) [1, datetime(2024-01-01)] | evaluate activity_engagement(Id, T, datetime(2024-01-01), datetime(2024-01-09), 1, 7d)',
      ),
    /activity_engagement: InnerActivityWindow is a timespan for a datetime timeline, not long/,
  );
  // Kusto.Language takes the dimensions only after Start and End.
  assert.throws(
    () =>
      run(
        "datatable(Id:long, T:datetime, D:string) [1, datetime(2024-01-01), 'a'] | evaluate activity_engagement(Id, T, 1d, 7d, D)",
      ),
    /expects between 6 and/,
  );
});
