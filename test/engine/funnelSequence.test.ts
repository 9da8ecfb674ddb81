/**
 * evaluate funnel_sequence and funnel_sequence_completion. The reference's examples run over
 * StormEvents, which is not here: these episodes are small enough to count by hand, with the shapes the
 * examples rely on (an episode of tornadoes only, tornadoes in a row, hail before and after, a step too
 * far apart, rows outside the analysed period).
 */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run, smallDatabase, ticks } from './helpers';

const STORMS = `datatable(EpisodeId:long, StartTime:datetime, EventType:string)
[
  1, datetime(2007-03-01 10:00), 'Hail',
  1, datetime(2007-03-01 11:00), 'Tornado',
  1, datetime(2007-03-01 11:20), 'Tornado',
  1, datetime(2007-03-01 12:00), 'Hail',
  2, datetime(2007-04-02 08:00), 'Tornado',
  2, datetime(2007-04-02 08:30), 'Tornado',
  3, datetime(2007-05-05 09:00), 'Hail',
  3, datetime(2007-05-05 09:30), 'Tornado',
  3, datetime(2007-05-05 09:40), 'Thunderstorm Wind',
  3, datetime(2007-05-05 10:00), 'Hail',
  4, datetime(2007-06-01 00:00), 'Thunderstorm Wind',
  4, datetime(2007-06-01 01:00), 'Tornado',
  4, datetime(2007-06-03 01:00), 'Hail',
  4, datetime(2007-06-03 02:00), 'Tornado',
  5, datetime(2006-12-31 23:00), 'Hail',
  5, datetime(2007-07-01 00:00), 'Tornado',
  5, datetime(2008-01-02 00:00), 'Tornado',
  5, datetime(2008-01-03 00:00), 'Hail',
]`;

const YEAR = ticks('2007-01-01T00:00:00Z');

function tables(query: string): Record<string, { columns: string[]; rows: unknown[][] }> {
  const out: Record<string, { columns: string[]; rows: unknown[][] }> = {};
  for (const { name, table } of run(query).result.tables) {
    out[name] = { columns: table.columns.map((c) => c.name), rows: table.rows() };
  }
  return out;
}

const TORNADO = `${STORMS}
  | evaluate funnel_sequence(EpisodeId, StartTime, datetime(2007-01-01), datetime(2008-01-01), 1d, 365d, EventType, dynamic(['Tornado']))`;

test('funnel_sequence: what happens before and after a tornado, in three tables as the reference lists them', () => {
  const t = tables(TORNADO);
  assert.deepEqual(Object.keys(t), ['PrimaryResult', 'Table_1', 'Table_2']);
  assert.deepEqual(t.PrimaryResult!.columns, ['StartTime', 'prev', 'next', 'dcount', 'samples']);
  // Episode 1: Hail → (two tornadoes in a row: one visit) → Hail. 2: tornadoes only. 3: Hail → Tornado →
  // Thunderstorm Wind. 4: Thunderstorm Wind → Tornado → Hail → Tornado (two occurrences, the second with
  // no next). 5: the rows of 2006 and 2008 are outside the period, so its tornado stands alone.
  assert.deepEqual(t.PrimaryResult!.rows, [
    [YEAR, '', '', 2, [2, 5]],
    [YEAR, 'Hail', 'Hail', 1, [1]],
    [YEAR, 'Hail', 'Thunderstorm Wind', 1, [3]],
    [YEAR, 'Thunderstorm Wind', 'Hail', 1, [4]],
    [YEAR, 'Hail', '', 1, [4]],
  ]);
  assert.deepEqual(t.Table_1!.columns, ['StartTime', 'prev', 'dcount', 'samples']);
  assert.deepEqual(t.Table_1!.rows, [
    [YEAR, 'Hail', 3, [1, 3, 4]],
    [YEAR, '', 2, [2, 5]],
    [YEAR, 'Thunderstorm Wind', 1, [4]],
  ]);
  assert.deepEqual(t.Table_2!.columns, ['StartTime', 'next', 'dcount', 'samples']);
  assert.deepEqual(t.Table_2!.rows, [
    [YEAR, '', 3, [2, 4, 5]],
    [YEAR, 'Hail', 2, [1, 4]],
    [YEAR, 'Thunderstorm Wind', 1, [3]],
  ]);
});

