/** Answers that silently differed from Kusto's: special reals and big numbers in dynamic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';

test('real(nan), real(+inf) and real(-inf) are NaN and infinities, not 0', () => {
  const r = run('print a = isnan(real(nan)), b = isinf(real(+inf)), c = real(-inf) < 0, d = isinf(real(-inf)), e = real(+inf) > 1e308');
  assert.deepEqual(r.rows, [[true, true, true, true, true]]);
});

test('a number past the long range in a dynamic literal is a real, as in Kusto, not 0', () => {
  const r = run('print d = dynamic([12345678901234567890, 5]), p = parse_json("[12345678901234567890]") | extend td = gettype(d[0]), tp = gettype(p[0]), t5 = gettype(d[1]), s = tostring(d)');
  assert.deepEqual(r.rows.map((row) => row.slice(2)), [['real', 'real', 'int', '[1.2345678901234567E+19,5]']]);
  assert.equal(Number((r.rows[0]![0] as unknown[])[0]), 12345678901234567890);
});
