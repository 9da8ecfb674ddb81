/**
 * evaluate new_activity_metrics: the reference's example table (its Users rebuilt from the sets it
 * lists per day), its Cohort and Lookback examples (r fixed instead of rand()), and edge cases.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

const USERS = `let Users = datatable(Timestamp:datetime, sets:dynamic) [
datetime(2019-11-01), dynamic([0,2,3,4]),
datetime(2019-11-02), dynamic([0,1,3,4,5]),
datetime(2019-11-03), dynamic([0,2,4,5]),
datetime(2019-11-04), dynamic([0,1,2,3]),
datetime(2019-11-05), dynamic([0,1,2,3,4])]
| mv-expand user = sets to typeof(long) | project Timestamp, user;
let StartDate = datetime(2019-11-01 00:00:00);
let EndDate = datetime(2019-11-07 00:00:00);`;

const nov = (d: number): number => ticks(`2019-11-0${d}T00:00:00Z`);

test('new_activity_metrics: the reference example, cohorts of 11-01 and 11-02 against every later day', () => {
  const r = run(`${USERS} Users
    | evaluate new_activity_metrics(user, Timestamp, StartDate, EndDate-1tick, 1d)
    | where from_Timestamp < datetime(2019-11-03 00:00:00.0000000)`);
  assert.deepEqual(r.columns, [
    'from_Timestamp',
    'to_Timestamp',
    'dcount_new_values',
    'dcount_retained_values',
    'dcount_churn_values',
    'retention_rate',
    'churn_rate',
  ]);
  assert.deepEqual(r.types, ['datetime', 'datetime', 'long', 'long', 'long', 'real', 'real']);
  assert.deepEqual(r.rows, [
    [nov(1), nov(1), 4, 4, 0, 1, 0],
    [nov(1), nov(2), 2, 3, 1, 0.75, 0.25],
    [nov(1), nov(3), 1, 3, 1, 0.75, 0.25],
    [nov(1), nov(4), 1, 3, 1, 0.75, 0.25],
    [nov(1), nov(5), 1, 4, 0, 1, 0],
    [nov(1), nov(6), 0, 0, 4, 0, 1],
    [nov(2), nov(2), 2, 2, 0, 1, 0],
    [nov(2), nov(3), 0, 1, 1, 0.5, 0.5],
    [nov(2), nov(4), 0, 1, 1, 0.5, 0.5],
    [nov(2), nov(5), 0, 1, 1, 0.5, 0.5],
    [nov(2), nov(6), 0, 0, 2, 0, 1],
  ]);
  // Every later cohort too: 11-03 has no new user (5 came on 11-02), so its rates are 0 / 0.
  const all = run(`${USERS} Users | evaluate new_activity_metrics(user, Timestamp, StartDate, EndDate-1tick, 1d)`);
  assert.equal(all.rows.length, 6 + 5 + 4 + 3 + 2 + 1);
  assert.deepEqual(all.rows[11]!.slice(0, 5), [nov(3), nov(3), 0, 0, 0]);
  assert.ok(Number.isNaN(all.rows[11]![5]) && Number.isNaN(all.rows[11]![6]));
});

/** The reference's generated activity, r fixed at 1.5 (rand() + 1 there), from `from`. */
const ACTIVITY = (from: string) => `let _start = datetime(2017-05-01);
let _end = datetime(2017-05-31);
let _data = range Day from datetime(${from}) to _end step 1d
| extend d = tolong((Day - datetime(${from})) / 1d)
| extend r = 1.5
| extend _users=range(tolong(d * 50 * r), tolong(d * 50 * r + 200 * r - 1), 1)
| mv-expand id=_users to typeof(long) limit 1000000;`;

test('new_activity_metrics: a Cohort keeps its weeks only; the complete matrix has every pair', () => {
  const one = run(
    `${ACTIVITY('2017-05-01')} _data | evaluate new_activity_metrics(['id'], Day, _start, _end, 7d, _start) | project from_Day, to_Day, retention_rate, churn_rate`,
  );
  assert.equal(one.rows.length, 5);
  assert.deepEqual(one.rows[0], [ticks('2017-05-01T00:00:00Z'), ticks('2017-05-01T00:00:00Z'), 1, 0]);
  // Week 1 (days 0…6) holds ids 0…749; week 2 (days 7…13) 525…1274: 225 of the 750 came back.
  assert.deepEqual(one.rows[1], [ticks('2017-05-01T00:00:00Z'), ticks('2017-05-08T00:00:00Z'), 0.3, 0.7]);
  assert.deepEqual(
    one.rows.slice(2).map((row) => row[2]),
    [0, 0, 0],
  );
  const all = run(`${ACTIVITY('2017-05-01')} _data | evaluate new_activity_metrics(['id'], Day, _start, _end, 7d)`);
  assert.equal(all.rows.length, 5 + 4 + 3 + 2 + 1);
  assert.deepEqual(
    all.rows.filter((row) => row[0] === ticks('2017-05-01T00:00:00Z')).map((row) => row[5]),
    one.rows.map((row) => row[2]),
  );
  assert.throws(
    () =>
      run(
        `${ACTIVITY('2017-05-01')} _data | evaluate new_activity_metrics(['id'], Day, _start, _end, 7d, datetime(2017-07-01))`,
      ),
    /new_activity_metrics: Cohort is a time from Start to End/,
  );
});

