import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldConstants } from '../../../src/engine/optimize/foldConstants';
import { assertSameResult, assertUnchanged, rewritten } from './helpers';

test('pure calls over literals become the literal they compute', () => {
  const { after } = rewritten(foldConstants, 'T | where BytesSent > 2 * 50 | extend s = strcat("a", "b"), d = 1h * 24');
  assert.equal(
    after,
    ['extend s = "ab", d = timespan(1.00:00:00)', '  where (BytesSent > 100)', '    table T'].join('\n'),
  );
  assertSameResult('T | where BytesSent > 2 * 50 | extend s = strcat("a", "b"), d = 1h * 24');
});

test('a constant part of a row expression is folded, the rest stays', () => {
  const { after } = rewritten(foldConstants, 'T | extend b = BytesSent + tolong(strcat("1", "0"))');
  assert.match(after, /extend b = \(BytesSent \+ 10\)/);
});

test('now(), ago(), rand() and toscalar() are left to each run', () => {
  assertUnchanged(foldConstants, 'T | where TimeGenerated > ago(1h) | extend n = now(), r = rand()');
  assertUnchanged(foldConstants, 'let m = toscalar(T | summarize max(BytesSent)); T | where BytesSent == m');
});

test('a constant that fails to compute stays as written, so the run reports it where it was', () => {
  assertUnchanged(foldConstants, 'print x = extract("(", 0, "abc")');
});
