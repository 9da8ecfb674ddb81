import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run, ticks } from './helpers';
import { scalarFunction, type ScalarFunction } from '../../src/engine/functions';

describe('row operators', () => {
  test('where, extend and project compute per row with Kusto names', () => {
    const r = run(
      'T | where BytesSent > 60 | extend Double = BytesSent * 2, BytesSent / 3 | project Computer, Double, Column1',
    );
    assert.deepEqual(r.columns, ['Computer', 'Double', 'Column1']);
    assert.deepEqual(r.rows, [
      ['web01', 200, 33],
      ['db01', 600, 100],
      ['db01', 400, 66],
    ]);
  });

  test('extend replaces a column in place and later expressions see earlier ones', () => {
    const r = run('T | take 1 | extend BytesSent = BytesSent + 1, Next = BytesSent * 10 | project BytesSent, Next');
    assert.deepEqual(r.rows, [[101, 1010]]);
  });

  test('a null comparison filters the row out', () => {
    const r = run('T | where BytesSent < 1000 | count');
    assert.deepEqual(r.rows, [[4]]);
  });

  test('string operators: ==, =~, has, startswith, in~', () => {
    assert.deepEqual(run('T | where Computer == "WEB01" | count').rows, [[0]]);
    assert.deepEqual(run('T | where Computer =~ "WEB01" | count').rows, [[2]]);
    assert.deepEqual(run('T | where Computer startswith "web" | count').rows, [[3]]);
    assert.deepEqual(run('T | where Computer in~ ("DB01", "web02") | count').rows, [[3]]);
    assert.deepEqual(run('T | where Computer !in ("db01") | count').rows, [[3]]);
  });

  test('project-away, project-rename, project-reorder and project-keep', () => {
    assert.deepEqual(run('Machines | project-away OS').columns, ['Computer', 'Cores']);
    const renamed = run('Machines | project-rename Name = Computer | take 1');
    assert.deepEqual(renamed.columns, ['Name', 'OS', 'Cores']);
    assert.deepEqual(renamed.rows, [['web01', 'Linux', 2]]);
    assert.deepEqual(run('Machines | project-reorder Cores').columns, ['Cores', 'Computer', 'OS']);
    assert.deepEqual(run('Machines | project-keep C*').columns, ['Computer', 'Cores']);
  });

  test('take and limit keep the first rows; count counts', () => {
    assert.deepEqual(run('T | take 2 | project BytesSent').rows, [[100], [50]]);
    assert.deepEqual(run('T | limit 1 | project Computer').rows, [['web01']]);
    assert.deepEqual(run('T | count').rows, [[5]]);
    assert.deepEqual(run('T | count').columns, ['Count']);
  });

  test('sample keeps up to N input rows, in input order, different ones across runs', () => {
    const draws = Array.from({ length: 40 }, () =>
      run('range x from 1 to 100 step 1 | sample 10').rows.map((r) => r[0] as number),
    );
    for (const xs of draws) {
      assert.equal(xs.length, 10);
      assert.equal(new Set(xs).size, 10, 'no row twice');
      assert.ok(xs.every((x) => Number.isInteger(x) && x >= 1 && x <= 100));
      assert.deepEqual(
        xs,
        [...xs].sort((a, b) => a - b),
        'input order',
      );
    }
    assert.ok(new Set(draws.map((xs) => xs.join())).size > 1, 'Kusto documents sample as non-deterministic');
    assert.deepEqual(run('T | sample 100 | count').rows, [[5]], 'more than there are: all rows');
    assert.deepEqual(run('T | sample 0').rows, []);
    // Every row is as likely: in 300 draws of 2 rows out of 4, each row comes 150 ± 50 times (±5.8 standard deviations).
    const counts = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      for (const [x] of run('range x from 1 to 4 step 1 | sample 2').rows) {
        counts.set(x as number, (counts.get(x as number) ?? 0) + 1);
      }
    }
    assert.deepEqual([...counts.keys()].sort(), [1, 2, 3, 4]);
    assert.ok(
      [...counts.values()].every((c) => c > 100 && c < 200),
      JSON.stringify([...counts]),
    );
  });

  test('sample-distinct gives up to N distinct values of a column', () => {
    const two = run('T | sample-distinct 2 of Computer');
    assert.deepEqual(two.columns, ['Computer']);
    assert.equal(two.rows.length, 2);
    assert.equal(new Set(two.rows.map((r) => r[0])).size, 2);
    assert.ok(two.rows.every((r) => ['web01', 'web02', 'db01'].includes(r[0] as string)));
    assert.deepEqual(
      run('T | sample-distinct 10 of Computer')
        .rows.map((r) => r[0])
        .sort(),
      ['db01', 'web01', 'web02'],
    );
  });

  test('order by defaults to descending with nulls last; asc puts nulls first', () => {
    assert.deepEqual(run('T | order by BytesSent | project BytesSent').rows, [[300], [200], [100], [50], [null]]);
    assert.deepEqual(run('T | sort by BytesSent asc | project BytesSent').rows, [[null], [50], [100], [200], [300]]);
    assert.deepEqual(run('T | sort by BytesSent asc nulls last | project BytesSent').rows, [
      [50],
      [100],
      [200],
      [300],
      [null],
    ]);
    assert.deepEqual(run('T | order by Computer asc, BytesSent desc | project Computer, BytesSent').rows, [
      ['db01', 300],
      ['db01', 200],
      ['web01', 100],
      ['web01', 50],
      ['web02', null],
    ]);
  });

  test('top takes the first rows of the order', () => {
    assert.deepEqual(run('T | top 2 by BytesSent | project Computer').rows, [['db01'], ['db01']]);
    assert.deepEqual(run('T | top 1 by TimeGenerated asc | project Computer').rows, [['web01']]);
    // Few rows of many take the partial-selection path; ties keep input order.
    assert.deepEqual(run('range x from 1 to 100 step 1 | extend y = x % 7 | top 3 by y desc').rows, [
      [6, 6],
      [13, 6],
      [20, 6],
    ]);
  });

  test('print, range and datatable', () => {
    const p = run('print 1, x = "a", 2.5');
    assert.deepEqual(p.columns, ['print_0', 'x', 'print_2']);
    assert.deepEqual(p.rows, [[1, 'a', 2.5]]);
    assert.deepEqual(run('range x from 1 to 10 step 3').rows, [[1], [4], [7], [10]]);
    const d = run('datatable(a: long, b: string) [1, "x", -2, "y"]');
    assert.deepEqual(d.rows, [
      [1, 'x'],
      [-2, 'y'],
    ]);
    const dt = run('range t from datetime(2024-01-01) to datetime(2024-01-01 02:00) step 1h');
    assert.deepEqual(dt.rows, [
      [ticks('2024-01-01T00:00:00Z')],
      [ticks('2024-01-01T01:00:00Z')],
      [ticks('2024-01-01T02:00:00Z')],
    ]);
  });

  test('dynamic indexing: d.key, d["key"], d[0] and negative indexes', () => {
    const r = run(
      'print d = dynamic({"a": {"b": [1, 2, 3]}}) | project x = d.a.b[0], y = d["a"]["b"][-1], z = d.nothere',
    );
    assert.deepEqual(r.rows, [[1, 3, null]]);
  });

  test('serialize with row_number, prev and next', () => {
    const r = run(
      'T | project BytesSent | serialize n = row_number(), p = prev(BytesSent), nx = next(BytesSent, 1, -1)',
    );
    assert.deepEqual(r.rows, [
      [100, 1, null, 50],
      [50, 2, 100, 300],
      [300, 3, 50, null],
      [null, 4, 300, 200],
      [200, 5, null, -1],
    ]);
  });

  test("a tuple-valued call in extend and project makes one column per element, with Kusto's names", () => {
    const x = 'print x = dynamic([3, 1, 2])';
    const e = run(`${x} | extend series_stats(x)`);
    assert.deepEqual(e.columns, [
      'x',
      'series_stats_x_min',
      'series_stats_x_min_idx',
      'series_stats_x_max',
      'series_stats_x_max_idx',
      'series_stats_x_avg',
      'series_stats_x_stdev',
      'series_stats_x_variance',
    ]);
    assert.deepEqual(e.types, ['dynamic', 'real', 'long', 'real', 'long', 'real', 'real', 'real']);
    assert.deepEqual(e.rows, [[[3, 1, 2], 1, 1, 3, 0, 2, 1, 1]]);
    const p = run(`${x} | project series_stats(x), n = 1`);
    assert.deepEqual(p.columns, [
      'series_stats_x_min',
      'series_stats_x_min_idx',
      'series_stats_x_max',
      'series_stats_x_max_idx',
      'series_stats_x_avg',
      'series_stats_x_stdev',
      'series_stats_x_variance',
      'n',
    ]);
    assert.deepEqual(p.rows, [[1, 1, 3, 0, 2, 1, 1, 1]]);
    // The same call twice: the binder suffixes the second set of names.
    const twice = run(`${x} | project series_stats(x), series_stats(x, true)`);
    assert.deepEqual(twice.columns.slice(7, 9), ['series_stats_x_min1', 'series_stats_x_min_idx1']);
  });

  test('(a, b, …) = f(…) names the first columns; the rest keep generated names', () => {
    const e = run('print x = dynamic([3, 1, 2]) | extend (lo, at) = series_stats(x), after = 1');
    assert.deepEqual(e.columns, [
      'x',
      'lo',
      'at',
      'series_stats_x_max',
      'series_stats_x_max_idx',
      'series_stats_x_avg',
      'series_stats_x_stdev',
      'series_stats_x_variance',
      'after',
    ]);
    assert.deepEqual(e.rows[0]!.slice(1), [1, 1, 3, 0, 2, 1, 1, 1]);
    const p = run('print x = dynamic([3, 1, 2]) | project (lo, at) = series_stats(x), x');
    assert.deepEqual(p.columns[0], 'lo');
    assert.deepEqual(p.columns[7], 'x');
    const s = run(
      'T | project BytesSent | take 2 | serialize (lo, at) = series_stats(pack_array(BytesSent, 0)), n = row_number()',
    );
    assert.deepEqual(
      s.rows.map((r) => [r[0], r[1], r[2], r[8]]),
      [
        [100, 0, 1, 1],
        [50, 0, 1, 2],
      ],
    );
  });

  test('each row of a tuple-valued call is computed once for all its columns', () => {
    const fn = scalarFunction('series_stats') as { bind: ScalarFunction['bind'] };
    const original = fn.bind;
    let calls = 0;
    fn.bind = (...a) => {
      const impl = original(...a);
      return (args) => {
        calls++;
        return impl(args);
      };
    };
    try {
      run('T | extend series_stats(pack_array(BytesSent))');
    } finally {
      fn.bind = original;
    }
    assert.equal(calls, 5);
  });

  test("(a, b) = over a single-valued expression is the binder's error, at its position", () => {
    assert.throws(
      () => run('T | extend (a, b) = strlen(Computer)'),
      (e: Error & { code?: string; start?: number }) =>
        e.code === 'KS149' && e.start === 11 && /does not have multiple named values/.test(e.message),
    );
  });

  test('getschema lists the columns with their types', () => {
    const r = run('Machines | getschema');
    assert.deepEqual(r.columns, ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType']);
    assert.deepEqual(r.rows, [
      ['Computer', 0, 'System.String', 'string'],
      ['OS', 1, 'System.String', 'string'],
      ['Cores', 2, 'System.Int32', 'int'],
    ]);
  });

  test('ago() and now() see the query time', () => {
    assert.deepEqual(run('T | where TimeGenerated > ago(1h) | project Computer').rows, [['db01']]);
    assert.deepEqual(run('print now()').rows, [[ticks('2024-01-01T03:00:00Z')]]);
  });
});