test('new_activity_metrics: the Lookback ids are never new; rows before Start are left out', () => {
  const data = `${ACTIVITY('2017-02-01')} let lookback_data = _data | where Day < _start | project Day, id;`;
  const withLookback = run(
    `${data} _data | evaluate new_activity_metrics(id, Day, _start, _end, 7d, _start, lookback_data) | project from_Day, to_Day, dcount_new_values, dcount_retained_values`,
  );
  const without = run(
    `${data} _data | evaluate new_activity_metrics(id, Day, _start, _end, 7d, _start) | project from_Day, to_Day, dcount_new_values, dcount_retained_values`,
  );
  // The period's first week (days 89…95 from 02-01) holds ids 6675…7424; the days before it reach 6899.
  assert.deepEqual(without.rows[0]!.slice(2), [750, 750]);
  assert.deepEqual(withLookback.rows[0]!.slice(2), [525, 525]);
  const only = run(
    `${data} _data | where Day >= _start | evaluate new_activity_metrics(id, Day, _start, _end, 7d, _start)`,
  );
  assert.deepEqual(
    run(`${data} _data | evaluate new_activity_metrics(id, Day, _start, _end, 7d, _start)`).rows,
    only.rows,
  );
  assert.throws(
    () =>
      run(
        `${data} _data | evaluate new_activity_metrics(id, Day, _start, _end, 7d, _start, (lookback_data | project-rename user = id))`,
      ),
    /new_activity_metrics: the Lookback table holds the ids already seen in a column named as the IdColumn \('id'\); it has Day, user/,
  );
});

test('new_activity_metrics: dimensions count apart; no rows give none; bad arguments say why', () => {
  const rows = `datatable(Id:long, T:long, D:string) [1, 0, 'x', 2, 0, 'y', 1, 1, 'x', 2, 1, 'x', 3, 9, 'z', long(null), 1, 'y']`;
  const r = run(`${rows} | evaluate new_activity_metrics(Id, T, 0, 1, 1, D)`);
  assert.deepEqual(r.columns, [
    'from_T',
    'to_T',
    'D',
    'dcount_new_values',
    'dcount_retained_values',
    'dcount_churn_values',
    'retention_rate',
    'churn_rate',
  ]);
  // z has rows only outside the period; y's 2 is in x's cohort of bin 1.
  assert.deepEqual(r.rows, [
    [0, 0, 'x', 1, 1, 0, 1, 0],
    [0, 0, 'y', 1, 1, 0, 1, 0],
    [0, 1, 'x', 1, 1, 0, 1, 0],
    [0, 1, 'y', 0, 0, 1, 0, 1],
    [1, 1, 'x', 1, 1, 0, 1, 0],
    [1, 1, 'y', 0, 0, 0, Number.NaN, Number.NaN],
  ]);
  assert.deepEqual(run(`${rows} | take 0 | evaluate new_activity_metrics(Id, T, 0, 1, 1)`).rows, []);
  assert.throws(
    () => run(`${rows} | evaluate new_activity_metrics(Id, T, 0, 1, 0)`),
    /new_activity_metrics: Window is more than 0/,
  );
  assert.throws(
    () => run(`${rows} | evaluate new_activity_metrics(Id, T, datetime(2024-01-01), 1, 1)`),
    /new_activity_metrics: Start is a number for a long timeline, not datetime/,
  );
});

test('new_activity_metrics: a grid of bins past the memory budget stops before it is built', () => {
  // A million bins make a million-by-million matrix of cohorts and bins.
  assert.throws(
    () => run('datatable(Id:long, T:long) [1, 0] | evaluate new_activity_metrics(Id, T, 0, 1000000, 1)'),
    /evaluate new_activity_metrics needs more memory than the embedded engine's limit/,
  );
});
