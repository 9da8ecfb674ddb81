/** mv-expand kind=bag (the default) and kind=array over property bags, as the Kusto reference describes them. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

const BAGS = `datatable (a: int, b: dynamic)
[
  1, dynamic({"prop1": "a1", "prop2": "b1"}),
  2, dynamic({"prop1": "a2", "prop2": "b2"})
]`;

test('mv-expand kind=array: each bag entry becomes a [key, value] array (the reference example)', () => {
  const r = run(`${BAGS} | mv-expand kind=array b`);
  assert.deepEqual(r.columns, ['a', 'b']);
  assert.deepEqual(r.rows, [
    [1, ['prop1', 'a1']],
    [1, ['prop2', 'b1']],
    [2, ['prop1', 'a2']],
    [2, ['prop2', 'b2']],
  ]);
});

test('mv-expand bagexpansion=array, the older spelling, expands the same way', () => {
  assert.deepEqual(run(`${BAGS} | mv-expand bagexpansion=array b | take 1`).rows, [[1, ['prop1', 'a1']]]);
});

test('mv-expand kind=bag and no kind: each bag entry becomes a one-entry bag', () => {
  for (const kind of ['kind=bag ', '']) {
    assert.deepEqual(run(`${BAGS} | mv-expand ${kind}b | take 2`).rows, [
      [1, { prop1: 'a1' }],
      [1, { prop2: 'b1' }],
    ]);
  }
});

test('mv-expand kind=array leaves arrays as they are and reads a [key, value] pair by index', () => {
  const r = run(`print d = dynamic([1, {"k": "v"}]) | mv-expand kind=array d`);
  assert.deepEqual(r.rows, [[1], [{ k: 'v' }]]);
  const pairs = run(
    `${BAGS} | mv-expand kind=array b | extend key = tostring(b[0]), value = tostring(b[1]) | project key, value`,
  );
  assert.deepEqual(pairs.rows[1], ['prop2', 'b1']);
});
