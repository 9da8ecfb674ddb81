/** Comparing computed shapes with the reference's printed ones, to the digits the reference prints. */
import * as assert from 'node:assert/strict';

type Position = readonly [number, number];

/**
 * Asserts two closed rings are the same up to where they start: the reference prints 17 significant
 * digits from S2's unit vectors, so coordinates are compared to 1e-12°.
 */
export function assertSameRing(actual: readonly Position[], expected: readonly Position[], tolerance = 1e-12): void {
  assert.equal(actual.length, expected.length, `ring of ${actual.length} vertices, expected ${expected.length}`);
  const open = expected.slice(0, -1);
  const near = (a: Position, b: Position) => Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance;
  const start = open.findIndex((p) => near(p, actual[0]!));
  assert.ok(start >= 0, `${JSON.stringify(actual[0])} is no vertex of ${JSON.stringify(expected)}`);
  for (let i = 0; i < open.length; i++) {
    assert.ok(
      near(actual[i]!, open[(start + i) % open.length]!),
      `vertex ${i}: ${JSON.stringify(actual[i])} against ${JSON.stringify(open[(start + i) % open.length])}`,
    );
  }
  assert.deepEqual(actual[actual.length - 1], actual[0], 'the ring is not closed');
}

export function assertNear(actual: readonly number[], expected: readonly number[], tolerance = 1e-12): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= tolerance, `${a} against ${expected[i]}`));
}