test('funnel_sequence: a sequence of several steps, each within MaxSequenceStepWindow of the one before', () => {
  const sequence = (window: string) =>
    tables(`${STORMS}
      | evaluate funnel_sequence(EpisodeId, StartTime, datetime(2007-01-01), datetime(2008-01-01), ${window}, 365d, EventType,
          dynamic(['Hail', 'Tornado', 'Thunderstorm Wind']))`).Table_2!.rows;
  assert.deepEqual(sequence('1d'), [[YEAR, 'Hail', 1, [3]]]);
  // Tornado 09:30 → Thunderstorm Wind 09:40 is 10 minutes: a 5-minute window breaks it.
  assert.deepEqual(sequence('5m'), []);
  // Episode 4's Hail → Tornado is an hour, but Thunderstorm Wind comes before them: no occurrence.
  const twoSteps = tables(`${STORMS}
      | evaluate funnel_sequence(EpisodeId, StartTime, datetime(2007-01-01), datetime(2008-01-01), 30m, 365d, EventType,
          dynamic(['Hail', 'Tornado']))`);
  // The gap is from the last row of one visit to the first of the next: 09:00 → 09:30 in episode 3;
  // episode 1's 10:00 → 11:00 and episode 4's 01:00 → 02:00 are too far apart.
  assert.deepEqual(twoSteps.PrimaryResult!.rows, [[YEAR, '', 'Thunderstorm Wind', 1, [3]]]);
});

test('funnel_sequence: each Step bin is analysed on its own; bins without an occurrence give no row', () => {
  const rows = tables(`${STORMS}
      | evaluate funnel_sequence(EpisodeId, StartTime, datetime(2007-06-01), datetime(2007-06-30), 1d, 1d, EventType, dynamic(['Tornado']))`)
    .PrimaryResult!.rows;
  // Episode 4 over days: June 1 has Thunderstorm Wind → Tornado; June 3 Hail → Tornado; none in between.
  assert.deepEqual(rows, [
    [ticks('2007-06-01T00:00:00Z'), 'Thunderstorm Wind', '', 1, [4]],
    [ticks('2007-06-03T00:00:00Z'), 'Hail', '', 1, [4]],
  ]);
});

test('funnel_sequence: null ids, times and states take part in nothing; a number state has null for none', () => {
  const rows = `datatable(Id:string, T:long, S:long) [
    'a', 1, 7, 'a', 2, 8, 'a', 3, 9, '', 4, 8, 'b', long(null), 8, 'b', 5, long(null), 'b', 6, 8]`;
  const t = tables(`${rows} | evaluate funnel_sequence(Id, T, 0, 10, 5, 100, S, dynamic([8]))`);
  assert.deepEqual(t.PrimaryResult!.rows, [
    [0, 7, 9, 1, ['a']],
    [0, null, null, 1, ['b']],
  ]);
  const none = tables(`${rows} | where S == 0 | evaluate funnel_sequence(Id, T, 0, 10, 5, 100, S, dynamic([8]))`);
  assert.deepEqual(Object.keys(none), ['PrimaryResult', 'Table_1', 'Table_2']);
  assert.deepEqual(
    Object.values(none).map((x) => [x.columns.length, x.rows.length]),
    [
      [5, 0],
      [4, 0],
      [4, 0],
    ],
  );
});

test('funnel_sequence: samples hold at most 128 ids', () => {
  const r = run(
    `range Id from 1 to 200 step 1 | extend T = datetime(2020-01-01), S = 'x'
     | evaluate funnel_sequence(Id, T, datetime(2020-01-01), datetime(2020-01-02), 1h, 1d, S, dynamic(['x']))`,
  );
  assert.equal(r.rows.length, 1);
  assert.equal(r.rows[0]![3], 200);
  assert.deepEqual(
    r.rows[0]![4],
    Array.from({ length: 128 }, (_, i) => i + 1),
  );
});

