import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from './helpers';

// T: web01 (100 outbound, 50 inbound), db01 (300 outbound, 200 inbound), web02 (null outbound).
describe('partition', () => {
  test("runs the subquery over each key's rows and unions the results in order of first appearance", () => {
    const r = run(
      'T | partition hint.strategy=native by Computer (summarize b = sum(BytesSent) by Direction, Computer | top 1 by b)',
    );
    assert.deepEqual(r.columns, ['Direction', 'Computer', 'b']);
    assert.deepEqual(r.rows, [
      ['outbound', 'web01', 100],
      ['outbound', 'db01', 300],
      ['outbound', 'web02', 0],
    ]);
  });

  test('a window function in the subquery restarts in every part', () => {
    const r = run(
      'T | partition by Computer (order by TimeGenerated asc | extend n = row_number() | project Computer, n)',
    );
    assert.deepEqual(r.rows, [
      ['web01', 1],
      ['web01', 2],
      ['db01', 1],
      ['db01', 2],
      ['web02', 1],
    ]);
  });

  test('the default (legacy) strategy refuses more than 64 parts; native and shuffle do not', () => {
    assert.throws(
      () => run('range x from 1 to 65 step 1 | partition by x (count)'),
      (e: Error & { code?: string }) => e.code === 'KQL-LIMIT' && /65 values/.test(e.message),
    );
    assert.deepEqual(run('range x from 1 to 64 step 1 | partition by x (count) | count').rows, [[64]]);
    assert.deepEqual(
      run('range x from 1 to 100 step 1 | partition hint.strategy=shuffle by x (count) | summarize sum(Count)').rows,
      [[100]],
    );
  });

  test('no input rows give no output rows', () => {
    assert.deepEqual(run('T | where false | partition by Computer (count)').rows, []);
  });

  // The reference's "Legacy strategy with explicit source": `range x from 1 to 2 step 1 | partition
  // hint.strategy=legacy by x {StormEvents | where x == InjuriesIndirect}`, here over T.
  test("{ a subquery with its own source } runs once per key, the bare key reading the part's value", () => {
    const r = run(
      'range x from 1 to 3 step 1 | partition hint.strategy=legacy by x { T | where BytesSent == x * 100 }',
    );
    assert.deepEqual(
      r.rows.map((row) => [row[1], row[2]]),
      [
        ['web01', 100],
        ['db01', 200],
        ['db01', 300],
      ],
    );
    // x = 1 keeps 50; x = 2 keeps 100 and 50.
    assert.deepEqual(
      run('range x from 1 to 2 step 1 | partition by x { T | where BytesSent < x * 100 } | count').rows,
      [[3]],
    );
  });

  test('{ … } reads the key through toscalar(Key) too, and each part runs apart', () => {
    const r = run(`T | distinct Host = Computer | order by Host asc
      | partition by Host { Machines | where Computer == toscalar(Host) | extend Part = toscalar(Host) | project Part, OS }`);
    assert.deepEqual(r.rows, [
      ['db01', 'Windows'],
      ['web01', 'Linux'],
    ]);
  });

  test('{ … } is refused with the native and shuffle strategies, as the reference says', () => {
    assert.throws(
      () => run('range x from 1 to 2 step 1 | partition hint.strategy=native by x { T | where BytesSent == x }'),
      (e: Error & { code?: string }) => e.code === 'KQL-SEMANTIC' && /legacy strategy/.test(e.message),
    );
  });

  test('{ … } keeps the legacy limit of 64 parts', () => {
    assert.throws(
      () => run('range x from 1 to 65 step 1 | partition by x { T | take 1 }'),
      (e: Error & { code?: string }) => e.code === 'KQL-LIMIT',
    );
  });
});
