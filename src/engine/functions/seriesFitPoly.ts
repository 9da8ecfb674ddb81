/**
 * series_fit_poly(y_series [, x_series, degree]): the least-squares polynomial of the degree (default 1)
 * through (x[i], y[i]), x defaulting to 1, 2, …, n as the reference says. Its tuple is rsquare,
 * coefficients (highest power first), variance, rvariance and poly_fit, in the binder's order; variance
 * and rvariance divide by n − 1 as series_fit_line's do, so degree 1 gives series_fit_line's values (the
 * reference's Example 2 compares the two). Solved by Householder QR on the Vandermonde matrix, which
 * keeps the digits that the normal equations lose at high degrees. Null values when y is not an array of
 * numbers, x is not one of the same length, the degree is not a whole number of 0 or more, or the
 * points cannot fix the polynomial (fewer distinct x than coefficients).
 */
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { scalar } from './define';
import { asArray, isNumeric } from './seriesFunctions';
import type { ScalarFunction } from './types';

interface PolyFit {
  rsquare: number;
  /** Reals, whole ones marked so that they stay reals in dynamic (1.0, not 1). */
  coefficients: DynamicValue[];
  variance: number;
  rvariance: number;
  poly_fit: DynamicValue[];
}

function numbers(v: Value | undefined): number[] | null {
  const xs = asArray(v);
  return xs?.every(isNumeric) ? (xs as number[]) : null;
}

/** Least-squares solution of A c = y (A: m × k, m ≥ k) by Householder QR; null when A is rank-deficient. */
function leastSquares(a: number[][], y: number[]): number[] | null {
  const m = a.length;
  const k = a[0]!.length;
  const r = a.map((row) => [...row]);
  const b = [...y];
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += r[i]![j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) return null;
    const alpha = r[j]![j]! > 0 ? -norm : norm;
    const v = new Array<number>(m).fill(0);
    v[j] = r[j]![j]! - alpha;
    for (let i = j + 1; i < m; i++) v[i] = r[i]![j]!;
    const vv = v.reduce((s, x) => s + x * x, 0);
    if (vv === 0) continue;
    for (let col = j; col < k; col++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i]! * r[i]![col]!;
      const f = (2 * dot) / vv;
      for (let i = j; i < m; i++) r[i]![col]! -= f * v[i]!;
    }
    let dot = 0;
    for (let i = j; i < m; i++) dot += v[i]! * b[i]!;
    const f = (2 * dot) / vv;
    for (let i = j; i < m; i++) b[i]! -= f * v[i]!;
  }
  const scale = Math.max(...Array.from({ length: k }, (_, j) => Math.abs(r[j]![j]!)));
  const c = new Array<number>(k).fill(0);
  for (let j = k - 1; j >= 0; j--) {
    if (Math.abs(r[j]![j]!) <= scale * 1e-13) return null;
    let s = b[j]!;
    for (let col = j + 1; col < k; col++) s -= r[j]![col]! * c[col]!;
    c[j] = s / r[j]![j]!;
  }
  return c;
}

export function fitPoly(ySeries: Value, xSeries: Value, degreeArg: Value): PolyFit | null {
  const y = numbers(ySeries);
  const degree = degreeArg === null || degreeArg === undefined ? 1 : Number(degreeArg);
  if (!y || y.length < 2 || !Number.isInteger(degree) || degree < 0) return null;
  const x = xSeries === null || xSeries === undefined ? y.map((_, i) => i + 1) : numbers(xSeries);
  if (!x || x.length !== y.length || y.length <= degree) return null;
  const vandermonde = x.map((xi) => Array.from({ length: degree + 1 }, (_, p) => xi ** p));
  const ascending = leastSquares(vandermonde, y);
  if (!ascending) return null;
  const fit = x.map((xi) => ascending.reduce((s, c, p) => s + c * xi ** p, 0));
  const n = y.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const ssRes = y.reduce((s, v, i) => s + (v - fit[i]!) ** 2, 0);
  return {
    rsquare: 1 - ssRes / ssTot,
    coefficients: [...ascending].reverse().map(realInDynamic),
    variance: ssTot / (n - 1),
    rvariance: ssRes / (n - 1),
    poly_fit: fit.map(realInDynamic),
  };
}

const TUPLE = ['rsquare', 'coefficients', 'variance', 'rvariance', 'poly_fit'] as const;

export const seriesFitPoly: ScalarFunction[] = [
  scalar('series_fit_poly', () => (args) => {
    const fit = fitPoly(args[0] ?? null, args[1] ?? null, args[2] ?? null);
    return TUPLE.map((key) => (fit ? (fit[key] as DynamicValue as Value) : null));
  }),
];
