/**
 * A seasonality longer than the series: only the phases the series reaches are computed (a period of
 * 10^10 used to allocate one phase per period step and throw RangeError: Invalid array length).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed } from './helpers';

test('series_decompose with a period far longer than the series returns its four series', () => {
  const d = printed('print d = series_decompose(dynamic([1, 2, 3, 4]), 10000000000)').d as unknown[];
  assert.equal(d.length, 4);
  assert.ok(d.every((s) => Array.isArray(s) && s.length === 4));
});
