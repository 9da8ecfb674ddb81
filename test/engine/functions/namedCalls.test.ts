// bag_pack_columns (the reference's example) and current_database(), which the planner answers from
// names: the columns' and the one database's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from '../helpers';
import { rows } from './helpers';

test("bag_pack_columns: the reference's example, each column's name its property's", () => {
  const q = `datatable(Id: string, Value: string, Other: long)["A", "val_a", 1, "B", "val_b", 2, "C", "val_c", 3]
    | extend Packed = bag_pack_columns(Id, Value)`;
  assert.deepEqual(rows(q), [
    ['A', 'val_a', 1, { Id: 'A', Value: 'val_a' }],
    ['B', 'val_b', 2, { Id: 'B', Value: 'val_b' }],
    ['C', 'val_c', 3, { Id: 'C', Value: 'val_c' }],
  ]);
});

test("bag_pack_columns of something not a column is the binder's error", () => {
  assert.throws(() => run('print a = 1 | extend b = bag_pack_columns(a, 1 + 1)'), /Column name expected/);
});

test('current_database() is the name database() resolves: the workspace database', () => {
  assert.deepEqual(run('print current_database()').rows, [['VMInsights']]);
  assert.deepEqual(run("database('VMInsights').T | count").rows, [[5]]);
});