test('funnel_sequence: operators after it read its first table, the one Kusto.Language binds', () => {
  const r = run(`${TORNADO} | where prev == 'Hail' | project next, dcount`);
  assert.equal(r.result.tables.length, 1);
  assert.deepEqual(r.rows, [
    ['Hail', 1],
    ['Thunderstorm Wind', 1],
    ['', 1],
  ]);
  // A render keeps it the query's result: the three tables stay.
  assert.equal(run(`${TORNADO} | render table`).result.tables.length, 3);
});

test('funnel_sequence: bad arguments stop at the argument, saying why', () => {
  const call = (args: string) => () => run(`${STORMS} | evaluate funnel_sequence(EpisodeId, StartTime, ${args})`);
  assert.throws(
    call(`datetime(2007-01-01), datetime(2008-01-01), 1d, 365d, EventType, dynamic(['Tornado', 'Tornado'])`),
    /funnel_sequence: Sequence repeats a state at 0 and 1/,
  );
  assert.throws(
    call(`datetime(2007-01-01), datetime(2008-01-01), 1d, 365d, EventType, dynamic([])`),
    /funnel_sequence: Sequence is an array of one state or more/,
  );
  assert.throws(
    call(`datetime(2007-01-01), datetime(2008-01-01), -1d, 365d, EventType, dynamic(['Tornado'])`),
    /funnel_sequence: MaxSequenceStepWindow is 0 or more/,
  );
  assert.throws(
    call(`datetime(2007-01-01), datetime(2008-01-01), 1d, 0d, EventType, dynamic(['Tornado'])`),
    /funnel_sequence: Step is more than 0/,
  );
  assert.throws(
    call(`datetime(2007-01-01), datetime(2008-01-01), 1d, 365, EventType, dynamic(['Tornado'])`),
    /funnel_sequence: Step is a timespan for a datetime timeline, not long/,
  );
  assert.throws(
    call(`datetime(2007-01-01), datetime(2008-01-01), 1d, 365d, EventType, dynamic([null])`),
    /funnel_sequence: Sequence\[0\] \(null\) is not a string value/,
  );
});

const PERIODS = `${STORMS}
  | evaluate funnel_sequence_completion(EpisodeId, StartTime, datetime(2007-01-01), datetime(2008-01-01), 365d, EventType,
      dynamic(['Hail', 'Tornado', 'Thunderstorm Wind']), dynamic([1h, 4h, 1d]))`;

const H = 3600 * 10_000_000;

test('funnel_sequence_completion: the funnel per period, as the reference example lays it out', () => {
  const r = run(PERIODS);
  assert.deepEqual(r.columns, ['StartTime', 'EventType', 'Period', 'dcount']);
  assert.deepEqual(r.types, ['datetime', 'string', 'timespan', 'long']);
  // Hail: episodes 1, 3, 4 (5's is outside the period). Tornado after Hail: 1 (1 h later), 3 (30 min),
  // 4 (1 h). Thunderstorm Wind after those: only 3, 40 minutes from its Hail. More time, more reached.
  assert.deepEqual(r.rows, [
    [YEAR, 'Hail', H, 3],
    [YEAR, 'Tornado', H, 3],
    [YEAR, 'Thunderstorm Wind', H, 1],
    [YEAR, 'Hail', 4 * H, 3],
    [YEAR, 'Tornado', 4 * H, 3],
    [YEAR, 'Thunderstorm Wind', 4 * H, 1],
    [YEAR, 'Hail', 24 * H, 3],
    [YEAR, 'Tornado', 24 * H, 3],
    [YEAR, 'Thunderstorm Wind', 24 * H, 1],
  ]);
});

