/**
 * Element-wise series_* functions and the functions that reduce a series to one number. A series is
 * a dynamic array; only JSON numbers count as numeric elements (nulls, strings, bools, bags do not).
 */
import { type DynamicValue, realInDynamic, type Value, WholeReal } from '../values';
import { scalar } from './define';
import type { ScalarFunction } from './types';

export function isNumeric(v: Value | undefined): v is number {
  return typeof v === 'number';
}

/** A dynamic element with a marked whole-number real read as its number, so the kernels see plain numbers. */
function plain(v: Value | undefined): Value | undefined {
  return v instanceof WholeReal ? v.value : v;
}

/** A series: a dynamic array, its marked reals read as numbers (copied only when it has one). */
export function asArray(v: Value | undefined): readonly DynamicValue[] | null {
  if (!Array.isArray(v)) {
    return null;
  }
  for (let i = 0; i < v.length; i++) {
    if (v[i] instanceof WholeReal) {
      return v.map((x) => plain(x) as DynamicValue);
    }
  }
  return v;
}

/** The series functions compute in doubles: a number they give is a real, whole or not (`[-1.0,1.0,3.0]`). */
function asReal(v: DynamicValue): DynamicValue {
  return typeof v === 'number' ? realInDynamic(v) : v;
}

/**
 * A two-argument element-wise function. Either argument may be a scalar, which is broadcast to the
 * other's length (the reference's own examples: series_multiply(40, anomalies), series_greater_equals(outliers, 1.5)).
 * Arrays of different lengths give null past the shorter one's end, as do non-numeric elements.
 */
function elementwise2(name: string, fn: (a: number, b: number) => DynamicValue): ScalarFunction {
  return scalar(name, () => (args) => {
    const left = plain(args[0]) ?? null;
    const right = plain(args[1]) ?? null;
    const la = asArray(left);
    const ra = asArray(right);
    if (!la && !ra) {
      return null;
    }
    const length = Math.max(la?.length ?? 0, ra?.length ?? 0);
    const out: DynamicValue[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const a = la ? la[i] : left;
      const b = ra ? ra[i] : right;
      out[i] = isNumeric(a) && isNumeric(b) ? asReal(fn(a, b)) : null;
    }
    return out;
  });
}

/** A one-argument element-wise function; non-numeric elements give null. */
function elementwise1(name: string, fn: (x: number) => number): ScalarFunction {
  return scalar(name, () => (args) => {
    const xs = asArray(args[0]);
    return xs ? xs.map((x) => (isNumeric(x) ? realInDynamic(fn(x)) : null)) : null;
  });
}

/**
 * array_sum: "If the array contains elements of non-numeric types, the result is null." series_sum and
 * series_product are documented alike ("a double with the sum of the elements") and take the same rule.
 */
function fold(name: string, start: number, step: (acc: number, x: number) => number): ScalarFunction {
  return scalar(name, () => (args) => {
    const xs = asArray(args[0]);
    if (!xs) {
      return null;
    }
    let acc = start;
    for (const x of xs) {
      if (!isNumeric(x)) {
        return null;
      }
      acc = step(acc, x);
    }
    return acc;
  });
}

/**
 * The numeric pairs of two series for dot product and cosine similarity: the longer series is truncated to
 * the shorter's length, a numeric scalar is broadcast, and pairs with a non-numeric element are ignored.
 * Null when either series is empty (or neither argument is a series).
 */
function pairs(left: Value, right: Value): [number, number][] | null {
  left = plain(left) ?? null;
  right = plain(right) ?? null;
  const la = asArray(left);
  const ra = asArray(right);
  if ((!la && !ra) || la?.length === 0 || ra?.length === 0) {
    return null;
  }
  const length = Math.min(la?.length ?? Infinity, ra?.length ?? Infinity);
  const out: [number, number][] = [];
  for (let i = 0; i < length; i++) {
    const a = la ? la[i] : left;
    const b = ra ? ra[i] : right;
    if (isNumeric(a) && isNumeric(b)) {
      out.push([a, b]);
    }
  }
  return out;
}

function dot(ps: readonly [number, number][]): number {
  let s = 0;
  for (const [a, b] of ps) {
    s += a * b;
  }
  return s;
}

/**
 * Cosine similarity over the same truncated pairs; a magnitude given as an argument replaces the computed
 * one (the reference: "If the magnitude isn't provided, it will be calculated").
 */
function cosineSimilarity(args: readonly Value[]): Value {
  const ps = pairs(args[0] ?? null, args[1] ?? null);
  if (!ps) {
    return null;
  }
  const m1 = isNumeric(plain(args[2])) ? (plain(args[2]) as number) : Math.sqrt(ps.reduce((s, [a]) => s + a * a, 0));
  const m2 = isNumeric(plain(args[3])) ? (plain(args[3]) as number) : Math.sqrt(ps.reduce((s, [, b]) => s + b * b, 0));
  return dot(ps) / (m1 * m2);
}

/** Pearson's r: null for non-numeric elements, arrays of different sizes, or empty arrays. */
function pearson(args: readonly Value[]): Value {
  const xs = asArray(args[0]);
  const ys = asArray(args[1]);
  if (!xs || !ys || xs.length !== ys.length || xs.length === 0 || !xs.every(isNumeric) || !ys.every(isNumeric)) {
    return null;
  }
  const n = xs.length;
  const mx = (xs as number[]).reduce((s, x) => s + x, 0) / n;
  const my = (ys as number[]).reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export const seriesFunctions: ScalarFunction[] = [
  elementwise2('series_add', (a, b) => a + b),
  elementwise2('series_subtract', (a, b) => a - b),
  elementwise2('series_multiply', (a, b) => a * b),
  // "Division by zero follows the double division by zero (e.g. 2/0 yields double(+inf))."
  elementwise2('series_divide', (a, b) => a / b),
  elementwise2('series_pow', (a, b) => a ** b),
  elementwise2('series_greater', (a, b) => a > b),
  elementwise2('series_greater_equals', (a, b) => a >= b),
  elementwise2('series_less', (a, b) => a < b),
  elementwise2('series_less_equals', (a, b) => a <= b),
  elementwise2('series_equals', (a, b) => a === b),
  elementwise2('series_not_equals', (a, b) => a !== b),
  elementwise1('series_abs', Math.abs),
  elementwise1('series_exp', Math.exp),
  elementwise1('series_log', Math.log),
  elementwise1('series_sign', Math.sign),
  elementwise1('series_floor', Math.floor),
  elementwise1('series_ceiling', Math.ceil),
  elementwise1('series_sin', Math.sin),
  elementwise1('series_cos', Math.cos),
  elementwise1('series_tan', Math.tan),
  elementwise1('series_asin', Math.asin),
  elementwise1('series_acos', Math.acos),
  elementwise1('series_atan', Math.atan),
  fold('array_sum', 0, (s, x) => s + x),
  fold('series_sum', 0, (s, x) => s + x),
  fold('series_product', 1, (p, x) => p * x),
  // "The square root of the dot product of the series with itself."
  scalar('series_magnitude', () => (args) => {
    const ps = pairs(args[0] ?? null, args[0] ?? null);
    return ps ? Math.sqrt(dot(ps)) : null;
  }),
  scalar('series_dot_product', () => (args) => {
    const ps = pairs(args[0] ?? null, args[1] ?? null);
    return ps ? dot(ps) : null;
  }),
  scalar('series_cosine_similarity', () => cosineSimilarity),
  scalar('series_pearson_correlation', () => pearson),
];
