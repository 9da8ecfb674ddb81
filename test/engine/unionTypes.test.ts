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

test('union of let views: the reference example, a column per type and the source named per row', () => {
  const r = run(`let View_1 = view () { print x=1 };
let View_2 = view () { print x=toint(2) };
union withsource=TableName View_1, View_2`);
  assert.deepEqual(r.columns, ['TableName', 'x_long', 'x_int']);
  assert.deepEqual(r.rows, [
    ['View_1', 1, null],
    ['View_2', null, 2],
  ]);
});

test('union: a suffixed name that an input already has is made unique, and each value stays in its own column', () => {
  // The reference's example: View_3's own x_long keeps its values apart from View_1's x. (The reference
  // names View_1's column x_long1 and View_3's x_long; Kusto.Language, whose names the editor shows,
  // gives View_1's column x_long and View_3's x_long1. Either way View_1's 1 and View_3's 3 are apart.)
  const r = run(`let View_1 = view () { print x=1 };
let View_2 = view () { print x=toint(2) };
let View_3 = view () { print x_long=3 };
union withsource=TableName View_1, View_2, View_3`);
  assert.deepEqual(r.columns, ['TableName', 'x_long', 'x_int', 'x_long1']);
  assert.deepEqual(r.rows, [
    ['View_1', 1, null, null],
    ['View_2', null, 2, null],
    ['View_3', null, null, 3],
  ]);
});
