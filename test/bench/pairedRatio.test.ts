import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { medianRank, pairedRatio, verdictOf } from '../../bench/compare/pairedRatio';

test('medianRank gives the sign-test interval: none below 6 samples, the 6th to 15th of 20 at 95%', () => {
  assert.equal(medianRank(5, 0.025), 0);
  assert.equal(medianRank(6, 0.025), 1);
  // P(B(20, ½) ≤ 5) = 0.0207 ≤ 0.025 < P(B ≤ 6) = 0.0577.
  assert.equal(medianRank(20, 0.025), 6);
  // Past 1074 samples 2^-n underflows; the rank still comes out near n/2 − 1.96·√n/2.
  const k = medianRank(2000, 0.025);
  assert.ok(k > 950 && k < 960, String(k));
});

test('pairedRatio: the median of the pairs and an interval a few wild pairs do not move', () => {
  const older = Array.from({ length: 40 }, () => 1);
  const newer = older.map((_, i) => 1.1 + (i % 5) * 0.01);
  newer[3] = 0.2; // a load burst in one old sample
  newer[7] = 9;
  const r = pairedRatio(older, newer);
  assert.equal(r.n, 40);
  assert.ok(Math.abs(r.median - 1.12) < 1e-9, String(r.median));
  assert.ok(r.low >= 1.1 && r.high <= 1.14, `${r.low}–${r.high}`);
  assert.equal(verdictOf(r, 1.05), 'slower');
});

test('verdictOf: within when the interval stays at or under the threshold, undecided when it spans it', () => {
  assert.equal(verdictOf({ n: 30, median: 1.0, low: 0.97, high: 1.03 }, 1.05), 'within');
  assert.equal(verdictOf({ n: 30, median: 1.04, low: 0.99, high: 1.09 }, 1.05), 'undecided');
  // Too few pairs for an interval: never called either way.
  assert.equal(verdictOf(pairedRatio([1, 1, 1], [2, 2, 2]), 1.05), 'undecided');
});
