// The search for the graph operators to blank (src/kql/throwingOperators.ts), over a model binder: an
// operator throws when kept, given which of the others are blanked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findThrowingOperators, REBIND_BUDGET } from '../../src/kql/throwingOperators';

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

/** What a search over the model binder must give whatever its budget: no false error, nothing bad kept. */
function assertSound(count: number, bad: ReadonlySet<number>, found: ReturnType<typeof findThrowingOperators>) {
  const unchecked = new Set(found.unchecked);
  const flagged = found.blanked.filter((i) => !unchecked.has(i));
  assert.ok(flagged.length > 0, 'the first throwing operator is always found, so the query keeps an error');
  assert.ok(
    flagged.every((i) => bad.has(i)),
    `flagged ${flagged} as throwing, bad are ${[...bad]}`,
  );
  const blanked = new Set(found.blanked);
  assert.ok(
    [...bad].every((i) => blanked.has(i)),
    'every bad operator is blanked: the bind that is kept never binds one',
  );
  assert.deepEqual(found.value, found.blanked, 'the value is the bind with exactly those blanked');
  // The unchecked operators are the tail: every operator before them was decided.
  const first = found.unchecked[0] ?? count;
  assert.deepEqual(
    found.unchecked,
    Array.from({ length: count - first }, (_, k) => first + k),
  );
}

test('past its budget of binds the search blanks the undecided operators together, unchecked', () => {
  const bad = new Set([3, 13, 23, 33, 43]);
  const unbounded = findThrowingOperators(50, modelBinder(50, (i) => bad.has(i)).bind, { binds: Infinity });
  assert.deepEqual(unbounded.blanked, [...bad]);
  assert.deepEqual(unbounded.unchecked, []);
  for (const budget of [0, 1, 8, 20, 28]) {
    const { bind, calls } = modelBinder(50, (i) => bad.has(i));
    const found = findThrowingOperators(50, bind, { binds: budget });
    assertSound(50, bad, found);
    assert.ok(found.unchecked.length > 0, `budget ${budget}: ${unbounded.binds} binds were needed`);
    assert.equal(found.binds, calls.length);
    // Past the budget: only the binds that find the first throwing operator, and at most one for the
    // fallback (usually made already).
    assert.ok(found.binds <= Math.max(budget, 7) + 1, `budget ${budget}: ${found.binds} binds`);
  }
});

test('the default budget decides up to three bad operators among fifty, and bounds all fifty bad', () => {
  for (const bad of [new Set([0, 25, 49]), new Set([1, 2, 48]), new Set([10])]) {
    const found = findThrowingOperators(50, modelBinder(50, (i) => bad.has(i)).bind);
    assert.deepEqual(found.blanked, [...bad]);
    assert.deepEqual(found.unchecked, []);
  }
  const allBad = new Set(Array.from({ length: 50 }, (_, i) => i));
  const found = findThrowingOperators(50, modelBinder(50, () => true).bind);
  assertSound(50, allBad, found);
  assert.ok(found.binds <= REBIND_BUDGET + 1, `${found.binds} binds (105 without the budget)`);
});

test('a caller whose time is up stops the search once the first throwing operator is found', () => {
  const bad = new Set([7, 30]);
  let expired = false;
  const { bind } = modelBinder(50, (i) => bad.has(i));
  const found = findThrowingOperators(
    50,
    (blanked) => {
      const outcome = bind(blanked);
      // Time runs out during the first bisection: it still ends.
      expired = true;
      return outcome;
    },
    { binds: Infinity, expired: () => expired },
  );
  assertSound(50, bad, found);
  assert.deepEqual(found.blanked.slice(0, 1), [7]);
  assert.equal(found.unchecked[0], 8, 'the operators before the first were decided: kept');
});
