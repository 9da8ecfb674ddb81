/** evaluate active_users_count, against the reference's example and the active-appearance rule it states. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

const JULY = `let Start = datetime(2018-07-01);
let End = datetime(2018-07-31);
let LookbackWindow = 8d;
let Period = 1d;
let ActivePeriods = 3;
let Bin = 7d;
let T =  datatable(User:string, Timestamp:datetime)
[
    "B",      datetime(2018-06-29),
    "B",      datetime(2018-06-30),
    "A",      datetime(2018-07-02),
    "B",      datetime(2018-07-04),
    "B",      datetime(2018-07-08),
    "A",      datetime(2018-07-10),
    "A",      datetime(2018-07-14),
    "A",      datetime(2018-07-17),
    "A",      datetime(2018-07-20),
    "B",      datetime(2018-07-24)
];
T`;

const july = (d: number): number => ticks(`2018-07-${String(d).padStart(2, '0')}T00:00:00Z`);

test('active_users_count: the reference example, users seen on 3 distinct days of the 8 before, per week of July', () => {
  const r = run(
    `${JULY} | evaluate active_users_count(User, Timestamp, Start, End, LookbackWindow, Period, ActivePeriods, Bin)`,
  );
  assert.deepEqual(r.columns, ['Timestamp', 'dcount']);
  assert.deepEqual(r.types, ['datetime', 'long']);
  assert.deepEqual(r.rows, [
    [july(1), 1],
    [july(15), 1],
  ]);
});

test('active_users_count: the window excludes its start; fewer periods needed, more appearances are active', () => {
  const count = (lookback: string, periods: number, bin = '1d'): unknown[][] =>
    run(`${JULY} | evaluate active_users_count(User, Timestamp, Start, End, ${lookback}, 1d, ${periods}, ${bin})`).rows;
  // B on 07-08 with a 9-day window reaches 06-30: 3 days (06-30, 07-04, 07-08).
  assert.deepEqual(count('9d', 3, '7d'), [
    [july(1), 1],
    [july(8), 1],
    [july(15), 1],
  ]);
  // Two days within 8: B on 07-04 and 07-08, A on 07-14, 07-17 and 07-20; not A on 07-10, where 07-02 is
  // exactly 8 days before, outside the window.
  assert.deepEqual(count('8d', 2), [
    [july(4), 1],
    [july(8), 1],
    [july(14), 1],
    [july(17), 1],
    [july(20), 1],
  ]);
  // One period: every appearance from Start to End is active; B on 06-29/30 is before Start.
  assert.equal(count('1d', 1).length, 8);
});

test('active_users_count: dimensions count apart; several appearances in one period are one period', () => {
  const rows = `datatable(U:string, T:long, Team:string) [
    'x', 1, 'a', 'x', 1, 'a', 'x', 2, 'a', 'y', 2, 'b', 'y', 3, 'b', 'x', 3, 'b', 'z', 3, 'a', 'z', 4, 'a']`;
  const r = run(`${rows} | evaluate active_users_count(U, T, 1, 4, 3, 1, 2, 1, Team)`);
  assert.deepEqual(r.columns, ['T', 'Team', 'dcount']);
  assert.deepEqual(r.rows, [
    [2, 'a', 1],
    [3, 'b', 1],
    [4, 'a', 1],
  ]);
});

test('active_users_count: no rows give none; bad arguments stop at the argument, saying why', () => {
  const empty = run(
    `${JULY} | where User == 'nobody' | evaluate active_users_count(User, Timestamp, Start, End, LookbackWindow, Period, ActivePeriods, Bin)`,
  );
  assert.deepEqual(empty.columns, ['Timestamp', 'dcount']);
  assert.deepEqual(empty.rows, []);
  const fails = (args: string, message: RegExp): void =>
    assert.throws(() => run(`${JULY} | evaluate active_users_count(${args})`), message);
  fails('User, Timestamp, Start, End, 8d, 0d, 3, 7d', /active_users_count: Period is more than 0/);
  fails('User, Timestamp, Start, End, 8d, 1d, 0, 7d', /active_users_count: ActivePeriodsCount is 1 or more/);
  fails('User, Timestamp, Start, End, 8d, 1d, 3, -7d', /active_users_count: Bin is more than 0/);
  fails('User, Timestamp, Start, End, 8, 1d, 3, 7d', /active_users_count: LookbackWindow is a timespan/);
  fails('User, Timestamp, Start, End, 8d, 1d, 2.5, 7d', /ActivePeriodsCount is a whole number of periods, not real/);
});
