/** union of tables whose same-named columns differ in type: one `name_type` column per type (the binder's schema). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

test('union: a column of two types becomes Value_long and Value_string, each row in its own', () => {
  const r = run(`let t1 = datatable(Key:string, Value:long) ["a", 1];
let t2 = datatable(Key:string, Value:string) ["b", "x"];
union t1, t2`);
  assert.deepEqual(r.columns, ['Key', 'Value_long', 'Value_string']);
  assert.deepEqual(r.types, ['string', 'long', 'string']);
  assert.deepEqual(r.rows, [
    ['a', 1, ''],
    ['b', null, 'x'],
  ]);
});

test('union: int and long are different types too; a third input of a known type shares its column', () => {
  const r = run('union (datatable(x:int)[1]), (datatable(x:long)[2]), (datatable(x:int)[3])');
  assert.deepEqual(r.columns, ['x_int', 'x_long']);
  assert.deepEqual(r.rows, [
    [1, null],
    [null, 2],
    [3, null],
  ]);
});
