/**
 * Series transforms that return a series of the same length: the fill (interpolation) functions, FIR and
 * IIR filters, the seasonal component for a given period, and Tukey outlier scores.
 */
import { type DynamicValue, dynamicNumber, type KqlType, realInDynamic, type Value, WholeReal } from '../values';
import { scalar } from './define';
import { asArray, isNumeric } from './seriesFunctions';
import { seriesOutliers } from './seriesOutliers';
import { autoPeriod } from './seriesPeriods';
import { type ScalarFunction, UnsupportedError } from './types';

/**
 * "missing_value_placeholder … The default value is double(null) … double(null), long(null) and int(null)
 * have the same meaning": an element is missing when it equals the placeholder (null matching null).
 */
function missingTest(placeholder: Value | undefined): (v: DynamicValue | undefined) => boolean {
  return placeholder === null || placeholder === undefined
    ? (v) => v === null || v === undefined
    : (v) => v === placeholder || (v instanceof WholeReal && v.value === placeholder);
}

/** Fills each missing element from the nearest non-missing one on one side; the far edge stays missing. */
function fillFrom(
  xs: readonly DynamicValue[],
  missing: (v: DynamicValue) => boolean,
  backward: boolean,
): DynamicValue[] {
  const out = [...xs];
  let last: DynamicValue | undefined;
  for (let k = 0; k < out.length; k++) {
    const i = backward ? out.length - 1 - k : k;
    if (!missing(out[i]!)) {
      last = out[i];
    } else if (last !== undefined) {
      out[i] = last;
    }
  }
  return out;
}

function fillConst(xs: readonly DynamicValue[], value: Value, missing: (v: DynamicValue) => boolean): DynamicValue[] {
  return xs.map((x) => (missing(x) ? (value as DynamicValue) : x));
}

/**
 * Linear interpolation between the non-missing numeric neighbours of each missing element; with
 * `fillEdges`, leading and trailing gaps take the nearest value. "If series contains only int or long
 * elements, then the linear interpolation returns rounded interpolated values": the reference's example
 * (73.5 → 73, 32.667 → 32, 24.333 → 24) shows truncation. A series of reals (`111.0`, marked as reals
 * even when whole) interpolates exactly and its filled elements are reals, as "series_fill_linear()
 * preserves the original type of array elements". An all-missing series is filled with `constant` (0 by
 * default; null keeps the nulls), whatever `fillEdges` says.
 */
function fillLinear(
  xs: readonly DynamicValue[],
  missing: (v: DynamicValue) => boolean,
  fillEdges: boolean,
  constant: Value,
): DynamicValue[] {
  const anchors: number[] = [];
  xs.forEach((x, i) => {
    if (!missing(x) && dynamicNumber(x) !== undefined) {
      anchors.push(i);
    }
  });
  if (anchors.length === 0) {
    return xs.map((x) => (missing(x) ? (constant as DynamicValue) : x));
  }
  const integral = anchors.every((i) => !(xs[i] instanceof WholeReal) && Number.isInteger(xs[i]));
  const out = [...xs];
  const value = (i: number): number => dynamicNumber(xs[i])!;
  for (let k = 0; k + 1 < anchors.length; k++) {
    const a = anchors[k]!;
    const b = anchors[k + 1]!;
    for (let i = a + 1; i < b; i++) {
      if (missing(xs[i]!)) {
        const v = value(a) + ((value(b) - value(a)) * (i - a)) / (b - a);
        out[i] = integral ? Math.trunc(v) : realInDynamic(v);
      }
    }
  }
  if (fillEdges) {
    const first = anchors[0]!;
    const last = anchors[anchors.length - 1]!;
    for (let i = 0; i < first; i++) {
      out[i] = missing(xs[i]!) ? xs[first]! : xs[i]!;
    }
    for (let i = last + 1; i < xs.length; i++) {
      out[i] = missing(xs[i]!) ? xs[last]! : xs[i]!;
    }
  }
  return out;
}

function numbersOf(v: Value | undefined): number[] | null {
  const xs = asArray(v);
  return xs && xs.every(isNumeric) ? (xs as number[]) : null;
}

/** Non-numeric elements take part as NaN; any output they reach becomes null. */
function asSeries(xs: readonly DynamicValue[]): number[] {
  return xs.map((x) => (isNumeric(x) ? x : NaN));
}

/** The filters compute in doubles: their outputs are reals, whole or not (the reference's series_iir: [1.0,3.0,6.0,…]). */
const nullNaN = (ys: readonly number[]): DynamicValue[] => ys.map((y) => (Number.isNaN(y) ? null : realInDynamic(y)));

/**
 * y[i] = Σ f[j]·x[i−j] with x zero before the start. "If filter contains negative values, then normalize
 * must be specified as false, otherwise result will be null"; by default it is true unless a coefficient is
 * negative. center = true keeps the group delay at zero by reading (L−1)/2 points ahead; for an even-length
 * filter that shift is not a whole point and the reference does not say how it is rounded.
 */
