/** evaluate rolling_percentile, against the reference's two examples and the window it defines. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

const HOURS = `let T = range idx from 0 to 24*10-1 step 1
| project Timestamp = datetime(2018-01-01) + 1h*idx, val=idx+1
| extend EvenOrOdd = iff(val % 2 == 0, "Even", "Odd");
T`;

const day = (d: number): number => ticks(`2018-01-${String(d).padStart(2, '0')}T00:00:00Z`);

test('rolling_percentile: the reference example, the 3-day median per day', () => {
  const r = run(`${HOURS} | evaluate rolling_percentile(val, 50, Timestamp, 1d, 3)`);
  assert.deepEqual(r.columns, ['Timestamp', 'rolling_3_percentile_val_50']);
  assert.deepEqual(r.types, ['datetime', 'long']);
  const medians = [12, 24, 36, 60, 84, 108, 132, 156, 180, 204];
  assert.deepEqual(
    r.rows,
    medians.map((m, i) => [day(i + 1), m]),
  );
});

test('rolling_percentile: the reference example by dimension, a window per value of it', () => {
  const r = run(`${HOURS} | evaluate rolling_percentile(val, 50, Timestamp, 1d, 3, EvenOrOdd)`);
  assert.deepEqual(r.columns, ['Timestamp', 'EvenOrOdd', 'rolling_3_percentile_val_50']);
  const even = [12, 24, 36, 60, 84, 108, 132, 156, 180, 204];
  assert.deepEqual(r.rows, [
    ...even.map((m, i) => [day(i + 1), 'Even', m]),
    ...even.map((m, i) => [day(i + 1), 'Odd', m - 1]),
  ]);
});

test('rolling_percentile: bins by position (an empty bin still takes a place in the window); nulls left out', () => {
  const rows = `datatable(i:long, v:real) [0, 5.0, 1, 1.0, 1, 9.0, 4, 2.0, 5, real(null), 5, 7.0, 9, real(null), long(null), 100.0]`;
  const r = run(`${rows} | evaluate rolling_percentile(v, 100, i, 2, 2)`);
  assert.deepEqual(r.columns, ['i', 'rolling_2_percentile_v_100']);
  assert.deepEqual(r.types, ['long', 'real']);
  // Bins 0 (5, 1, 9), 4 (2, 7) and 8 (null only); bins 2 and 6 are empty, so each window holds one bin.
  assert.deepEqual(r.rows, [
    [0, 9],
    [4, 7],
    [8, null],
  ]);
  assert.deepEqual(run(`${rows} | evaluate rolling_percentile(v, 100, i, 2, 3)`).rows, [
    [0, 9],
    [4, 9],
    [8, 7],
  ]);
  assert.deepEqual(run(`${rows} | evaluate rolling_percentile(v, 0, i, 2, 1)`).rows, [
    [0, 1],
    [4, 2],
    [8, null],
  ]);
});

test('rolling_percentile: no rows give none', () => {
  const r = run(`${HOURS} | where val < 0 | evaluate rolling_percentile(val, 50, Timestamp, 1d, 3)`);
  assert.deepEqual(r.columns, ['Timestamp', 'rolling_3_percentile_val_50']);
  assert.deepEqual(r.rows, []);
});

test('rolling_percentile: bad arguments stop at the argument, saying why', () => {
  const fails = (args: string, message: RegExp): void =>
    assert.throws(() => run(`${HOURS} | evaluate rolling_percentile(${args})`), message);
  fails('val, 150, Timestamp, 1d, 3', /rolling_percentile: Percentile is from 0 to 100/);
  fails('val, 50, Timestamp, 0d, 3', /rolling_percentile: BinSize is more than 0/);
  fails('val, 50, Timestamp, 1d, 0', /rolling_percentile: BinsPerWindow is 1 or more/);
  fails('val, 50, Timestamp, 1, 3', /rolling_percentile: BinSize is a timespan for a datetime index, not long/);
  fails('EvenOrOdd, 50, Timestamp, 1d, 3', /must be summable: a number, timespan or datetime/);
  fails('val, 50, Timestamp', /'rolling_percentile' expects between 5 and/);
});
