/**
 * series_stats and series_fit_line, as tuples (one output column each, in the binder's order) and as
 * dynamic bags. Tuple-valued functions return their elements as an array; see plan/outputColumns.ts.
 */
import type { DynamicValue, Value } from '../values';
import { scalar } from './define';
import { asArray, isNumeric } from './seriesFunctions';
import type { ScalarFunction } from './types';
import { newRecord } from '../../results/jsonData';

interface Stats {
  min: number | null;
  min_idx: number | null;
  max: number | null;
  max_idx: number | null;
  avg: number | null;
  stdev: number | null;
  variance: number | null;
  sum: number;
  len: number;
}

/**
 * Statistics of a series, or null when it is not an array, or when it holds a non-finite element (null,
 * NaN, ±inf, non-numeric) and `ignoreNonfinite` is false. Indices are positions in the input array; the
 * variance is the sample variance (0 for a single value, as Kusto's variance() aggregate gives).
 */
function statsOf(series: Value, ignoreNonfinite: boolean): Stats | null {
  const xs = asArray(series);
  if (!xs) {
    return null;
  }
  const s: Stats = {
    min: null,
    min_idx: null,
    max: null,
    max_idx: null,
    avg: null,
    stdev: null,
    variance: null,
    sum: 0,
    len: xs.length,
  };
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!isNumeric(x) || !Number.isFinite(x)) {
      if (!ignoreNonfinite) {
        return null;
      }
      continue;
    }
    if (s.min === null || x < s.min) {
      s.min = x;
      s.min_idx = i;
    }
    if (s.max === null || x > s.max) {
      s.max = x;
      s.max_idx = i;
    }
    s.sum += x;
    n++;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  if (n > 0) {
    s.avg = s.sum / n;
    s.variance = n === 1 ? 0 : m2 / (n - 1);
    s.stdev = Math.sqrt(s.variance);
  }
  return s;
}

const STATS_TUPLE = ['min', 'min_idx', 'max', 'max_idx', 'avg', 'stdev', 'variance'] as const;
const STATS_BAG = [...STATS_TUPLE, 'sum', 'len'] as const;

interface LineFit {
  rsquare: number;
  slope: number;
  variance: number;
  rvariance: number;
  interception: number;
  line_fit: number[];
}

/**
 * Least-squares line through (1, y[0]), (2, y[1]), …: the reference's example (interception -1.666 and
 * line_fit[0] = 1.064 = slope + interception) places the first point at x = 1. variance and rvariance
 * divide by n - 1, as the example's 98.628 and 1.686 show. Null for a non-array, fewer than two points, or
 * a non-numeric element (the reference: only series_outliers() supports nulls in its input).
 */
export function fitLine(series: Value): LineFit | null {
  const ys = asArray(series);
  if (!ys || ys.length < 2 || !ys.every(isNumeric)) {
    return null;
  }
  const y = ys as number[];
  const n = y.length;
  const mx = (n + 1) / 2;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i + 1 - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const interception = my - slope * mx;
  const line = y.map((_, i) => slope * (i + 1) + interception);
  let ssRes = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (y[i]! - line[i]!) ** 2;
  }
  return {
    rsquare: 1 - ssRes / syy,
    slope,
    variance: syy / (n - 1),
    rvariance: ssRes / (n - 1),
    interception,
    line_fit: line,
  };
}

const FIT_TUPLE = ['rsquare', 'slope', 'variance', 'rvariance', 'interception', 'line_fit'] as const;

function tuple<T extends object>(value: T | null, keys: readonly (keyof T)[]): Value[] {
  return keys.map((k) => (value ? (value[k] as unknown as Value) : null));
}

function bag<T extends object>(value: T | null, keys: readonly (keyof T)[]): Value {
  if (!value) {
    return null;
  }
  const out = newRecord<DynamicValue>();
  for (const k of keys) {
    out[k as string] = value[k] as unknown as DynamicValue;
  }
  return out;
}

const ignoreNonfinite = (args: readonly Value[]): boolean => args[1] === true;

export const seriesStatistics: ScalarFunction[] = [
  scalar('series_stats', () => (args) => tuple(statsOf(args[0] ?? null, ignoreNonfinite(args)), STATS_TUPLE)),
  scalar('series_stats_dynamic', () => (args) => bag(statsOf(args[0] ?? null, ignoreNonfinite(args)), STATS_BAG)),
  scalar('series_fit_line', () => (args) => tuple(fitLine(args[0] ?? null), FIT_TUPLE)),
  scalar('series_fit_line_dynamic', () => (args) => bag(fitLine(args[0] ?? null), FIT_TUPLE)),
];