test('funnel_sequence_completion: the period runs from the first step; rows between steps are allowed; order counts', () => {
  const rows = `datatable(Id:string, T:long, S:string) [
    'a', 1, 'A', 'a', 2, 'X', 'a', 5, 'B', 'a', 9, 'C',
    'b', 1, 'B', 'b', 2, 'A', 'b', 3, 'C',
    'c', 1, 'A', 'c', 7, 'A', 'c', 8, 'B', 'c', 9, 'C',
    'd', 1, 'C']`;
  const r = run(
    `${rows} | evaluate funnel_sequence_completion(Id, T, 0, 100, 100, S, dynamic(['A', 'B', 'C']), dynamic([2, 4, 8]))`,
  );
  // a reaches B at 4 after A and C at 8; b has no B after its A; c's later A reaches B in 1 and C in 2.
  assert.deepEqual(
    r.rows.map((row) => [row[1], row[2], row[3]]),
    [
      ['A', 2, 3],
      ['B', 2, 1],
      ['C', 2, 1],
      ['A', 4, 3],
      ['B', 4, 2],
      ['C', 4, 1],
      ['A', 8, 3],
      ['B', 8, 2],
      ['C', 8, 2],
    ],
  );
});

test('funnel_sequence_completion: no first step in a bin gives no rows; empty input none', () => {
  const r = run(`${STORMS} | where EventType != 'Hail' | evaluate funnel_sequence_completion(EpisodeId, StartTime,
      datetime(2007-01-01), datetime(2008-01-01), 365d, EventType, dynamic(['Hail', 'Tornado']), dynamic([1h]))`);
  assert.deepEqual(r.columns, ['StartTime', 'EventType', 'Period', 'dcount']);
  assert.deepEqual(r.rows, []);
});

test('funnel_sequence_completion: bad arguments stop at the argument, saying why', () => {
  const call = (sequence: string, periods: string) => () =>
    run(`${STORMS} | evaluate funnel_sequence_completion(EpisodeId, StartTime, datetime(2007-01-01), datetime(2008-01-01),
      365d, EventType, ${sequence}, ${periods})`);
  assert.throws(
    call(`dynamic(['Hail'])`, 'dynamic([])'),
    /MaxSequenceStepPeriods is an array of timespans, at least one/,
  );
  assert.throws(
    call(`dynamic(['Hail'])`, "dynamic(['-01:00:00'])"),
    /MaxSequenceStepPeriods\[0\] \("-01:00:00"\) is not one of the timespans 0 or more/,
  );
  assert.throws(
    call(`dynamic(['Hail'])`, 'dynamic([3])'),
    /MaxSequenceStepPeriods\[0\] \(3\) is not one of the timespans/,
  );
  assert.throws(
    call('dynamic([])', 'dynamic([1h])'),
    /funnel_sequence_completion: Sequence is an array of one state or more/,
  );
});

test('both plugins charge the memory budget and stop at the deadline, as other operators do', () => {
  const rows =
    'range Id from 1 to 100000 step 1 | extend T = datetime(2020-01-01) + Id * 1s, S = tostring(Id % 3) | evaluate';
  const calls = [
    "funnel_sequence(Id, T, datetime(2020-01-01), datetime(2020-01-03), 1h, 1d, S, dynamic(['1']))",
    "funnel_sequence_completion(Id, T, datetime(2020-01-01), datetime(2020-01-03), 1d, S, dynamic(['1']), dynamic([1h]))",
  ];
  for (const call of calls) {
    const plugin = call.slice(0, call.indexOf('('));
    assert.throws(
      () => run(`${rows} ${call}`, smallDatabase(), { memoryLimitBytes: 4_000_000 }),
      (e: Error & { code?: string }) =>
        e.code === 'KQL-MEMORY' && e.message.startsWith(`evaluate ${plugin} needs more memory`),
    );
    assert.throws(
      () => run(`${rows} ${call}`, smallDatabase(), { deadline: Date.now() + 5 }),
      (e: Error) => e.name === 'QueryTimeoutError',
    );
  }
});
