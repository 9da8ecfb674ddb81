/**
 * A query stopped by its deadline or a cancel names the operator that was running, so the editor can say
 * whether the load or the query was slow (results/stopPoint.ts); the error stays a timeout or cancel.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryCancelledError, QueryTimeoutError } from '../../src/results/errors';
import { run } from './helpers';

const SLOW = `range x from 1 to 100000000 step 1
| where hash_sha256(hash_sha256(tostring(x))) startswith "000"
| count`;

test('a timeout names the operator it stopped in and its line', () => {
  // Kusto.Language's first parse takes seconds on a cold process: not what this deadline is for.
  run(SLOW.replace('100000000', '10'));
  let caught: unknown;
  try {
    run(SLOW, undefined, { deadline: Date.now() + 1000 });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof QueryTimeoutError, String(caught));
  assert.equal(caught.stop?.stage, 'query');
  const stop = caught.stop as { operator?: string; line?: number };
  assert.ok(stop.operator && SLOW.replace(/\s+/g, ' ').includes(stop.operator.replace(/…$/, '')), stop.operator);
  assert.ok(stop.line !== undefined && stop.line >= 1 && stop.line <= 3);
  assert.match(caught.message, /^The query did not finish within/);
});

test('a cancel names the operator too', () => {
  let looks = 0;
  let caught: unknown;
  try {
    run(SLOW, undefined, { isCancelled: () => ++looks > 3 });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof QueryCancelledError, String(caught));
  assert.equal(caught.message, 'The query was cancelled.');
  assert.equal(caught.stop?.stage, 'query');
});
