/** `invoke`, toscalar() of a scalar and column_names_of(), from the Kusto reference's semantics. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
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

test('column_names_of(T) lists the columns of the table in order', () => {
  const r = run('print c = column_names_of(Machines)');
  assert.deepEqual(r.rows, [[['Computer', 'OS', 'Cores']]]);
  const projected = run('let P = T | project Direction, BytesSent; print c = column_names_of(P)');
  assert.deepEqual(projected.rows, [[['Direction', 'BytesSent']]]);
});
