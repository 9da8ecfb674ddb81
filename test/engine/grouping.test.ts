import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run, ticks } from './helpers';

describe('summarize, distinct, make-series', () => {
  test('aggregates by a key, with Kusto output names', () => {
    const r = run('T | summarize count(), sum(BytesSent), dcount(Direction) by Computer | order by Computer asc');
    assert.deepEqual(r.columns, ['Computer', 'count_', 'sum_BytesSent', 'dcount_Direction']);
    assert.deepEqual(
      r.rows,
      [
        ['db01', 2, 500, 2],
        ['web01', 2, 150, 2],
        ['web02', 1, null, 1],
      ].map((row) => (row[0] === 'web02' ? [row[0], row[1], r.rows[2]![2], row[3]] : row)),
    );
    assert.deepEqual(r.rows.slice(0, 2), [
      ['db01', 2, 500, 2],
      ['web01', 2, 150, 2],
    ]);
  });

  test('summarize without keys gives one row, even over no rows', () => {
    assert.deepEqual(run('T | where Computer == "none" | summarize count()').rows, [[0]]);
    assert.deepEqual(run('T | where Computer == "none" | summarize count() by Computer').rows, []);
  });

  test('bin() keys and computed keys', () => {
    const r = run('T | summarize n = count() by bin(TimeGenerated, 1h) | order by TimeGenerated asc');
    assert.deepEqual(r.columns, ['TimeGenerated', 'n']);
    assert.deepEqual(r.rows, [
      [ticks('2024-01-01T00:00:00Z'), 2],
      [ticks('2024-01-01T01:00:00Z'), 2],
      [ticks('2024-01-01T02:00:00Z'), 1],
    ]);
    const k = run('T | summarize count() by big = BytesSent > 100 | order by big asc');
    assert.deepEqual(k.rows, [
      [null, 1],
      [false, 2],
      [true, 2],
    ]);
  });

  test('summarize by alone lists distinct key combinations', () => {
    const r = run('T | summarize by Computer, Direction | order by Computer asc, Direction asc');
    assert.deepEqual(r.rows, [
      ['db01', 'inbound'],
      ['db01', 'outbound'],
      ['web01', 'inbound'],
      ['web01', 'outbound'],
      ['web02', 'outbound'],
    ]);
  });

  test('expressions over aggregates', () => {
    const r = run('T | summarize avgBytes = sum(BytesSent) / count(), Total = sum(BytesSent) + 1');
    assert.deepEqual(r.rows, [[130, 651]]);
  });

  test('arg_max with * keeps the whole row of the maximum per group', () => {
    const r = run(
      'T | summarize arg_max(TimeGenerated, *) by Computer | order by Computer asc | project Computer, BytesSent, Direction',
    );
    assert.deepEqual(r.rows, [
      ['db01', 200, 'inbound'],
      ['web01', 50, 'inbound'],
      ['web02', null, 'outbound'],
    ]);
    const named = run('T | summarize arg_min(BytesSent, Dir = Direction) by Computer | where Computer == "web01"');
    assert.deepEqual(named.columns, ['Computer', 'BytesSent', 'Dir']);
    assert.deepEqual(named.rows, [['web01', 50, 'inbound']]);
  });

  test("(a, b) = arg_max(…) and (p50, p95) = percentiles(…) name the aggregate's columns", () => {
    const r = run('T | summarize (t, v) = arg_max(TimeGenerated, BytesSent) by Computer | order by Computer asc');
    assert.deepEqual(r.columns, ['Computer', 't', 'v']);
    assert.deepEqual(r.rows, [
      ['db01', ticks('2024-01-01T02:45:00Z'), 200],
      ['web01', ticks('2024-01-01T00:20:00Z'), 50],
      ['web02', ticks('2024-01-01T01:30:00Z'), null],
    ]);
    const p = run('T | summarize (p50, p95) = percentiles(BytesSent, 50, 95)');
    assert.deepEqual(p.columns, ['p50', 'p95']);
    assert.deepEqual(p.rows, [[100, 300]]);
    // Fewer names than values: the rest keep Kusto's generated names.
    const one = run('T | summarize (t) = arg_max(TimeGenerated, BytesSent) by Computer | where Computer == "db01"');
    assert.deepEqual(one.columns, ['Computer', 't', 'BytesSent']);
  });

  test("(a, b) = over a single-valued aggregate is the binder's error, at its position", () => {
    assert.throws(
      () => run('T | summarize (t, v) = count()'),
      (e: Error & { code?: string; start?: number }) =>
        e.code === 'KS149' && e.start === 14 && /does not have multiple named values/.test(e.message),
    );
  });

  test('distinct', () => {
    assert.deepEqual(run('T | distinct Direction | order by Direction asc').rows, [['inbound'], ['outbound']]);
    assert.equal(run('T | project Computer, Direction | distinct *').rows.length, 5);
  });

  test('make-series fills empty steps with the default', () => {
    const r = run(
      'T | make-series n = count() default = 0 on TimeGenerated from datetime(2024-01-01) to datetime(2024-01-01 03:00) step 1h by Direction | order by Direction asc',
    );
    assert.deepEqual(r.columns, ['Direction', 'n', 'TimeGenerated']);
    assert.deepEqual(r.rows[0]!.slice(0, 2), ['inbound', [1, 0, 1]]);
    assert.deepEqual(r.rows[1]!.slice(0, 2), ['outbound', [1, 2, 0]]);
    // The axis is dynamic: its datetimes have seven fraction digits, as the reference's make-series examples print.
    assert.deepEqual(r.rows[0]![2], [
      '2024-01-01T00:00:00.0000000Z',
      '2024-01-01T01:00:00.0000000Z',
      '2024-01-01T02:00:00.0000000Z',
    ]);
  });

  test('make-series without from/to spans the bins that have data, aligned as bin() aligns them', () => {
    // 00:10 … 02:45: three hourly bins, and no empty bin after the last one.
    const hourly = run('T | make-series n = count() default = 0 on TimeGenerated step 1h');
    assert.deepEqual(hourly.rows, [
      [
        [2, 2, 1],
        ['2024-01-01T00:00:00.0000000Z', '2024-01-01T01:00:00.0000000Z', '2024-01-01T02:00:00.0000000Z'],
      ],
    ]);
    // Weeks start where bin(…, 7d) starts them (2024-01-01 is a Monday, as 0001-01-01 was), not at 1970's Thursday.
    assert.deepEqual(run('T | make-series n = count() on TimeGenerated step 7d').rows, [
      [[5], ['2024-01-01T00:00:00.0000000Z']],
    ]);
    assert.deepEqual(run('range x from 1 to 10 step 1 | make-series s = sum(x) on x step 4').rows, [
      [
        [6, 22, 27],
        [0, 4, 8],
      ],
    ]);
  });

  test('make-series … in range(start, stop, step) bins as bin() does and keeps the step holding stop', () => {
    // Steps are bin(TimeGenerated, 1h): the first is 00:00 though start is 00:30, and 02:45 falls in the
    // step of stop (02:00), which the older form includes.
    const r = run(
      'T | make-series n = count() default = 0 on TimeGenerated in range(datetime(2024-01-01 00:30), datetime(2024-01-01 02:00), 1h) by Direction | order by Direction asc',
    );
    assert.deepEqual(r.columns, ['Direction', 'n', 'TimeGenerated']);
    assert.deepEqual(
      r.rows.map((row) => row.slice(0, 2)),
      [
        ['inbound', [1, 0, 1]],
        ['outbound', [1, 2, 0]],
      ],
    );
    assert.deepEqual(r.rows[0]![2], [
      '2024-01-01T00:00:00.0000000Z',
      '2024-01-01T01:00:00.0000000Z',
      '2024-01-01T02:00:00.0000000Z',
    ]);
    const numeric = run('range x from 1 to 10 step 1 | make-series s = sum(x) on x in range(3, 7, 2)');
    // Steps 2, 4, 6: [2, 4) holds 2 and 3, [4, 6) 4 and 5, [6, 8) 6 and 7.
    assert.deepEqual(numeric.rows, [
      [
        [5, 9, 13],
        [2, 4, 6],
      ],
    ]);
  });
});

