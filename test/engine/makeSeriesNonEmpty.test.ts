/** make-series kind=nonempty over no rows, and negative defaults, from the Kusto reference. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

const DATA = `let data = datatable(timestamp:datetime, metric: real) [
  datetime(2016-12-31T06:00), 50, datetime(2017-01-01), 4, datetime(2017-01-02), 3, datetime(2017-01-03), 4,
  datetime(2017-01-05), 8, datetime(2017-01-09T12:00), 11, datetime(2017-01-10T05:00), 5];
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
`;

test('make-series kind=nonempty: no rows still give one row of defaults (the reference example)', () => {
  const r = run(`${DATA}data | where metric > 100
| make-series kind=nonempty avg(metric) default=0 on timestamp from stime to etime step 1d`);
  assert.deepEqual(r.columns, ['avg_metric', 'timestamp']);
  assert.equal(r.rows.length, 1);
  // avg's steps are reals, the default 0 included: the reference prints them 0.0.
  assert.deepEqual(
    (r.rows[0]![0] as unknown[]).map((v) => Number(v)),
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
  );
  assert.equal(
    run(`${DATA}data | where metric > 100
| make-series kind=nonempty avg(metric) default=0 on timestamp from stime to etime step 1d | project s = tostring(avg_metric)`)
      .rows[0]![0],
    '[0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0]',
  );
  assert.deepEqual(
    (r.rows[0]![1] as string[]).map((t) => t.slice(0, 10)),
    [
      '2017-01-01',
      '2017-01-02',
      '2017-01-03',
      '2017-01-04',
      '2017-01-05',
      '2017-01-06',
      '2017-01-07',
      '2017-01-08',
      '2017-01-09',
    ],
  );
});

test('make-series without kind=nonempty gives no rows for no input', () => {
  const r = run(
    `${DATA}data | where metric > 100 | make-series avg(metric) default=0 on timestamp from stime to etime step 1d`,
  );
  assert.equal(r.rows.length, 0);
});

test('make-series kind=nonempty with by: one row whose key is empty', () => {
  const r = run(`${DATA}data | where metric > 100 | extend k = "x"
| make-series kind=nonempty c = count() default=0 on timestamp from stime to datetime(2017-01-03) step 1d by k`);
  // The axis holds its datetimes with seven fraction digits, as the reference's make-series examples print it.
  assert.deepEqual(r.rows, [['', [0, 0], ['2017-01-01T00:00:00.0000000Z', '2017-01-02T00:00:00.0000000Z']]]);
});

test('make-series: a negative default fills the empty steps', () => {
  const r = run(
    `${DATA}data | make-series c = count() default=-2 on timestamp from stime to datetime(2017-01-05) step 1d`,
  );
  assert.deepEqual(r.rows[0]![0], [1, 1, 1, -2]);
});

test('make-series: without default=, empty steps hold 0 (the reference: "Default is 0")', () => {
  const r = run('datatable(t:long)[0, 2] | make-series c = count() on t from 0 to 3 step 1');
  assert.deepEqual(r.rows, [
    [
      [1, 0, 1],
      [0, 1, 2],
    ],
  ]);
});

test('make-series: a constant in place of an aggregate holds it where a step has rows, its default elsewhere', () => {
  const r = run(`datatable(t:datetime, v:long)[datetime(2024-01-01 01:10), 5]
| make-series c = count(), other = -1 default = -2 on t from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h`);
  assert.deepEqual(r.columns, ['c', 'other', 't']);
  assert.deepEqual(r.rows[0]!.slice(0, 2), [
    [0, 1, 0],
    [-2, -1, -2],
  ]);
});

test('make-series kind=nonempty over no rows: a constant series is all its default', () => {
  const r = run(`datatable(t:datetime, v:long)[]
| make-series kind=nonempty c = count(), other = -1 default = -2 on t from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h`);
  assert.deepEqual(r.rows[0]!.slice(0, 2), [
    [0, 0, 0],
    [-2, -2, -2],
  ]);
});

test('make-series keeps reals as reals: avg and its default=1.0 are real elements (the reference prints 1.0)', () => {
  const r = run(`${DATA}data | limit 0
| make-series kind=nonempty avg(metric) default=1.0 on timestamp from stime to etime step 1d
| project g0 = gettype(avg_metric[0]), s = tostring(avg_metric)`);
  assert.deepEqual(r.rows, [['real', '[1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0,1.0]']]);
  const filled =
    run(`${DATA}data | make-series avg(metric) default=0 on timestamp from stime to datetime(2017-01-05) step 1d
| project s = tostring(avg_metric)`);
  assert.deepEqual(filled.rows, [['[4.0,3.0,4.0,0.0]']]);
});

test('make-series: count() stays a long series', () => {
  const r = run(`${DATA}data | make-series c = count() on timestamp from stime to datetime(2017-01-03) step 1d
| project g = gettype(c[0]), s = tostring(c)`);
  // A whole number in dynamic reads as gettype 'int', as the engine's dynamic longs do elsewhere.
  assert.deepEqual(r.rows, [['int', '[1,1]']]);
});
