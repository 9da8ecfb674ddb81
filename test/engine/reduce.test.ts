// The reduce operator, from the reference's examples. Its rand() inputs are made deterministic here
// (x % 10 for toint(rand(10))); where the printed output cannot be what the documented semantics give,
// the test says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduce } from '../../src/engine/exec/reducePatterns';
import { run } from './helpers';

const MACHINE_LEARNING = `range x from 1 to 1000 step 1
| project MyText = strcat("MachineLearningX", tostring(x % 10))`;

test("reduce: the output columns are Pattern, Count, Representative (the binder's schema)", () => {
  const r = run(`${MACHINE_LEARNING} | reduce by MyText with threshold=0.001, characters="X"`);
  assert.deepEqual(r.columns, ['Pattern', 'Count', 'Representative']);
  assert.deepEqual(r.types, ['string', 'long', 'string']);
});

test('reduce with a small threshold: one group "MachineLearning*" of all 1000 values', () => {
  const r = run(`${MACHINE_LEARNING} | reduce by MyText with threshold=0.001, characters="X"`);
  assert.deepEqual(r.rows, [['MachineLearning*', 1000, 'MachineLearningX1']]);
});

test('reduce with a large threshold: no reduction, a group per value', () => {
  const r = run(`${MACHINE_LEARNING} | reduce by MyText with threshold=0.9, characters="X"`);
  // The reference prints nine groups of about 100 that all show the pattern "MachineLearning*": the
  // counts say the values were not reduced (a group per value), so each group's pattern is its value.
  assert.equal(r.rows.length, 10);
  for (const [pattern, count, representative] of r.rows) {
    assert.equal(count, 100);
    assert.equal(pattern, representative);
    assert.match(String(pattern), /^MachineLearningX\d$/);
  }
});

test('reduce with the default characters: "fooZ1"… are one term each, all different: others', () => {
  const r = run('range x from 1 to 10 step 1 | project str = strcat("foo", "Z", tostring(x)) | reduce by str');
  assert.deepEqual(r.rows, [['others', 10, '']]);
});

test('reduce with characters="Z": terms foo and the number; the number varies', () => {
  const r = run(
    'range x from 1 to 10 step 1 | project str = strcat("foo", "Z", tostring(x)) | reduce by str with characters="Z"',
  );
  assert.deepEqual(r.rows, [['foo*', 10, 'fooZ1']]);
});

test('reduce of log lines: varying terms become *, words and spaces stay, low-cardinality terms stay', () => {
  const r = run(`range x from 1 to 40 step 1
| project Text = iff(x % 2 == 0,
    strcat("Connection to 10.0.", tostring(x), ".", tostring(x * 7 % 250), " failed after ", tostring(x * 13), " ms"),
    strcat("User u", tostring(x), " logged in from ", iff(x % 4 == 1, "web01", "web02")))
| reduce by Text`);
  assert.deepEqual(r.rows, [
    ['User * logged in from web01', 10, 'User u1 logged in from web01'],
    ['Connection to 10.0* failed after * ms', 20, 'Connection to 10.0.2.14 failed after 26 ms'],
    ['User * logged in from web02', 10, 'User u3 logged in from web02'],
  ]);
});

test('reduce kind=source: the input rows with their group appended', () => {
  // The reference says kind=source appends Pattern; Kusto.Language binds it to the input's columns and
  // Pattern, Count, Representative, and the plan follows the binder, so each row carries its whole group.
  const r = run(`range x from 1 to 10 step 1 | project str = strcat("foo", "Z", tostring(x))
| extend str = iff(str == "fooZ3", "bar", str)
| reduce kind=source by str with characters="Z" | where str in ("fooZ1", "bar")`);
  assert.deepEqual(r.columns, ['str', 'Pattern', 'Count', 'Representative']);
  assert.deepEqual(r.rows, [
    ['fooZ1', 'foo*', 9, 'fooZ1'],
    ['bar', 'bar', 1, 'bar'],
  ]);
});

test('reduce: a threshold that is not a constant real in [0, 1] is an error that points at it', () => {
  assert.throws(
    () => run('range x from 1 to 3 step 1 | project s = tostring(x) | reduce by s with threshold=2.0'),
    /threshold must be a constant real between 0 and 1/,
  );
});

test('reduce: an empty input gives no groups; empty strings group together', () => {
  assert.deepEqual(reduce([], { threshold: 0.1, characters: undefined }).groups, []);
  assert.deepEqual(reduce(['', ''], { threshold: 0.1, characters: undefined }).groups, [
    { pattern: '', count: 2, representative: '' },
  ]);
});
