/** project-by-names: the columns Kusto.Language binds from constant names, wildcards and arrays of names. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from './helpers';

test('project-by-names keeps the named columns in the order named', () => {
  const r = run('T | project-by-names "Direction", "Computer" | take 1');
  assert.deepEqual(r.columns, ['Direction', 'Computer']);
  assert.deepEqual(r.rows, [['outbound', 'web01']]);
});

test('project-by-names takes wildcards and dynamic arrays of names', () => {
  assert.deepEqual(run('T | project-by-names "Comp*" | take 1').columns, ['Computer']);
  assert.deepEqual(run('T | project-by-names dynamic(["BytesSent", "Computer"]) | take 1').rows, [[100, 'web01']]);
});

test('project-by-names of names the binder cannot resolve is refused with a clear error', () => {
  assert.throws(() => run('T | project-by-names "Nope"'), /project-by-names/);
});
