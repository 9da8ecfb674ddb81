/**
 * series_decompose, series_decompose_anomalies and series_decompose_forecast with a given seasonality,
 * in the reference's order of steps: the seasonal component is the median of the learning points in
 * the same phase; it is subtracted from x; the trend is taken from that deseasonal series (avg: its
 * mean; linefit: its least-squares line, x from 1, extended over the test points; none: 0); baseline =
 * seasonal + trend and residual = x − baseline. Test points (forecast points) are left out of learning.
 * Anomalies score the residual with series_outliers() and flag scores beyond ±threshold.
 *
 * Seasonality −1 (the default) finds the period with series_periods_detect() over the learning points:
 * the best period whose score reaches Seasonality_threshold (default 0.6), else no seasonal component.
 */
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { scalar } from './define';
import { asArray, isNumeric } from './seriesFunctions';
import { seriesOutliers } from './seriesOutliers';
import { autoPeriod } from './seriesPeriods';
import type { ScalarFunction } from './types';

interface Decomposition {
  readonly baseline: number[];
  readonly seasonal: number[];
  readonly trend: number[];
  readonly residual: number[];
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const m = values.length >> 1;
  return values.length % 2 === 1 ? values[m]! : (values[m - 1]! + values[m]!) / 2;
}

function seasonalOf(y: readonly number[], learn: number, period: number): number[] {
  if (period <= 0) {
    return y.map(() => 0);
  }
  // Only the phases the series reaches: a period past its length must not allocate one per step.
  const phases = Array.from({ length: Math.min(period, y.length) }, (_, phase) => {
    const values: number[] = [];
    for (let i = phase; i < learn; i += period) {
      values.push(y[i]!);
    }
    return values.length > 0 ? median(values) : 0;
  });
  return y.map((_, i) => phases[i % period]!);
}

function trendOf(d: readonly number[], learn: number, kind: string): number[] {
  if (kind === 'none' || learn === 0) {
    return d.map(() => 0);
  }
  const mean = d.slice(0, learn).reduce((s, v) => s + v, 0) / learn;
  if (kind !== 'linefit' || learn < 2) {
    return d.map(() => mean);
  }
  const mx = (learn + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < learn; i++) {
    sxy += (i + 1 - mx) * (d[i]! - mean);
    sxx += (i + 1 - mx) ** 2;
  }
  const slope = sxy / sxx;
  const interception = mean - slope * mx;
  return d.map((_, i) => slope * (i + 1) + interception);
}

/** The seasonality argument: a whole number ≥ 0, or −1 (the default) to detect it. */
function periodArgument(v: Value | undefined): number {
  const p = v === null || v === undefined ? -1 : isNumeric(v) ? Math.trunc(v) : 0;
  return p === -1 ? -1 : Math.max(0, p);
}

/** The reference's default Seasonality_threshold. */
const DEFAULT_SEASONALITY_THRESHOLD = 0.6;

function trendKind(v: Value | undefined): string | undefined {
  const kind = typeof v === 'string' && v !== '' ? v : 'avg';
  return kind === 'avg' || kind === 'linefit' || kind === 'none' ? kind : undefined;
}

interface DecomposeArgs {
  readonly series: Value | undefined;
  readonly seasonality: Value | undefined;
  readonly threshold: Value | undefined;
  readonly trend: string;
  readonly testPoints: number;
}

function decompose(a: DecomposeArgs): Decomposition | null {
  const xs = asArray(a.series);
  if (!xs?.every(isNumeric)) {
    return null;
  }
  const y = xs as number[];
  const learn = Math.max(0, y.length - Math.max(0, Math.trunc(a.testPoints)));
  const given = periodArgument(a.seasonality);
  const threshold = isNumeric(a.threshold) ? a.threshold : DEFAULT_SEASONALITY_THRESHOLD;
  const period = given === -1 ? autoPeriod(y.slice(0, learn), threshold) : given;
  const trend = a.trend;
  const seasonal = seasonalOf(y, learn, period);
  const t = trendOf(
    y.map((v, i) => v - seasonal[i]!),
    learn,
    trend,
  );
  const baseline = y.map((_, i) => seasonal[i]! + t[i]!);
  return { baseline, seasonal, trend: t, residual: y.map((v, i) => v - baseline[i]!) };
}

const reals = (xs: readonly number[]): DynamicValue[] => xs.map((x) => realInDynamic(x));
const count = (v: Value | undefined): number => (isNumeric(v) ? v : 0);

export const seriesDecompose: ScalarFunction[] = [
  scalar('series_decompose', () => (args) => {
    const trend = trendKind(args[2]);
    const d = trend
      ? decompose({ series: args[0], seasonality: args[1], trend, testPoints: count(args[3]), threshold: args[4] })
      : null;
    return d ? [reals(d.baseline), reals(d.seasonal), reals(d.trend), reals(d.residual)] : [null, null, null, null];
  }),
  scalar('series_decompose_anomalies', () => (args) => {
    const threshold = isNumeric(args[1]) ? args[1] : 1.5;
    const trend = trendKind(args[3]);
    const method = typeof args[5] === 'string' && args[5] !== '' ? args[5] : 'ctukey';
    const d = trend
      ? decompose({ series: args[0], seasonality: args[2], trend, testPoints: count(args[4]), threshold: args[6] })
      : null;
    const scores = d ? asArray(seriesOutliers([d.residual, method])) : null;
    if (!d || !scores) {
      return [null, null, null];
    }
    const flags = scores.map((s) => {
      const v = Number(s);
      return v > threshold ? 1 : v < -threshold ? -1 : 0;
    });
    return [flags, reals(scores.map(Number)), reals(d.baseline)];
  }),
  // Kusto.Language binds series_decompose_forecast to series_decompose's four columns (baseline first), so
  // it returns the same tuple, its test points being the forecast points.
  scalar('series_decompose_forecast', () => (args) => {
    const trend = trendKind(args[3]);
    const d = trend
      ? decompose({ series: args[0], seasonality: args[2], trend, testPoints: count(args[1]), threshold: args[4] })
      : null;
    return d ? [reals(d.baseline), reals(d.seasonal), reals(d.trend), reals(d.residual)] : [null, null, null, null];
  }),
];
