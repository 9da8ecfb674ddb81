/**
 * Tabular operators against the Kusto reference's own examples (as-operator, make-series-operator,
 * scan-operator, sliding-window-counts-plugin, bag-unpack-plugin): the deviations a sweep of the
 * reference's self-contained examples found.
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

test('union withsource names a leg ending in `| as Name` by that name (as-operator example)', () => {
  const r = run(
    'union withsource=TableName (range x from 1 to 2 step 1 | as T1), (range x from 1 to 1 step 1 | as T2)',
  );
  assert.deepEqual(r.rows, [
    ['T1', 1],
    ['T1', 2],
    ['T2', 1],
  ]);
  // The piped input too; a leg without a name keeps Kusto's union_argN.
  const piped = run('range x from 1 to 1 step 1 | as T0 | union withsource=S (print x = 2), (print x = 3 | as T3)');
  assert.deepEqual(piped.rows, [
    ['T0', 1],
    ['union_arg1', 2],
    ['T3', 3],
  ]);
});

test('a datetime inside a dynamic value has its seven fraction digits (make-series example)', () => {
  const r = run(`datatable(timestamp:datetime, metric: real) [
      datetime(2017-01-01), 4, datetime(2017-01-02), 3, datetime(2017-01-02T12:00), 5 ]
    | make-series avg(metric) on timestamp from datetime(2017-01-01) to datetime(2017-01-03) step 1d`);
  assert.deepEqual(r.rows[0]![1], ['2017-01-01T00:00:00.0000000Z', '2017-01-02T00:00:00.0000000Z']);
  // The same in pack_array, make_list and bags; tostring() of the datetime itself drops a zero fraction.
  const p = run(`print a = pack_array(datetime(2007-01-01)), b = bag_pack('t', datetime(2021-05-26 08:30)),
    c = tostring(datetime(2007-01-01)), d = range(datetime(2007-01-01), datetime(2007-01-02), 1d)`);
  assert.deepEqual(p.rows, [
    [
      ['2007-01-01T00:00:00.0000000Z'],
      { t: '2021-05-26T08:30:00.0000000Z' },
      '2007-01-01T00:00:00Z',
      ['2007-01-01T00:00:00.0000000Z', '2007-01-02T00:00:00.0000000Z'],
    ],
  ]);
});

test('scan after sort keeps its columns typed (the reference fills a timespan column forward)', () => {
  const r = run(`datatable (Ts: timespan, Event: string) [0m, "A", 1m, "", 2m, "B"]
    | sort by Ts asc
    | scan declare (Event_filled: string="") with (step s1: true => Event_filled = iff(isempty(Event), s1.Event_filled, Event);)`);
  assert.deepEqual(r.types.slice(0, 3), ['timespan', 'string', 'string']);
  assert.deepEqual(
    r.rows.map((row) => row.slice(0, 3)),
    [
      [0, 'A', 'A'],
      [600_000_000, '', 'A'],
      [1_200_000_000, 'B', 'B'],
    ],
  );
});

test('a datetime literal with spaces around its separators reads as Kusto reads it (sliding_window_counts example)', () => {
  const r = run(
    'print a = datetime(2017 - 08 - 01), b = datetime(2017 - 08 - 01 10 : 30), c = tostring(datetime(0001-01-01))',
  );
  assert.deepEqual(r.rows, [[ticks('2017-08-01T00:00:00Z'), ticks('2017-08-01T10:30:00Z'), '0001-01-01T00:00:00Z']]);
});

test('bag_unpack columnsConflict keeps the input column in its place (bag-unpack example)', () => {
  const input = `datatable(Name:string, d:dynamic) [
      'James', dynamic({"Name": "John", "Age":20}),
      'David', dynamic({ "Age":40}),
      'Emily', dynamic({"Name": "Jasmine", "Age":30}) ]`;
  const replaced = run(`${input} | evaluate bag_unpack(d, columnsConflict='replace_source')`);
  assert.deepEqual(replaced.columns, ['Name', 'Age']);
  assert.deepEqual(replaced.rows, [
    ['John', 20],
    ['', 40],
    ['Jasmine', 30],
  ]);
  const kept = run(`${input} | evaluate bag_unpack(d, columnsConflict='keep_source')`);
  assert.deepEqual(kept.rows, [
    ['James', 20],
    ['David', 40],
    ['Emily', 30],
  ]);
});
