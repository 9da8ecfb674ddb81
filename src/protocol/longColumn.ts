/**
 * A `long` column holding a value past ±(2^53−1), as it travels to the webview. Every value's nearest
 * double is in `values`, as in a number column, and exact for every long a double holds (nearly all of
 * them); the few past that are in `exact` (a BigInt64Array), at the index their row has in `exactRows`.
 *
 * Why this and not a BigInt64Array of every value: the rows past 2^53 are rare, so the payload stays a
 * number column's size and the grid's reads, sorts and filters stay on doubles, stepping aside to a
 * BigInt only for those rows (the engine's own hybrid, src/engine/int64.ts). Before, such a column
 * travelled as JSON text, every cell a dictionary entry parsed back in the webview.
 */
import type { ResultTable, WireValue } from '../results/queryResult';

/** `nulls[r] === 1` marks a null (absent when the column has none); `exactRows` ascends. */
export interface LongColumn {
  readonly kind: 'long';
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
  readonly exactRows: Uint32Array;
  readonly exact: BigInt64Array;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_LONG = -(2n ** 63n);
const MAX_LONG = 2n ** 63n - 1n;
/** The digits a backend sends a long past 2^53 as (results/wireJson.ts): 16 to 19 of them. */
const LONG_DIGITS = /^-?\d{16,19}$/;

/** A long past a double's exact range, read from its digits; undefined for anything else. */
function exactLong(text: string): bigint | undefined {
  if (!LONG_DIGITS.test(text)) {
    return undefined;
  }
  const big = BigInt(text);
  const outside = big > MAX_SAFE || big < -MAX_SAFE;
  return outside && big >= MIN_LONG && big <= MAX_LONG ? big : undefined;
}

/**
 * The numbers of column `c`, and with `exactLongs` the digits of longs past 2^53 exactly: a number
 * column when every value is a number or null, a long column when some are such digits, undefined when
 * a value is anything else (the caller sends the column as JSON text).
 */
export function encodeNumbers(
  rows: ResultTable['rows'],
  c: number,
  exactLongs: boolean,
): { kind: 'number'; values: Float64Array; nulls?: Uint8Array } | LongColumn | undefined {
  const values = new Float64Array(rows.length);
  let nulls: Uint8Array | undefined;
  let exactRows: number[] | undefined;
  let exact: bigint[] | undefined;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r]![c];
    if (typeof v === 'number') {
      values[r] = v;
    } else if (v === null || v === undefined) {
      (nulls ??= new Uint8Array(rows.length))[r] = 1;
    } else {
      const big = exactLongs && typeof v === 'string' ? exactLong(v) : undefined;
      if (big === undefined) {
        return undefined;
      }
      values[r] = Number(big);
      (exactRows ??= []).push(r);
      (exact ??= []).push(big);
    }
  }
  const withNulls = nulls ? { values, nulls } : { values };
  return exactRows && exact
    ? { kind: 'long', ...withNulls, exactRows: Uint32Array.from(exactRows), exact: BigInt64Array.from(exact) }
    : { kind: 'number', ...withNulls };
}

/** The exact value of `row` when it is past 2^53, else undefined (its double is exact). */
export function exactAt(d: LongColumn, row: number): bigint | undefined {
  const v = d.values[row]!;
  if (v <= Number.MAX_SAFE_INTEGER && v >= -Number.MAX_SAFE_INTEGER) {
    return undefined;
  }
  // Binary search: only rows whose double is past 2^53 get here, so a lookup table is not worth building.
  let lo = 0;
  let hi = d.exactRows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = d.exactRows[mid]!;
    if (at === row) {
      return d.exact[mid]!;
    }
    if (at < row) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return undefined;
}

/** The cell in the wire form: a number, null, or the digits of a long past 2^53. */
export function longValue(d: LongColumn, row: number): WireValue {
  if (d.nulls?.[row]) {
    return null;
  }
  const big = exactAt(d, row);
  return big === undefined ? d.values[row]! : big.toString();
}

/**
 * What is wrong with a long column of `n` rows, so that reading it never indexes out of range nor
 * shows a value other than the one its double says: every exact row within the table, ascending, not
 * null, past 2^53, and the double its nearest.
 */
export function longColumnProblem(d: Record<string, unknown>, n: number): string | undefined {
  const { values, nulls, exactRows, exact } = d;
  if (!(values instanceof Float64Array) || values.length !== n) {
    return `needs ${n} float64 values`;
  }
  if (nulls !== undefined && !(nulls instanceof Uint8Array && nulls.length === n)) {
    return 'has a null mask of the wrong length';
  }
  if (!(exactRows instanceof Uint32Array) || !(exact instanceof BigInt64Array) || exactRows.length !== exact.length) {
    return 'needs as many exact rows (uint32) as exact values (int64)';
  }
  for (let i = 0; i < exactRows.length; i++) {
    const row = exactRows[i]!;
    const big = exact[i]!;
    if (row >= n || (i > 0 && row <= exactRows[i - 1]!)) {
      return `has exact row ${row} out of order or past its ${n} rows`;
    }
    if (nulls?.[row] || (big <= MAX_SAFE && big >= -MAX_SAFE) || values[row] !== Number(big)) {
      return `has exact value ${big} at row ${row} that is null, within 2^53 or not its double's`;
    }
  }
  return undefined;
}
