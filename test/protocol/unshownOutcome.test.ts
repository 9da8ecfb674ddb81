import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unshownOutcome } from '../../src/protocol/unshownOutcome';

const origin = { documentUri: 'file:///q.kql', queryText: 'print x=1', blockStartLine: 3 };
const reason = 'showResult: table 0 column 29 has a code past its dictionary';

test('a refused result becomes an error naming why, for the same run and batch position', () => {
  const batch = { index: 1, count: 3 };
  const e = unshownOutcome({ type: 'showResult', ...origin, batch, result: {} }, reason, undefined);
  assert.ok(e);
  assert.equal(e.type, 'showError');
  assert.equal(e.heading, 'The result could not be shown');
  assert.match(e.message, /column 29 has a code past its dictionary/);
  assert.deepEqual([e.documentUri, e.queryText, e.blockStartLine, e.batch], [...Object.values(origin), batch]);
});

test('a refused outcome without a usable origin is shown for the run the panel last saw start', () => {
  const fallback = { documentUri: 'file:///other.kql', queryText: 'T | take 1', blockStartLine: 0 };
  const e = unshownOutcome({ type: 'showError', queryText: 7 }, 'showError needs …', fallback);
  assert.equal(e?.documentUri, fallback.documentUri);
  const badBatch = unshownOutcome({ type: 'showResult', ...origin, batch: { index: 5, count: 2 } }, reason, undefined);
  assert.equal(badBatch?.batch, undefined, 'an impossible batch position is dropped, the error kept');
  assert.equal(unshownOutcome({ type: 'showResult' }, reason, undefined), undefined, 'no origin at all');
});

test('other refused messages are only logged', () => {
  assert.equal(unshownOutcome({ type: 'running', ...origin, batch: 'x' }, reason, origin), undefined);
  assert.equal(unshownOutcome('showResult', reason, origin), undefined);
  assert.equal(unshownOutcome(null, reason, origin), undefined);
});
