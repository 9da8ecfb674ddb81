/**
 * evaluate sequence_detect. The reference's example runs over StormEvents, which is not here: these
 * rows hold the heat and wildfire events that give its output table, with others around them that
 * must not match (too late, before the heat, another state, another event type).
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, ticks } from './helpers';

const STORMS = `datatable(StartTime:datetime, EventType:string, State:string)
[
  datetime(2007-05-08 00:00), 'Excessive Heat', 'CALIFORNIA',
  datetime(2007-05-08 16:02), 'Wildfire', 'CALIFORNIA',
  datetime(2007-05-10 11:30), 'Wildfire', 'CALIFORNIA',
  datetime(2007-05-20 10:00), 'Wildfire', 'CALIFORNIA',
  datetime(2007-06-01 00:00), 'Excessive Heat', 'OREGON',
  datetime(2007-06-02 00:00), 'Wildfire', 'TEXAS',
  datetime(2007-06-02 00:00), 'Flood', 'OREGON',
  datetime(2007-07-04 09:00), 'Excessive Heat', 'CALIFORNIA',
  datetime(2007-07-05 23:01), 'Wildfire', 'CALIFORNIA',
  datetime(2007-07-23 12:00), 'Excessive Heat', 'SOUTH DAKOTA',
  datetime(2007-07-27 09:00), 'Wildfire', 'SOUTH DAKOTA',
  datetime(2007-08-09 08:00), 'Wildfire', 'TEXAS',
  datetime(2007-08-10 08:00), 'Excessive Heat', 'TEXAS',
  datetime(2007-08-11 13:56), 'Wildfire', 'TEXAS',
  datetime(2007-08-31 08:00), 'Excessive Heat', 'CALIFORNIA',
  datetime(2007-09-01 11:28), 'Wildfire', 'CALIFORNIA',
  datetime(2007-09-02 12:00), 'Excessive Heat', 'CALIFORNIA',
  datetime(2007-09-02 13:30), 'Wildfire', 'CALIFORNIA',
]`;

const at = (text: string): number => ticks(`${text.replace(' ', 'T')}:00Z`);
const MINUTE = 60 * 10_000_000;
const span = (days: number, hours: number, minutes: number): number => ((days * 24 + hours) * 60 + minutes) * MINUTE;

test('sequence_detect: the reference example, excessive heat followed by wildfire within 5 days, per state', () => {
  const r = run(`${STORMS}
    | evaluate sequence_detect(
        StartTime,
        5d,  // step max-time
        5d,  // sequence max-time
        heat=(EventType == "Excessive Heat"),
        wildfire=(EventType == 'Wildfire'),
        State)`);
  assert.deepEqual(r.columns, ['State', 'heat_StartTime', 'wildfire_StartTime', 'Duration']);
  assert.deepEqual(r.types, ['string', 'datetime', 'datetime', 'timespan']);
  assert.deepEqual(r.rows, [
    ['CALIFORNIA', at('2007-05-08 00:00'), at('2007-05-08 16:02'), span(0, 16, 2)],
    ['CALIFORNIA', at('2007-05-08 00:00'), at('2007-05-10 11:30'), span(2, 11, 30)],
    ['CALIFORNIA', at('2007-07-04 09:00'), at('2007-07-05 23:01'), span(1, 14, 1)],
    ['SOUTH DAKOTA', at('2007-07-23 12:00'), at('2007-07-27 09:00'), span(3, 21, 0)],
    ['TEXAS', at('2007-08-10 08:00'), at('2007-08-11 13:56'), span(1, 5, 56)],
    ['CALIFORNIA', at('2007-08-31 08:00'), at('2007-09-01 11:28'), span(1, 3, 28)],
    ['CALIFORNIA', at('2007-08-31 08:00'), at('2007-09-02 13:30'), span(2, 5, 30)],
    ['CALIFORNIA', at('2007-09-02 12:00'), at('2007-09-02 13:30'), span(0, 1, 30)],
  ]);
});

test('sequence_detect: the step window bounds each step, the sequence span the whole chain', () => {
  const rows = `datatable(T:long, E:string) [1, 'a', 3, 'b', 4, 'b', 6, 'c', 9, 'c', 3, 'a']`;
  const chains = (args: string): unknown[][] =>
    run(`${rows} | evaluate sequence_detect(T, ${args}, x = E == 'a', y = E == 'b', z = E == 'c')`).rows;
  // Every a → b → c chain with steps at most 3 apart and at most 8 from first to last.
  assert.deepEqual(chains('3, 8'), [
    [1, 3, 6, 5],
    [1, 4, 6, 5],
    [3, 4, 6, 3],
  ]);
  // b at 3 → c at 9 is 6 apart: no chain, though the whole would fit in 8.
  assert.deepEqual(chains('5, 8'), [
    [1, 3, 6, 5],
    [1, 4, 6, 5],
    [1, 4, 9, 8],
    [3, 4, 6, 3],
    [3, 4, 9, 6],
  ]);
  assert.deepEqual(chains('5, 4'), [[3, 4, 6, 3]]);
  // Later means strictly later: the a and the b at 3 are no chain.
  assert.deepEqual(run(`${rows} | evaluate sequence_detect(T, 0, 10, x = E == 'a', y = E == 'b')`).rows, []);
});

test('sequence_detect: one step lists its rows; null times take part in none; no rows give none', () => {
  const rows = `datatable(T:datetime, E:string, K:string) [datetime(2020-01-01), 'a', 'k1', datetime(null), 'a', 'k1', datetime(2020-01-02), 'a', 'k2']`;
  const r = run(`${rows} | evaluate sequence_detect(T, 1h, 1h, E == 'a', K)`);
  assert.equal(r.columns.length, 3);
  assert.deepEqual(r.rows, [
    ['k1', ticks('2020-01-01T00:00:00Z'), 0],
    ['k2', ticks('2020-01-02T00:00:00Z'), 0],
  ]);
  const none = run(`${rows} | where E == 'z' | evaluate sequence_detect(T, 1h, 1h, a = E == 'a', b = E == 'b')`);
  assert.deepEqual(none.columns, ['a_T', 'b_T', 'Duration']);
  assert.deepEqual(none.rows, []);
});

test('sequence_detect: bad arguments stop at the argument, saying why', () => {
  assert.throws(
    () => run(`${STORMS} | evaluate sequence_detect(StartTime, -1d, 5d, h = EventType == 'Wildfire')`),
    /sequence_detect: MaxSequenceStepWindow is 0 or more/,
  );
  assert.throws(
    () => run(`${STORMS} | evaluate sequence_detect(StartTime, 5d, 5, h = EventType == 'Wildfire')`),
    /sequence_detect: MaxSequenceSpan is a timespan for a datetime timeline, not long/,
  );
});
