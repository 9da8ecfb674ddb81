/** `invoke`, toscalar() of a scalar and column_names_of(), from the Kusto reference's semantics. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './helpers';

test('invoke: the reference example, clipped_average over range 1..100 gives 52', () => {
  const r = run(`let clipped_average = (T:(x: long), lowPercentile:double, upPercentile:double)
{
   let high = toscalar(T | summarize percentiles(x, upPercentile));
   let low = toscalar(T | summarize percentiles(x, lowPercentile));
   T
   | where x > low and x < high
   | summarize avg(x)
};
range x from 1 to 100 step 1
| invoke clipped_average(5, 99)`);
  assert.deepEqual(r.columns, ['avg_x']);
  assert.deepEqual(r.rows, [[52]]);
});

test('invoke: the piped table is the first argument, the rest follow in order', () => {
  const r = run(
    'let f = (T:(Computer:string), n:long) { T | take n }; T | where Computer == "web01" | invoke f(5) | count',
  );
  assert.deepEqual(r.rows, [[2]]);
  const named = run(
    'let g = (T:(BytesSent:long), min:long = 0) { T | where BytesSent > min }; T | invoke g(min=150) | count',
  );
  assert.deepEqual(named.rows, [[2]]);
});

test('toscalar() of a scalar expression is its value', () => {
  const r = run('print x = toscalar(1 + 2), y = toscalar(strcat("a", "b"))');
  assert.deepEqual(r.rows, [[3, 'ab']]);
});

test('toscalar() of a row-volatile scalar is computed once: one new_guid() on every row (reference, Examples)', () => {
  // The reference's example: g1 = toscalar(new_guid()) is the same on both rows, g2 = new_guid() is not.
  const r = run(`let g1 = toscalar(new_guid());
let g2 = new_guid();
range x from 1 to 2 step 1
| extend x=g1, y=g2`);
  assert.equal(r.rows[0]?.[0], r.rows[1]?.[0]);
  assert.notEqual(r.rows[0]?.[1], r.rows[1]?.[1]);
  const rands = run('range x from 1 to 50 step 1 | extend r = toscalar(rand()) | summarize dcount(r)');
  assert.deepEqual(rands.rows, [[1]]);
});

test("toscalar() of a row's value in a function is Kusto's error, not the subquery's own column (reference, Limitations)", () => {
  // The reference's failing example: x_ is the calling row's x, which a subquery computed once cannot
  // read; reading it as the subquery's x gave y = 2 on every row.
  const q = `let _dataset1 = datatable(x:long)[1,2,3,4,5];
let _dataset2 = datatable(x:long, y:long) [ 1, 2, 3, 4, 5, 6];
let tg = (x_: long)
{
    toscalar(_dataset2| where x == x_ | project y);
};
_dataset1
| extend y = tg(x)`;
  assert.throws(() => run(q), /'toscalar': can't use 'x' as it is defined outside its row-context scope/);
  assert.throws(
    () =>
      run(
        'let d = datatable(x:long)[1]; let f = (v:long) { v in ((d | where x > v)) }; range x from 1 to 2 step 1 | extend f(x)',
      ),
    /'in': can't use 'x' as it is defined outside its row-context scope/,
  );
  // The same function over a constant, or a row's value outside the subquery, runs.
  assert.deepEqual(
    run(`let d = datatable(x:long, y:long) [1, 2, 3, 4, 5, 6];
let tg = (x_: long) { toscalar(d | where x == x_ | project y) };
print tg(3)`).rows,
    [[4]],
  );
  assert.deepEqual(
    run(
      'let d = datatable(x:long)[1, 3]; let f = (v:long) { v in ((d | project x)) }; range x from 1 to 3 step 1 | extend f(x)',
    ).rows,
    [
      [1, true],
      [2, false],
      [3, true],
    ],
  );
  // The reference's mitigation, a join, gives the rows.
  assert.deepEqual(
    run(`let _dataset1 = datatable(x: long)[1, 2, 3, 4, 5];
let _dataset2 = datatable(x: long, y: long) [1, 2, 3, 4, 5, 6];
_dataset1
| join (_dataset2) on x
| project x, y`).rows,
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
  );
});

test('column_names_of(T) lists the columns of the table in order', () => {
  const r = run('print c = column_names_of(Machines)');
  assert.deepEqual(r.rows, [[['Computer', 'OS', 'Cores']]]);
  const projected = run('let P = T | project Direction, BytesSent; print c = column_names_of(P)');
  assert.deepEqual(projected.rows, [[['Direction', 'BytesSent']]]);
});
