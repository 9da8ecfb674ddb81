/**
 * series_periods_detect pads its output to num_periods: an absurd count is a clear error, not a crash
 * (a count of 10^10 threw RangeError: Invalid array length).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { run } from '../helpers';
import { printed } from './helpers';

test('series_periods_detect: an absurd num_periods stops with an error that names it', () => {
  assert.throws(
    () => run('print p = series_periods_detect(dynamic([1, 2, 1, 2, 1, 2, 1, 2]), 0, 4, 10000000000)'),
    (e: Error) => /num_periods/.test(e.message) && !/Invalid array length/.test(e.message),
  );
  const r = printed('print p = series_periods_detect(dynamic([1, 2, 1, 2, 1, 2, 1, 2]), 0, 4, 3)').p as unknown[][];
  assert.equal(r[0]!.length, 3);
});