function fir(args: readonly Value[]): Value {
  const xs = asArray(args[0]);
  const filter = numbersOf(args[1]);
  if (!xs || !filter || filter.length === 0) {
    return null;
  }
  const negative = filter.some((f) => f < 0);
  const normalize = typeof args[2] === 'boolean' ? args[2] : !negative;
  const center = args[3] === true;
  if (normalize && negative) {
    return null;
  }
  if (center && filter.length % 2 === 0) {
    throw new UnsupportedError('series_fir() centered on an even-length filter');
  }
  const total = filter.reduce((s, f) => s + f, 0);
  const coef = normalize ? filter.map((f) => f / total) : filter;
  const shift = center ? (filter.length - 1) / 2 : 0;
  const x = asSeries(xs);
  const y = x.map((_, i) => {
    let s = 0;
    for (let j = 0; j < coef.length; j++) {
      const k = i + shift - j;
      if (k >= 0 && k < x.length) {
        s += coef[j]! * x[k]!;
      }
    }
    return s;
  });
  return nullNaN(y);
}

/** The reference's recursive formula: y[i] = (Σ b[j]·x[i−j] − Σ_{j≥1} a[j]·y[i−j]) / a[0], zero before the start. */
function iir(args: readonly Value[]): Value {
  const xs = asArray(args[0]);
  const b = numbersOf(args[1]);
  const a = numbersOf(args[2]);
  if (!xs || !b || !a || a.length === 0 || a[0] === 0) {
    return null;
  }
  const x = asSeries(xs);
  const y: number[] = new Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    for (let j = 0; j < b.length && j <= i; j++) {
      s += b[j]! * x[i - j]!;
    }
    for (let j = 1; j < a.length && j <= i; j++) {
      s -= a[j]! * y[i - j]!;
    }
    y[i] = s / a[0]!;
  }
  return nullNaN(y);
}

function median(sorted: readonly number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** The score a detected period needs, per the reference's series_seasonal page. */
const SEASONAL_THRESHOLD = 0.7;

/**
 * "The median of all the values that correspond to the location of the bin, across the periods." The
 * default period (−1) is found with series_periods_detect() and a score threshold of 0.7 (zeros when none
 * scores that); any other non-positive period gives zeros.
 */
function seasonal(args: readonly Value[]): Value {
  const xs = asArray(args[0]);
  const period = args.length > 1 ? args[1] : -1;
  if (!xs) {
    return null;
  }
  const detect = period === -1 || period === null || period === undefined;
  const p = detect ? autoPeriod(args[0], SEASONAL_THRESHOLD) : isNumeric(period) ? Math.trunc(period) : 0;
  // A median is a real: the reference prints [1.0,3.0,5.0,…] and its zeros as 0.0.
  if (!(p > 0)) {
    return xs.map(() => realInDynamic(0));
  }
  const phases = Array.from({ length: Math.min(p, xs.length) }, (_, phase) => {
    const values: number[] = [];
    for (let i = phase; i < xs.length; i += p) {
      const x = xs[i];
      if (isNumeric(x) && !Number.isNaN(x)) {
        values.push(x);
      }
    }
    return values.length > 0 ? realInDynamic(median(values.sort((u, v) => u - v))) : null;
  });
  return xs.map((_, i) => phases[i % p] ?? null);
}

/**
 * A constant argument as a dynamic element of its own type: a real stays a real though whole
 * (series_fill_const(arr, 0.0) gives [111,0.0,36,…] in the reference), a long stays a long.
 */
function typed(type: KqlType | undefined): (v: Value) => Value {
  return type === 'real' || type === 'decimal' ? (v) => (typeof v === 'number' ? realInDynamic(v) : v) : (v) => v;
}

/** The fill functions copy elements as they are (a real stays a real), so they read the array unconverted. */
function rawArray(v: Value | undefined): readonly DynamicValue[] | null {
  return Array.isArray(v) ? v : null;
}

export const seriesFilters: ScalarFunction[] = [
  scalar('series_fill_backward', () => (args) => {
    const xs = rawArray(args[0]);
    return xs ? fillFrom(xs, missingTest(args[1]), true) : null;
  }),
  scalar('series_fill_forward', () => (args) => {
    const xs = rawArray(args[0]);
    return xs ? fillFrom(xs, missingTest(args[1]), false) : null;
  }),
  scalar('series_fill_const', (argTypes) => {
    const constant = typed(argTypes[1]);
    return (args) => {
      const xs = rawArray(args[0]);
      return xs ? fillConst(xs, constant(args[1] ?? null), missingTest(args[2])) : null;
    };
  }),
  scalar('series_fill_linear', (argTypes) => {
    // The default constant is a real: the reference fills [null,null,null,null] with [0.0,0.0,0.0,0.0].
    const constant = argTypes.length > 3 ? typed(argTypes[3]) : () => realInDynamic(0);
    return (args) => {
      const xs = rawArray(args[0]);
      const fillEdges = typeof args[2] === 'boolean' ? args[2] : true;
      return xs ? fillLinear(xs, missingTest(args[1]), fillEdges, constant(args[3] ?? null)) : null;
    };
  }),
  scalar('series_fir', () => fir),
  scalar('series_iir', () => iir),
  scalar('series_seasonal', () => seasonal),
  scalar('series_outliers', () => seriesOutliers),
];
