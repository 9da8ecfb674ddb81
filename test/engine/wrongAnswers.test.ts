/** Answers that silently differed from Kusto's: special reals, big numbers in dynamic, `__proto__` keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';
import { parseKustoJson } from '../../src/engine/functions/kustoJson';

test('real(nan), real(+inf) and real(-inf) are NaN and infinities, not 0', () => {
  const r = run('print a = isnan(real(nan)), b = isinf(real(+inf)), c = real(-inf) < 0, d = isinf(real(-inf)), e = real(+inf) > 1e308');
  assert.deepEqual(r.rows, [[true, true, true, true, true]]);
});

test('a number past the long range in a dynamic literal is a real, as in Kusto, not 0', () => {
  const r = run('print d = dynamic([12345678901234567890, 5]), p = parse_json("[12345678901234567890]")');
  assert.deepEqual(r.rows, [[[12345678901234567890, 5], [12345678901234567890]]]);
});

test('a bag key named __proto__ is an ordinary key: kept, not a prototype', () => {
  const r = run(`print d = dynamic({"__proto__":{"x":1}}) | extend x = d.x, k = bag_keys(d), j = parse_json('{"__proto__":{"x":1},"constructor":2}') | extend jx = j.x, jc = j.constructor, absent = parse_json('{}')['toString'], pk = bag_pack("__proto__", 1)`);
  const [d, x, k, j, jx, jc, absent, pk] = r.rows[0]!;
  assert.deepEqual(Object.keys(d as object), ['__proto__']);
  assert.equal(x, null);
  assert.deepEqual(k, ['__proto__']);
  assert.deepEqual(Object.keys(j as object), ['__proto__', 'constructor']);
  assert.equal(jx, null);
  assert.equal(jc, 2);
  assert.equal(absent, null);
  assert.deepEqual(Object.keys(pk as object), ['__proto__']);
  assert.equal(Object.getPrototypeOf(parseKustoJson('{"a":{"b":1}}')), null);
});
