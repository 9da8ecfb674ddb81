/**
 * evaluate sliding_window_counts, against the reference's example, the sliding-window technique the
 * reference says the plugin uses (run here as a plain query over the same rows), and its edge cases.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

// The reference writes the dates as `datetime(2017 - 08 - 01)`; written plainly here.
const USERS = `datatable(UserId:string, Timestamp:datetime)
[
'Bob',      datetime(2017-08-01),
'David',    datetime(2017-08-01),
'David',    datetime(2017-08-01),
'John',     datetime(2017-08-01),
'Bob',      datetime(2017-08-01),
'Ananda',   datetime(2017-08-02),
'Atul',     datetime(2017-08-02),
'John',     datetime(2017-08-02),
'Ananda',   datetime(2017-08-03),
'Atul',     datetime(2017-08-03),
'Atul',     datetime(2017-08-03),
'John',     datetime(2017-08-03),
'Bob',      datetime(2017-08-03),
'Betsy',    datetime(2017-08-04),
'Bob',      datetime(2017-08-05),
]`;

const HALF_DAY = 12 * 3_600 * 10_000_000;
const day = (d: number): number => ticks(`2017-08-${String(d).padStart(2, '0')}T00:00:00Z`);

const slide = (args: string, rows = USERS): unknown[][] =>
  run(`${rows} | evaluate sliding_window_counts(${args})`).rows;

test('sliding_window_counts: the reference example, each day the rows and distinct users of the last 3 days', () => {
  const r = run(
    `${USERS} | evaluate sliding_window_counts(UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3d, 1d)`,
  );
  assert.deepEqual(r.columns, ['Timestamp', 'Count', 'Dcount']);
  assert.deepEqual(r.types, ['datetime', 'long', 'long']);
  assert.deepEqual(r.rows, [
    [day(1), 5, 3],
    [day(2), 8, 5],
    [day(3), 13, 5],
    [day(4), 9, 5],
    [day(5), 7, 5],
    [day(6), 2, 2],
    [day(7), 1, 1],
  ]);
});

test('sliding_window_counts: the lookback rounds down to whole bins, and a window shorter than a bin holds its own bin', () => {
  const threeDays = slide('UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3d, 1d');
  assert.deepEqual(slide('UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3d + 20h, 1d'), threeDays);
  assert.deepEqual(slide('UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-05), 5h, 1d'), [
    [day(1), 5, 3],
    [day(2), 3, 3],
    [day(3), 5, 4],
    [day(4), 1, 1],
    [day(5), 1, 1],
  ]);
});

test('sliding_window_counts: bins start at Start; rows before it count where their window reaches, rows after End nowhere', () => {
  // From 08-02 to 08-04: the 08-01 rows still fall in the 3-day windows of 08-02 and 08-03.
  assert.deepEqual(slide('UserId, Timestamp, datetime(2017-08-02), datetime(2017-08-04), 3d, 1d'), [
    [day(2), 8, 5],
    [day(3), 13, 5],
    [day(4), 9, 5],
  ]);
  // Two-day bins from 08-02 12:00: a row's bin is counted from Start, not from the epoch.
  assert.deepEqual(
    slide('UserId, Timestamp, datetime(2017-08-02 12:00), datetime(2017-08-06 12:00), 2d, 2d').map((r) => r[0]),
    [day(2) + HALF_DAY, day(4) + HALF_DAY],
  );
  assert.deepEqual(slide('UserId, Timestamp, datetime(2017-08-07), datetime(2017-08-01), 3d, 1d'), []);
});

test('sliding_window_counts: the same answers as the reference technique (bin, spread over the window, summarize)', () => {
  const rows = `range i from 0 to 599 step 1
    | extend UserId = strcat('u', tostring(hash(tostring(i), 37))), Timestamp = datetime(2024-01-01) + i * 1h * (hash(tostring(i * 7), 10) + 1) / 3, Site = tostring(hash(tostring(i), 3))
    | extend UserId = iff(i % 41 == 0, '', UserId), Timestamp = iff(i % 53 == 0, datetime(null), Timestamp)`;
  const start = 'datetime(2024-01-03)';
  const end = 'datetime(2024-02-20 07:00)';
  const plugin = run(
    `${rows} | evaluate sliding_window_counts(UserId, Timestamp, ${start}, ${end}, 5d, 1d, Site) | order by Timestamp asc, Site asc`,
  );
  const technique = run(`${rows}
    | extend _bin = bin_at(Timestamp, 1d, ${start})
    | mv-expand _range = range(_bin, _bin + 4d, 1d) to typeof(datetime)
    | where _range between (${start} .. ${end})
    | summarize Count = count(), Dcount = dcount(UserId) by Timestamp = _range, Site
    | order by Timestamp asc, Site asc`);
  assert.deepEqual(plugin.columns, ['Timestamp', 'Site', 'Count', 'Dcount']);
  assert.ok(plugin.rows.length > 100);
  assert.deepEqual(plugin.rows, technique.rows);
});

test('sliding_window_counts: dimensions split the counts, in order of first appearance within each bin', () => {
  const rows = `datatable(Id:long, T:long, Team:string) [1, 1, 'a', 2, 1, 'b', 1, 2, 'a', 3, 2, 'a', 1, 4, 'b']`;
  assert.deepEqual(run(`${rows} | evaluate sliding_window_counts(Id, T, 1, 4, 2, 1, Team)`).rows, [
    [1, 'a', 1, 1],
    [1, 'b', 1, 1],
    [2, 'a', 3, 2],
    [2, 'b', 1, 1],
    [3, 'a', 2, 2],
    [4, 'b', 1, 1],
  ]);
});

test('sliding_window_counts: null times count nowhere; null ids count as rows, not as users; no rows give none', () => {
  const r = run(
    `datatable(Id:long, T:datetime) [1, datetime(2020-01-01), long(null), datetime(2020-01-01), 2, datetime(null)]
    | evaluate sliding_window_counts(Id, T, datetime(2020-01-01), datetime(2020-01-01), 1d, 1d)`,
  );
  assert.deepEqual(r.rows, [[ticks('2020-01-01T00:00:00Z'), 2, 1]]);
  // A string is never null: an empty id is an id, as dcount() counts it.
  const text = run(
    `datatable(Id:string, T:datetime) ['a', datetime(2020-01-01), '', datetime(2020-01-01), 'b', datetime(2020-01-02)]
    | evaluate sliding_window_counts(Id, T, datetime(2020-01-01), datetime(2020-01-02), 2d, 1d)`,
  );
  assert.deepEqual(text.rows, [
    [ticks('2020-01-01T00:00:00Z'), 2, 2],
    [ticks('2020-01-02T00:00:00Z'), 3, 3],
  ]);
  const empty = run(
    `${USERS} | where UserId == 'nobody' | evaluate sliding_window_counts(UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3d, 1d)`,
  );
  assert.deepEqual(empty.columns, ['Timestamp', 'Count', 'Dcount']);
  assert.deepEqual(empty.rows, []);
});

test('sliding_window_counts: bad arguments stop at the argument, saying why', () => {
  // `at`: the argument's text, where the error must point.
  const fails = (args: string, message: RegExp, at?: string): void => {
    const query = `${USERS} | evaluate sliding_window_counts(${args})`;
    const lastLine = query.split('\n').pop()!;
    assert.throws(
      () => run(query),
      (e: Error & { range?: { start: { line: number; character: number } } }) =>
        message.test(e.message) &&
        (at === undefined || e.range?.start.character === lastLine.indexOf(args) + args.lastIndexOf(at)),
    );
  };
  fails('UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3d, 0d', /Bin is more than 0/, '0d');
  fails('UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), -3d, 1d', /LookbackWindow is 0 or more/, '-3d');
  fails(
    'UserId, Timestamp, 1, datetime(2017-08-07), 3d, 1d',
    /Start is a datetime for a datetime timeline, not long/,
    '1,',
  );
  fails('UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 3, 1d', /LookbackWindow is a timespan/, '3,');
  // The reference also names 'week', 'month' and 'year' as bins; Kusto.Language refuses text there.
  fails("UserId, Timestamp, datetime(2017-08-01), datetime(2017-08-07), 30d, 'month'", /must be summable/);
  fails('UserId, Timestamp, datetime(2017-08-01), datetime(null), 3d, 1d', /End is a constant, not null/);
  fails('UserId, Timestamp, datetime(2017-08-01)', /'sliding_window_counts' expects between 6 and/);
});
