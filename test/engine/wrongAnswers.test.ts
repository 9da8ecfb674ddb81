/** Answers that silently differed from Kusto's: special reals and big numbers in dynamic. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';

test('real(nan), real(+inf) and real(-inf) are NaN and infinities, not 0', () => {
  const r = run('print a = isnan(real(nan)), b = isinf(real(+inf)), c = real(-inf) < 0, d = isinf(real(-inf)), e = real(+inf) > 1e308');
  assert.deepEqual(r.rows, [[true, true, true, true, true]]);
});

test('a number past the long range in a dynamic literal is a real, as in Kusto, not 0', () => {
  const r = run('print d = dynamic([12345678901234567890, 5]), p = parse_json("[12345678901234567890]")');
  assert.deepEqual(r.rows, [[[12345678901234567890, 5], [12345678901234567890]]]);
});
