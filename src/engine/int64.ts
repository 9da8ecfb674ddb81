/**
 * Kusto's long is an exact signed 64-bit integer. The engine keeps a long as a plain double whenever
 * that is exact (|v| ≤ 2^53 − 1, nearly every long in practice, so the hot paths stay on numbers) and
 * as an Int64 only past that. An Int64 holds the exact BigInt; valueOf gives the nearest double, so a
 * kernel that does not know Int64 still computes with the value, to a double's precision, instead of
 * failing. Kernels where exactness shows (literals, arithmetic, tolong, sum/min/max, comparison,
 * equality, grouping keys, text, the wire) read the BigInt.
 */
export class Int64 {
  constructor(readonly big: bigint) {}
  valueOf(): number {
    return Number(this.big);
  }
  toString(): string {
    return this.big.toString();
  }
  /** JSON.stringify cannot write a BigInt; exact writers (wire, dynamic JSON) print `big` themselves. */
  toJSON(): number {
    return Number(this.big);
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** A 64-bit result (wrapped around as Kusto's long arithmetic wraps) in the engine's representation. */
export function longFromBigInt(b: bigint): number | Int64 {
  const w = BigInt.asIntN(64, b);
  return w >= MIN_SAFE && w <= MAX_SAFE ? Number(w) : new Int64(w);
}

/** The exact integer a long-ish value holds (a whole number, an Int64, a numeric string), else null. */
export function bigIntOf(v: unknown): bigint | null {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  }
  if (v instanceof Int64) {
    return v.big;
  }
  if (typeof v === 'bigint') {
    return v;
  }
  return null;
}

/** Whether a number result of integer arithmetic may have lost digits (then the BigInt path redoes it). */
export function unsafeInteger(n: number): boolean {
  return !(n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER);
}

/** Long text (optional sign, digits) within the 64-bit range as a long; null when it is past the range. */
export function longFromText(text: string): number | Int64 | null {
  const b = BigInt(text);
  return b === BigInt.asIntN(64, b) ? longFromBigInt(b) : null;
}