describe('join and lookup (the Kusto reference examples)', () => {
  const X = 'let X = datatable(Key:string, Value1:long) ["a",1, "b",2, "b",3, "c",4];';
  const Y = 'let Y = datatable(Key:string, Value2:long) ["b",10, "c",20, "c",30, "d",40];';
  const join = (kind: string) => run(`${X}${Y} X | join ${kind} Y on Key | order by Key asc, Key1 asc`).rows;
  const sorted = (q: string) =>
    run(`${X}${Y} ${q}`).rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  test('innerunique (default) keeps one left row per key', () => {
    const r = run(`${X}${Y} X | join Y on Key`);
    assert.deepEqual(r.columns, ['Key', 'Value1', 'Key1', 'Value2']);
    assert.deepEqual(sorted('X | join Y on Key'), [
      ['b', 2, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
  });

  test('inner keeps every matching pair', () => {
    assert.deepEqual(sorted('X | join kind=inner Y on Key'), [
      ['b', 2, 'b', 10],
      ['b', 3, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
  });

  test('outer joins fill the missing side with nulls', () => {
    assert.deepEqual(sorted('X | join kind=leftouter Y on Key'), [
      ['a', 1, '', null],
      ['b', 2, 'b', 10],
      ['b', 3, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
    assert.deepEqual(sorted('X | join kind=rightouter Y on Key'), [
      ['', null, 'd', 40],
      ['b', 2, 'b', 10],
      ['b', 3, 'b', 10],
      ['c', 4, 'c', 20],
      ['c', 4, 'c', 30],
    ]);
    assert.equal(join('kind=fullouter').length, 6);
  });

  test('semi and anti joins keep one side', () => {
    assert.deepEqual(sorted('X | join kind=leftanti Y on Key'), [['a', 1]]);
    assert.deepEqual(sorted('X | join kind=rightanti Y on Key'), [['d', 40]]);
    assert.deepEqual(sorted('X | join kind=leftsemi Y on Key'), [
      ['b', 2],
      ['b', 3],
      ['c', 4],
    ]);
    assert.deepEqual(sorted('X | join kind=rightsemi Y on Key'), [
      ['b', 10],
      ['c', 20],
      ['c', 30],
    ]);
  });

  test('on $left.A == $right.B', () => {
    const r = run(
      'T | join kind=inner (Machines | project Name = Computer, Cores) on $left.Computer == $right.Name | summarize sum(Cores)',
    );
    assert.deepEqual(r.rows, [[2 + 2 + 8 + 8]]);
  });

  test('lookup adds the dimension columns, keys once', () => {
    const r = run('T | lookup Machines on Computer | project Computer, OS, Cores | order by Computer asc');
    assert.deepEqual(r.rows, [
      ['db01', 'Windows', 8],
      ['db01', 'Windows', 8],
      ['web01', 'Linux', 2],
      ['web01', 'Linux', 2],
      ['web02', '', null],
    ]);
    assert.equal(run('T | lookup kind=inner Machines on Computer').rows.length, 4);
  });
});

describe('union, mv-expand, parse, search', () => {
  test("union with withsource names each row's table", () => {
    const r = run(
      'union withsource=Source (Machines | project Computer), (T | project Computer) | summarize count() by Source | order by Source asc',
    );
    assert.deepEqual(r.rows, [
      ['union_arg0', 3],
      ['union_arg1', 5],
    ]);
    const named = run('union withsource=Source Machines, T | summarize count() by Source | order by Source asc');
    assert.deepEqual(named.rows, [
      ['Machines', 3],
      ['T', 5],
    ]);
  });

  test('union outer keeps every column, null where a table lacks it', () => {
    const r = run('Machines | take 1 | union (T | take 1) | project Computer, OS, BytesSent');
    assert.deepEqual(r.rows, [
      ['web01', 'Linux', null],
      ['web01', '', 100],
    ]);
  });

  test('union kind=inner keeps only the columns every input has', () => {
    const r = run('union kind=inner (datatable(a:long, b:long)[1, 2]), (datatable(a:long, c:long)[3, 4])');
    assert.deepEqual(r.columns, ['a']);
    assert.deepEqual(r.rows, [[1], [3]]);
  });

  test('union isfuzzy=true leaves out the legs whose table does not exist, and warns', () => {
    // Missing is not a table of this database: Kusto drops its legs before computing the schema.
    const r = run(
      'union isfuzzy=true (Missing | project Computer, Extra = 1), (Machines | project Computer, OS) | extend n = strlen(Computer) | order by Computer asc | take 1',
    );
    assert.deepEqual(r.columns, ['Computer', 'OS', 'n']);
    assert.deepEqual(r.types, ['string', 'string', 'long']);
    assert.deepEqual(r.rows, [['app01', 'Linux', 5]]);
    assert.deepEqual(r.result.warnings, [
      "The fuzzy name 'Missing' does not refer to any known or currently accessible table.",
    ]);
    const last = run('union isfuzzy=true Machines,\n  Missing\n| count');
    assert.deepEqual(last.rows, [[3]], 'a missing last leg and its comma');
    assert.deepEqual(
      run('union isfuzzy=true Missing1, Machines, Missing2, Missing3, (T | take 2)\n| count').rows,
      [[5]],
      'missing legs first, between and in a row',
    );
    assert.deepEqual(
      run('union isfuzzy=true Machines, Missing1, Missing2 | count').rows,
      [[3]],
      'the last two legs missing',
    );
    assert.throws(
      () => run('union isfuzzy=true Missing, (Other | take 1)'),
      /None of the union's sources exist \(isfuzzy=true\): Missing, Other/,
    );
    assert.throws(() => run('union Missing, Machines'), /Missing/, 'without isfuzzy a missing table is an error');
    // Positions after a blanked leg still point at the right place.
    assert.throws(
      () => run('union isfuzzy=true (Missing | take 1), Machines\n| where nosuchcolumn > 1'),
      (e: Error & { range?: { start: { line: number; character: number } } }) =>
        e.range?.start.line === 1 && e.range.start.character === 8,
    );
  });

  test('union isfuzzy=true: a wildcard no table matches is left out as a missing name is (reference, union isfuzzy examples)', () => {
    // The reference's `union isfuzzy=true View*, SomeView*, OtherView*` counts the rows of the views
    // that exist: SomeView* matches nothing and is skipped, not an error.
    assert.deepEqual(run('union isfuzzy=true Machin*, Missing* | count').rows, [[3]]);
    assert.deepEqual(run('union isfuzzy=true Missing*, (T | take 2), Machines | count').rows, [[5]]);
    assert.throws(() => run('union Machines, Missing*'), /Missing\*/, 'without isfuzzy it is an error');
    assert.throws(
      () => run('union isfuzzy=true Machines, Missing* | where nosuchcolumn > 1'),
      /nosuchcolumn/,
      'an error elsewhere in the query is still reported',
    );
  });

  test('as names a result that later parts of the query read', () => {
    assert.deepEqual(run('T | where Computer == "db01" | as X | join kind=inner (X) on Computer | count').rows, [[4]]);
  });

  test('mv-expand: arrays expand, null gives one row, an empty array none', () => {
    const r = run('T | mv-expand Tags | project Computer, Tags');
    assert.deepEqual(r.rows, [
      ['web01', 'a'],
      ['web01', 'b'],
      ['db01', null],
      ['web02', 'c'],
      ['db01', { k: 1 }],
    ]);
    const typed = run('print d = dynamic([1, "2", 3]) | mv-expand with_itemindex=i d to typeof(long)');
    assert.deepEqual(typed.types, ['long', 'long']);
    assert.deepEqual(typed.rows, [
      [1, 0],
      [null, 1],
      [3, 2],
    ]);
    const legacy = run('print d = dynamic(["x", "y"]) | mvexpand d to typeof(string)');
    assert.deepEqual(legacy.rows, [['x'], ['y']]);
  });

  test('mv-expand of two columns runs in parallel', () => {
    const r = run(
      'datatable (a: int, b: dynamic, c: dynamic)[1, dynamic({"prop1":"a1", "prop2":"b1"}), dynamic([5, 6])] | mv-expand b, c',
    );
    assert.deepEqual(r.rows, [
      [1, { prop1: 'a1' }, 5],
      [1, { prop2: 'b1' }, 6],
    ]);
  });

  test('parse extracts typed captures (Kusto reference example)', () => {
    const q = `let Traces = datatable(EventText:string) [
      "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)"];
      Traces | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices:long * "sliceNumber=" sliceNumber:long * "lockTime=" lockTime ", releaseTime=" releaseTime:date "," * "previousLockTime=" previousLockTime:date ")" *
      | project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime`;
    const r = run(q);
    assert.deepEqual(r.rows, [
      [
        'PipelineScheduler',
        27,
        23,
        '02/17/2016 08:40:01',
        ticks('2016-02-17T08:40:01Z'),
        ticks('2016-02-17T08:39:01Z'),
      ],
    ]);
  });

  test('parse gives empty/null captures when the pattern does not match', () => {
    const r = run('print s = "abc" | parse s with "x=" x:long "," y | project x, y');
    assert.deepEqual(r.rows, [[null, '']]);
  });

  test('search: terms, wildcards and the $table column', () => {
    const r = run('search in (T, Machines) "db01" | summarize count() by $table | order by $table asc');
    assert.deepEqual(r.rows, [
      ['Machines', 1],
      ['T', 2],
    ]);
    assert.deepEqual(run('search in (Machines) "*ind*" | project Computer').rows, [['db01']]);
    assert.deepEqual(run('search in (Machines) "web*" | count').rows, [[1]]);
    assert.deepEqual(run('Machines | search "linux" | count').rows, [[2]]);
    assert.deepEqual(
      run('search in (T, Machines) Computer:"web01" | summarize count() by $table | order by $table asc').rows,
      [
        ['Machines', 1],
        ['T', 2],
      ],
    );
  });
});
