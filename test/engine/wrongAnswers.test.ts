/** Answers that silently differed from Kusto's: special reals and big numbers in dynamic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';

test('real(nan), real(+inf) and real(-inf) are NaN and infinities, not 0', () => {
  const r = run(
    'print a = isnan(real(nan)), b = isinf(real(+inf)), c = real(-inf) < 0, d = isinf(real(-inf)), e = real(+inf) > 1e308',
  );
  assert.deepEqual(r.rows, [[true, true, true, true, true]]);
});

test('a number past the long range in a dynamic literal is a real, as in Kusto, not 0', () => {
  const r = run(
    'print d = dynamic([12345678901234567890, 5]), p = parse_json("[12345678901234567890]") | extend td = gettype(d[0]), tp = gettype(p[0]), t5 = gettype(d[1]), s = tostring(d)',
  );
  assert.deepEqual(
    r.rows.map((row) => row.slice(2)),
    [['real', 'real', 'int', '[1.2345678901234567E+19,5]']],
  );
  assert.equal(Number((r.rows[0]![0] as unknown[])[0]), 12345678901234567890);
});

test('after union kind=inner, the operators that follow see only the common columns', () => {
  // Kusto.Language's binder gives what follows a union kind=inner every input's columns; Kusto's
  // result has only the common ones, and extend puts a column it writes after them.
  const q = 'print a=1, s="x" | union kind=inner (print b=2, s="y") | extend z = strlen(s)';
  const r = run(q);
  assert.deepEqual(r.columns, ['s', 'z']);
  assert.deepEqual(r.rows, [
    ['x', 1],
    ['y', 1],
  ]);
  const parsed = run(`${q} | parse s with "x" rest | extend w = 1`);
  assert.deepEqual(parsed.columns, ['s', 'z', 'rest', 'w']);
  assert.deepEqual(
    parsed.rows.map((row) => row[0]),
    ['x', 'y'],
  );
  const rewritten = run('print a=1, s="x" | union kind=inner (print b=2, s="y") | extend a = 3, z = 1');
  assert.deepEqual(rewritten.columns, ['s', 'a', 'z']);
  assert.deepEqual(rewritten.rows, [
    ['x', 3, 1],
    ['y', 3, 1],
  ]);
});

test('mv-expand with_itemindex over an existing column makes the index column unique and keeps the input column', () => {
  // Kusto.Language declares the index column with a unique name (ix → ix1), as for every column an
  // operator adds under a taken name; the input's ix keeps its values (it used to be overwritten and
  // the declared ix1 left empty).
  const r = run('print ix = 5, d = dynamic([10, 20]) | mv-expand with_itemindex=ix d');
  assert.deepEqual(r.columns, ['ix', 'd', 'ix1']);
  assert.deepEqual(r.rows, [
    [5, 10, 0],
    [5, 20, 1],
  ]);
  const applied = run(
    'print ix = 5, d = dynamic([10, 20]) | mv-apply with_itemindex=ix d on (extend pos = ix1, orig = ix)',
  );
  assert.deepEqual(
    applied.rows.map((row) => row.slice(-2)),
    [
      [0, 5],
      [1, 5],
    ],
  );
});
