/** evaluate dcount_intersect, against the reference's example and the intersections it defines. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './helpers';

test('dcount_intersect: the reference example, evens, evens ∩ multiples of 3, and of 5 (0 in each, subtracted)', () => {
  const r = run(`range x from 1 to 100 step 1
    | extend isEven = (x % 2 == 0), isMod3 = (x % 3 == 0), isMod5 = (x % 5 == 0)
    | summarize hll_even = hll(iif(isEven, x, 0), 2),
                hll_mod3 = hll(iif(isMod3, x, 0), 2),
                hll_mod5 = hll(iif(isMod5, x, 0), 2)
    | evaluate dcount_intersect(hll_even, hll_mod3, hll_mod5)
    | project evenNumbers = s0 - 1, even_and_mod3 = s1 - 1, even_and_mod3_and_mod5 = s2 - 1`);
  assert.deepEqual(r.rows, [[50, 16, 3]]);
});

test('dcount_intersect: the input columns stay, s0 … s(n−1) are longs, one per row', () => {
  const r = run(`range x from 1 to 30 step 1
    | summarize a = hll(x), b = hll_if(x, x % 2 == 0), c = hll_if(x, x % 3 == 0) by k = x % 2
    | evaluate dcount_intersect(a, b, c)
    | project k, s0, s1, s2
    | order by k asc`);
  assert.deepEqual(r.columns, ['k', 's0', 's1', 's2']);
  assert.deepEqual(r.types, ['long', 'long', 'long', 'long']);
  // Odd x (k = 1) hold no even x: b is hll_if of no values, an empty set.
  assert.deepEqual(r.rows, [
    [0, 15, 15, 5],
    [1, 15, 0, 0],
  ]);
  const all = run(`print a = hll_merge(dynamic(null), dynamic(null)) | extend b = a
    | evaluate dcount_intersect(a, b)`);
  assert.deepEqual(all.columns, ['a', 'b', 's0', 's1']);
  assert.deepEqual(
    all.rows.map((row) => row.slice(2)),
    [[0, 0]],
  );
});

test('dcount_intersect: the order of the sets decides the prefixes intersected', () => {
  const q = (args: string): unknown[] =>
    run(`range x from 1 to 12 step 1
      | summarize two = hll_if(x, x % 2 == 0), three = hll_if(x, x % 3 == 0), all = hll(x)
      | evaluate dcount_intersect(${args})`).rows[0]!.slice(3);
  assert.deepEqual(q('all, two, three'), [12, 6, 2]);
  assert.deepEqual(q('three, all, two'), [4, 4, 2]);
});

test('dcount_intersect: bad arguments say why', () => {
  assert.throws(
    () => run('print a = dynamic([1, 2]), b = dynamic([3]) | evaluate dcount_intersect(a, b)'),
    /dcount_intersect: set 1 of row 1 is not an hll\(\) value/,
  );
  const seventeen = Array.from({ length: 17 }, () => 'h').join(', ');
  assert.throws(
    () => run(`range x from 1 to 3 step 1 | summarize h = hll(x) | evaluate dcount_intersect(${seventeen})`),
    /dcount_intersect takes 2 to 16 hll\(\) values, not 17/,
  );
  assert.throws(() => run('range x from 1 to 3 step 1 | summarize h = hll(x) | evaluate dcount_intersect(h)'));
});
