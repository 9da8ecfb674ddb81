/**
 * evaluate activity_metrics: the reference's week-over-week examples (r fixed instead of rand(), and
 * the metrics recomputed here from the same rows by the reference's definitions), the argument forms
 * Kusto.Language binds, and edge cases.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

/** The reference's generated activity, r fixed at 1.5 (rand() + 1 there). */
const ACTIVITY = `let _start = datetime(2017-01-02);
let _end = datetime(2017-05-31);
let data = range _day from _start to _end step 1d
| extend d = tolong((_day - _start)/1d)
| extend r = 1.5
| extend _users=range(tolong(d*50*r), tolong(d*50*r+200*r-1), 1)
| mv-expand id=_users to typeof(long) limit 1000000;`;

const WEEK = 7 * 24 * 3_600 * 10_000_000;

/**
 * The reference's definitions over weeks from _start: new values are not in the week before;
 * retention = (customers at the end − new ones) / customers at the beginning; churn = (customers at
 * the beginning − returning ones) / customers at the beginning.
 */
function byDefinition(rows: unknown[][]): unknown[][] {
  const start = ticks('2017-01-02T00:00:00Z');
  const weeks = new Map<number, Set<unknown>>();
  for (const [t, id] of rows) {
    const w = Math.floor(((t as number) - start) / WEEK);
    weeks.set(w, (weeks.get(w) ?? new Set()).add(id));
  }
  return [...weeks.keys()]
    .sort((a, b) => a - b)
    .map((w) => {
      const now = weeks.get(w)!;
      const before = weeks.get(w - 1) ?? new Set();
      const fresh = [...now].filter((id) => !before.has(id)).length;
      const returning = now.size - fresh;
      return [
        start + w * WEEK,
        now.size,
        fresh,
        before.size ? returning / before.size : Number.NaN,
        before.size ? (before.size - returning) / before.size : Number.NaN,
      ];
    });
}

test('activity_metrics: the reference week-over-week example, distinct and new values, retention and churn', () => {
  const r = run(`${ACTIVITY} data | evaluate activity_metrics(['id'], _day, _start, _end, 7d)`);
  assert.deepEqual(r.columns, ['_day', 'dcount_values', 'dcount_newvalues', 'retention_rate', 'churn_rate']);
  assert.deepEqual(r.types, ['datetime', 'long', 'long', 'real', 'real']);
  // 2017-01-02 to 05-31: 22 weeks, as the reference's tables list them; the first has no week before.
  assert.equal(r.rows.length, 22);
  assert.deepEqual(r.rows[0]!.slice(0, 3), [ticks('2017-01-02T00:00:00Z'), 750, 750]);
  assert.ok(Number.isNaN(r.rows[0]![3]) && Number.isNaN(r.rows[0]![4]));
  // Week 2 (days 7…13) holds ids 525…1274; week 1 held 0…749: 225 came back.
  assert.deepEqual(r.rows[1], [ticks('2017-01-09T00:00:00Z'), 750, 525, 225 / 750, 525 / 750]);
  const expected = byDefinition(run(`${ACTIVITY} data | project _day, id`).rows);
  assert.deepEqual(r.rows, expected);
  for (const [, , , retention, churn] of r.rows.slice(1)) {
    assert.ok(Math.abs((retention as number) + (churn as number) - 1) < 1e-12);
  }
});

test('activity_metrics: the Window alone bins the data from 0; dimensions count apart; a gap resets the rates', () => {
  const rows = `datatable(Id:string, T:long, D:string) ['a', 0, 'x', 'b', 1, 'x', 'a', 2, 'x', 'c', 2, 'y', 'a', 7, 'x', 'a', 7, 'x']`;
  const r = run(`${rows} | evaluate activity_metrics(Id, T, 2)`);
  assert.deepEqual(r.columns, ['T', 'dcount_values', 'dcount_newvalues', 'retention_rate', 'churn_rate']);
  // Bins 0 {a, b}, 2 {a, c}, 6 {a}: bin 6 follows bin 4, which had no rows.
  assert.deepEqual(
    r.rows.map((row) => row.slice(0, 4)),
    [
      [0, 2, 2, Number.NaN],
      [2, 2, 1, 0.5],
      [6, 1, 1, Number.NaN],
    ],
  );
  const byD = run(`${rows} | evaluate activity_metrics(Id, T, 0, 7, 2, D)`);
  assert.deepEqual(byD.columns, ['T', 'D', 'dcount_values', 'dcount_newvalues', 'retention_rate', 'churn_rate']);
  assert.deepEqual(
    byD.rows.map((row) => row.slice(0, 5)),
    [
      [0, 'x', 2, 2, Number.NaN],
      [2, 'x', 1, 0, 0.5],
      [2, 'y', 1, 1, Number.NaN],
      [6, 'x', 1, 1, Number.NaN],
    ],
  );
  // Start and End bound the rows: from 1, bins are 1 {b, a, c} and 3 (empty); 7 is past End.
  assert.deepEqual(
    run(`${rows} | evaluate activity_metrics(Id, T, 1, 6, 2)`).rows.map((row) => row.slice(0, 3)),
    [[1, 3, 3]],
  );
});

test('activity_metrics: no rows give none; bad arguments say why', () => {
  assert.deepEqual(run('datatable(Id:long, T:long) [] | evaluate activity_metrics(Id, T, 7)').rows, []);
  assert.deepEqual(run('datatable(Id:long, T:long) [] | evaluate activity_metrics(Id, T, 0, 10, 7)').rows, []);
  assert.throws(
    () => run('datatable(Id:long, T:long) [1, 1] | evaluate activity_metrics(Id, T, 0, 10)'),
    /activity_metrics: after Start and End comes the Window/,
  );
  assert.throws(
    () => run('datatable(Id:long, T:long) [1, 1] | evaluate activity_metrics(Id, T, -1)'),
    /activity_metrics: Window is more than 0/,
  );
  assert.throws(
    () =>
      run(
        'datatable(Id:long, T:datetime) [1, datetime(2024-01-01)] | evaluate activity_metrics(Id, T, 1, datetime(2024-01-09), 1d)',
      ),
    /activity_metrics: Start is a datetime for a datetime timeline, not long/,
  );
});
