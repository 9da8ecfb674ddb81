/**
 * Kusto's long arithmetic, exact: doubles serve while every operand and the result are within
 * ±(2^53−1) (checked per call, so the common case costs one comparison); otherwise the operation is
 * redone on BigInts and wrapped to 64 bits as Kusto's long wraps (9223372036854775807 + 1 is
 * -9223372036854775808).
 */
import { bigIntOf, Int64, longFromBigInt, unsafeInteger } from '../int64';

export type LongOp = (a: bigint, b: bigint) => bigint | null;

/** Kusto's modulo is never negative: 0 ≤ N % D < abs(D). */
function bigModulo(a: bigint, b: bigint): bigint {
  const m = a % b;
  return m < 0n ? m + (b < 0n ? -b : b) : m;
}

export const LONG_OPS: Readonly<Record<string, LongOp>> = {
  AddExpression: (a, b) => a + b,
  SubtractExpression: (a, b) => a - b,
  MultiplyExpression: (a, b) => a * b,
  // BigInt division truncates toward zero, as .NET's long division does.
  DivideExpression: (a, b) => (b === 0n ? null : a / b),
  ModuloExpression: (a, b) => (b === 0n ? null : bigModulo(a, b)),
};

/**
 * An integer operation whose double result `approx` may be inexact: the exact long when an operand
 * is an Int64 or the result left the safe range, else `approx` itself.
 */
export function exactLong(op: LongOp, a: unknown, b: unknown, approx: number | null): number | Int64 | null {
  if (approx !== null && typeof a === 'number' && typeof b === 'number' && !unsafeInteger(approx)) {
    return approx;
  }
  const x = bigIntOf(a);
  const y = bigIntOf(b);
  if (x === null || y === null) {
    return approx;
  }
  const r = op(x, y);
  return r === null ? null : longFromBigInt(r);
}

/** Compares two longs exactly when either is an Int64 (doubles otherwise). */
export function compareLongs(a: number | Int64, b: number | Int64): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  }
  const x = bigIntOf(a);
  const y = bigIntOf(b);
  if (x === null || y === null) {
    return Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : Number(a) === Number(b) ? 0 : NaN;
  }
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Equality of two longs, exact when either is an Int64. */
export function longsEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (a instanceof Int64 || b instanceof Int64) {
    const x = bigIntOf(a);
    return x !== null && x === bigIntOf(b);
  }
  return false;
}
