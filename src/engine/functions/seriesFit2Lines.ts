/**
 * series_fit_2lines and series_fit_2lines_dynamic: the reference's two-segment regression. Every split
 * point is tried; each side gets its own series_fit_line() (so each side's x starts again at 1, as a
 * separate call would), and the split kept is the one whose two lines leave the least residual, that is
 * the greatest total r-square = 1 − (SSres_left + SSres_right) / SS_total. The reference leaves the
 * bookkeeping open; here split_idx is the first index of the right segment, each side has at least two
 * points, the first best split wins a tie, and variance and rvariance divide by n − 1 as series_fit_line's do.
 */
import type { DynamicValue, Value } from '../values';
import { newRecord } from '../../results/jsonData';
import { scalar } from './define';
import { fitLine } from './seriesStatistics';
import { asArray, isNumeric } from './seriesFunctions';
import type { ScalarFunction } from './types';

type Side = NonNullable<ReturnType<typeof fitLine>>;

interface TwoLines {
  readonly rsquare: number;
  readonly split_idx: number;
  readonly variance: number;
  readonly rvariance: number;
  readonly line_fit: number[];
  readonly right: Side;
  readonly left: Side;
}

const residual = (side: Side, n: number): number => side.rvariance * (n - 1);

export function fitTwoLines(series: Value): TwoLines | null {
  const ys = asArray(series);
  if (!ys || ys.length < 4 || !ys.every(isNumeric)) {
    return null;
  }
  const y = ys as number[];
  const n = y.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const total = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  let best: { split: number; left: Side; right: Side; ssRes: number } | undefined;
  for (let split = 2; split <= n - 2; split++) {
    const left = fitLine(y.slice(0, split));
    const right = fitLine(y.slice(split));
    if (!left || !right) {
      continue;
    }
    const ssRes = residual(left, split) + residual(right, n - split);
    if (!best || ssRes < best.ssRes) {
      best = { split, left, right, ssRes };
    }
  }
  if (!best) {
    return null;
  }
  return {
    rsquare: 1 - best.ssRes / total,
    split_idx: best.split,
    variance: total / (n - 1),
    rvariance: best.ssRes / (n - 1),
    line_fit: [...best.left.line_fit, ...best.right.line_fit],
    right: best.right,
    left: best.left,
  };
}

const SIDE_KEYS = ['rsquare', 'slope', 'interception', 'variance', 'rvariance'] as const;

/** The tuple in the binder's column order: rsquare, split_idx, variance, rvariance, line_fit, right_*, left_*. */
function asTuple(fit: TwoLines | null): Value[] {
  const head = fit
    ? [fit.rsquare, fit.split_idx, fit.variance, fit.rvariance, fit.line_fit]
    : [null, null, null, null, null];
  const side = (s: Side | undefined): Value[] => SIDE_KEYS.map((k) => (s ? s[k] : null));
  return [...head, ...side(fit?.right), ...side(fit?.left)];
}

function asBag(fit: TwoLines | null): Value {
  if (!fit) {
    return null;
  }
  const side = (s: Side): DynamicValue => {
    const out = newRecord<DynamicValue>();
    for (const k of SIDE_KEYS) {
      out[k] = s[k];
    }
    return out;
  };
  const out = newRecord<DynamicValue>();
  out.rsquare = fit.rsquare;
  out.split_idx = fit.split_idx;
  out.variance = fit.variance;
  out.rvariance = fit.rvariance;
  out.line_fit = fit.line_fit;
  out.right = side(fit.right);
  out.left = side(fit.left);
  return out;
}

export const seriesFit2Lines: ScalarFunction[] = [
  scalar('series_fit_2lines', () => (args) => asTuple(fitTwoLines(args[0] ?? null))),
  scalar('series_fit_2lines_dynamic', () => (args) => asBag(fitTwoLines(args[0] ?? null))),
];
