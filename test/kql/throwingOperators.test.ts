// The search for the graph operators to blank (src/kql/throwingOperators.ts), over a model binder: an
// operator throws when kept, given which of the others are blanked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findThrowingOperators } from '../../src/kql/throwingOperators';

/** A binder over `count` operators where `throwsIf(i, blanked)` says whether operator i, kept, throws. */
function modelBinder(count: number, throwsIf: (i: number, blanked: ReadonlySet<number>) => boolean) {
  const calls: number[][] = [];
  const bind = (blanked: readonly number[]) => {
    calls.push([...blanked]);
    const set = new Set(blanked);
    for (let i = 0; i < count; i++) {
      if (!set.has(i) && throwsIf(i, set)) return { ok: false as const, error: new TypeError(`operator ${i}`) };
    }
    return { ok: true as const, value: [...blanked] };
  };
  return { bind, calls };
}

test('one bad operator among fifty: it alone is blanked, in a few binds', () => {
  for (const bad of [0, 1, 17, 48, 49]) {
    const { bind, calls } = modelBinder(50, (i) => i === bad);
    const found = findThrowingOperators(50, bind);
    assert.deepEqual(found.blanked, [bad]);
    assert.deepEqual(found.value, [bad], 'the value is the bind with exactly those blanked');
    assert.equal(found.binds, calls.length);
    assert.ok(found.binds <= 8, `${found.binds} binds for operator ${bad}`);
  }
});

test('several bad operators are all blanked, the good ones kept', () => {
  const bad = new Set([2, 3, 20, 49]);
  const { bind } = modelBinder(50, (i) => bad.has(i));
  assert.deepEqual(findThrowingOperators(50, bind).blanked, [2, 3, 20, 49]);
  const { bind: allBad } = modelBinder(5, () => true);
  assert.deepEqual(findThrowingOperators(5, allBad).blanked, [0, 1, 2, 3, 4]);
});

test('an operator that throws only after a kept one (graph-match over graph-match) is the one blanked', () => {
  // `make-graph … | graph-match … | graph-match …`: the second reads the first's table.
  const { bind } = modelBinder(2, (i, blanked) => i === 1 && !blanked.has(0));
  assert.deepEqual(findThrowingOperators(2, bind).blanked, [1]);
});

test('a throw that blanking every operator does not stop propagates', () => {
  const bind = () => ({ ok: false as const, error: new RangeError('elsewhere') });
  assert.throws(() => findThrowingOperators(3, bind), /elsewhere/);
});
