import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { executeQuery } from '../../src/engine';
import { KqlError } from '../../src/kql';
import { QueryCancelledError, QueryTimeoutError } from '../../src/results/errors';
import { run, smallDatabase, ticks } from './helpers';

describe('let, functions, materialize, toscalar', () => {
  test('table() names a stored table or a tabular let by a constant string', () => {
    assert.deepEqual(run('table("T") | count').rows, [[5]]);
    assert.deepEqual(run('let X = T | take 2; table("X") | count').rows, [[2]]);
  });

  test('user function calls take named arguments; the others fill the remaining parameters in order', () => {
    assert.deepEqual(
      run(
        'let f = (a:long, b:long = 10, c:long = 100) { a + b * 2 + c * 3 }; print x = f(1), y = f(1, c=0), z = f(c=1, a=2), w = f(1, 2, 3)',
      ).rows,
      [[321, 21, 25, 14]],
    );
  });

  test('scalar and tabular lets', () => {
    const r = run('let threshold = 60; let big = T | where BytesSent > threshold; big | summarize count()');
    assert.deepEqual(r.rows, [[3]]);
  });

  test('user functions with scalar and tabular parameters and defaults', () => {
    const r = run('let f = (x: long, y: long = 10) { x * y }; print a = f(2), b = f(2, 3)');
    assert.deepEqual(r.rows, [[20, 6]]);
    const t = run('let over = (t: (BytesSent: long), n: long) { t | where BytesSent > n }; over(T, 150) | count');
    assert.deepEqual(t.rows, [[2]]);
    const noArgs = run('let recent = () { T | where TimeGenerated > ago(2h) }; recent | count');
    assert.deepEqual(noArgs.rows, [[3]]);
  });

  test('materialize() and a let used twice give the same rows', () => {
    const r = run(
      'let m = materialize(T | summarize n = count() by Computer); m | join kind=inner (m) on Computer | project Computer, n, n1 | order by Computer asc',
    );
    assert.deepEqual(r.rows, [
      ['db01', 2, 2],
      ['web01', 2, 2],
      ['web02', 1, 1],
    ]);
  });

  test('toscalar and `in` over a tabular expression', () => {
    assert.deepEqual(
      run('let top1 = toscalar(T | top 1 by BytesSent | project Computer); T | where Computer == top1 | count').rows,
      [[2]],
    );
    assert.deepEqual(run('T | where Computer in ((Machines | where OS == "Linux" | project Computer)) | count').rows, [
      [2],
    ]);
    assert.deepEqual(
      run('let linux = Machines | where OS == "Linux" | project Computer; T | where Computer !in (linux) | count').rows,
      [[3]],
    );
  });

  test('several statements give several tables, the first named PrimaryResult', () => {
    const r = run('T | count; Machines | count');
    assert.deepEqual(
      r.result.tables.map((t) => t.name),
      ['PrimaryResult', 'Table_1'],
    );
    assert.deepEqual(r.result.tables[1]!.table.rows(), [[3]]);
  });

  test('render is kept as metadata', () => {
    const r = run(
      'T | summarize count() by bin(TimeGenerated, 1h) | render timechart with (title="Traffic", ycolumns=count_, ymin=0)',
    );
    assert.deepEqual(r.result.render, { visualization: 'timechart', title: 'Traffic', ycolumns: ['count_'], ymin: 0 });
    assert.equal(r.rows.length, 3);
  });
});

describe('errors and limits', () => {
  function error(query: string): KqlError {
    try {
      executeQuery(query, smallDatabase());
    } catch (e) {
      assert.ok(e instanceof KqlError, `expected a KqlError, got ${String(e)}`);
      return e;
    }
    assert.fail('the query did not fail');
  }

  test("syntax and binding errors are the library's diagnostics with their position", () => {
    const e = error('T | where Nope > 1');
    assert.equal(e.message, "The name 'Nope' does not refer to any known column, table, variable or function.");
    assert.deepEqual(e.range.start, { line: 0, character: 10 });
    const s = error('T\n| take 1\n| summarize count() by Nope');
    assert.deepEqual(s.range.start, { line: 2, character: 23 });
  });

  test('a query without a tabular expression is an error, not an empty result', () => {
    assert.equal(error('let x = 1;').code, 'KQL-NO-RESULT');
    assert.equal(error('// nothing').code, 'KQL-NO-RESULT');
  });

  test('an unsupported operator fails with a KqlError naming it at its position', () => {
    const e = error("T | evaluate http_request('https://example.com')");
    assert.equal(e.code, 'KQL-UNSUPPORTED');
    assert.match(e.message, /evaluate/);
    assert.equal(e.range.start.character, 4);
  });

  test('cancellation and deadlines stop the query with their own errors', () => {
    const db = smallDatabase();
    assert.throws(() => executeQuery('T | count', db, { isCancelled: () => true }), QueryCancelledError);
    assert.throws(
      () => executeQuery('range x from 1 to 50000000 step 1 | summarize count()', db, { deadline: Date.now() + 50 }),
      QueryTimeoutError,
    );
  });

  test('the time range restricts every table with TimeGenerated', () => {
    const r = run('T | count', smallDatabase(), {
      timeRange: { start: ticks('2024-01-01T01:00:00Z'), end: ticks('2024-01-01T02:00:00Z') },
    });
    assert.deepEqual(r.rows, [[2]]);
    assert.deepEqual(run('Machines | count', smallDatabase(), { timeRange: { start: 0, end: 1 } }).rows, [[3]]);
  });

  test('results past the row limit are truncated with a warning', () => {
    const r = run('range x from 1 to 100 step 1', smallDatabase(), { rowLimit: 10 });
    assert.equal(r.rows.length, 10);
    assert.equal(r.result.truncated, true);
    assert.equal(r.result.warnings.length, 1);
  });
});
