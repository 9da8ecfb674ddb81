/**
 * Exact tick arithmetic for datetimes and timespans. Like a long, a datetime or timespan is a plain
 * double while its ticks are within ±(2^53−1) (every datetime from mid-1981 to mid-2038, timespans up
 * to 28 years: nearly all values, so the hot paths stay on numbers) and an Int64 holding the exact
 * ticks past that (0001-01-01 to 9999-12-31 all fit 64 bits). These helpers take either form and give
 * the exact answer, on doubles when operands and result are safe and on BigInts otherwise.
 */
import { Int64, unsafeInteger } from './int64';
import { DATETIME_BASE_MS } from './values';

export type Ticks = number | Int64;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Exact ticks in the engine's representation: a double when safe, else an Int64 (no wrapping). */
export function ticksOf(b: bigint): Ticks {
  return b >= -MAX_SAFE && b <= MAX_SAFE ? Number(b) : new Int64(b);
}

/** A double tick count in the engine's representation (an unsafe double becomes the Int64 it stands for). */
export function ticksOfNumber(n: number): Ticks {
  return unsafeInteger(n) && Number.isFinite(n) ? new Int64(BigInt(Math.round(n))) : n;
}

/**
 * A number of seconds as ticks, rounded to the nearest tick from the double's exact binary value (a
 * tie, such as 2^-8 s = 39,062.5 ticks, away from zero, so negating the seconds negates the ticks).
 * Multiplying by 10^7 in doubles first could round a value just under half a tick up, or lose digits
 * past 2^53 ticks. Null for NaN and infinities.
 */
export function ticksOfSeconds(seconds: number): bigint | null {
  if (!Number.isFinite(seconds)) {
    return null;
  }
  // seconds = mantissa × 2^-shift exactly: doubling a finite double is exact, and a fraction ends
  // within 1,074 doublings.
  let mantissa = seconds;
  let shift = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    shift++;
  }
  const scaled = BigInt(mantissa) * 10_000_000n;
  if (shift === 0) {
    return scaled;
  }
  const unit = 1n << BigInt(shift);
  const whole = scaled / unit; // toward zero
  const rest = scaled - whole * unit;
  const twice = rest < 0n ? -2n * rest : 2n * rest;
  return twice >= unit ? whole + (scaled < 0n ? -1n : 1n) : whole;
}

/**
 * The exact ticks of a value (a non-integer double is rounded to the nearest tick). Callers pass
 * finite values only (isTicks); anything else counts as 0 rather than throwing.
 */
export function bigTicks(t: Ticks): bigint {
  if (t instanceof Int64) {
    return t.big;
  }
  return Number.isFinite(t) ? BigInt(Math.round(t)) : 0n;
}

/** Whether a value is a finite tick count in either form. */
export function isTicks(v: unknown): v is Ticks {
  return (typeof v === 'number' && Number.isFinite(v)) || v instanceof Int64;
}

/** Whether a result computed on doubles stands (safe, or not a tick count at all: NaN passes through). */
function doubleStands(a: Ticks, b: Ticks, r: number): boolean {
  return !unsafeInteger(r) || !isTicks(a) || !isTicks(b) || !Number.isFinite(r);
}

export function addTicks(a: Ticks, b: Ticks): Ticks {
  const s = Number(a) + Number(b);
  return (typeof a === 'number' && typeof b === 'number') || !isTicks(a) || !isTicks(b)
    ? doubleStands(a, b, s)
      ? s
      : ticksOf(bigTicks(a) + bigTicks(b))
    : ticksOf(bigTicks(a) + bigTicks(b));
}

export function subtractTicks(a: Ticks, b: Ticks): Ticks {
  const s = Number(a) - Number(b);
  return (typeof a === 'number' && typeof b === 'number') || !isTicks(a) || !isTicks(b)
    ? doubleStands(a, b, s)
      ? s
      : ticksOf(bigTicks(a) - bigTicks(b))
    : ticksOf(bigTicks(a) - bigTicks(b));
}

function bigFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** ⌊t / unit⌋ for a whole positive unit; exact (as a double: callers' units keep it within 2^53). */
export function floorDivTicks(t: Ticks, unit: number): number {
  if (!(t instanceof Int64)) {
    return Math.floor(t / unit);
  }
  return Number(bigFloorDiv(t.big, BigInt(unit)));
}

/** t modulo a whole positive unit, never negative, exact. */
export function modTicks(t: Ticks, unit: number): number {
  if (!(t instanceof Int64)) {
    const m = t % unit;
    return m < 0 ? m + unit : m;
  }
  const u = BigInt(unit);
  const m = t.big % u;
  return Number(m < 0n ? m + u : m);
}

/** q·unit + rest, exact. */
export function ticksFromMultiple(q: number, unit: number, rest = 0): Ticks {
  const approx = q * unit + rest;
  return unsafeInteger(approx) && Number.isFinite(approx) && Number.isInteger(q) && Number.isInteger(rest)
    ? ticksOf(BigInt(q) * BigInt(unit) + BigInt(rest))
    : approx;
}

/** ⌊(t + shift) / size⌋·size − shift, exact: bins of any size over either form. */
export function binTicks(t: Ticks, size: Ticks, shift = 0n): Ticks {
  if (!isTicks(t) || !isTicks(size) || !(Number(size) > 0)) {
    return NaN;
  }
  if (typeof t === 'number' && typeof size === 'number' && shift === 0n) {
    const r = Math.floor(t / size) * size;
    if (!unsafeInteger(r)) {
      return r;
    }
  }
  const s = bigTicks(size);
  return ticksOf(bigFloorDiv(bigTicks(t) + shift, s) * s - shift);
}

export function negateTicks(t: Ticks): Ticks {
  return typeof t === 'number' ? -t : ticksOf(-t.big);
}

/** Compares two tick values exactly. */
export function compareTicks(a: Ticks, b: Ticks): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  }
  const x = bigTicks(a);
  const y = bigTicks(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Kusto's datetime range, 0001-01-01 to 9999-12-31, in engine ticks (see DATETIME_BASE_MS), exact. */
const MIN_DATETIME = (-62_135_596_800_000n - BigInt(DATETIME_BASE_MS)) * 10_000n;
const MAX_DATETIME = (253_402_300_800_000n - BigInt(DATETIME_BASE_MS)) * 10_000n - 1n;

/**
 * A datetime result in the representation of ticks.ts, or null when it falls outside Kusto's range
 * (or is not a number at all). Within ±2^53 ticks (1981–2038) a datetime is always in range.
 */
export function fitDatetime(n: number | Int64): Ticks | null {
  if (typeof n === 'number') {
    if (!Number.isFinite(n)) {
      return null;
    }
    if (n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER) {
      return Math.trunc(n);
    }
  } else if (!(n instanceof Int64)) {
    return null;
  }
  const b = typeof n === 'number' ? BigInt(Math.trunc(n)) : n.big;
  return b >= MIN_DATETIME && b <= MAX_DATETIME ? ticksOf(b) : null;
}
