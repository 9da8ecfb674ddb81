/**
 * series_outliers(): Tukey's fences scored per point. A point above the high percentile scores
 * (x − p_high) / (p_high − p_low), below the low one (x − p_low) / (p_high − p_low), others 0; nulls and
 * ignore_val score 0. Percentiles interpolate linearly between closest ranks (p10 of 16 values = x[1.5]).
 *
 * "tukey" uses p25/p75 as is. "ctukey" (the default) uses p10/p90, or the caller's percentiles in
 * [2, 98], and rescales the score so that, for normally distributed data, 1.5 falls where it falls
 * with p25/p75 (the function's authors describe this in microsoft/Kusto-Query-Language#136 and on Stack
 * Overflow, where Kusto scores [-3, 2.4, 15, …] with a factor of 2.7726… for p10/p90). The factor for
 * other percentiles follows the same normal-distribution argument, scaled so that p10/p90 give Kusto's
 * factor exactly: Kusto's own normal quantiles are not published, so custom percentiles are approximate.
 */
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { asArray, isNumeric } from './seriesFunctions';

/** Kusto's factor for p10/p90, read off its documented scores (see above). */
const CTUKEY_DEFAULT_FACTOR = 2.772605605507915;

function percentileLinear(sorted: readonly number[], p: number): number {
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number): number =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) {
    return tail(Math.sqrt(-2 * Math.log(p)));
  }
  if (p > 1 - 0.02425) {
    return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** The normal-distribution factor that maps a p_low/p_high score onto the p25/p75 scale at k = 1.5. */
function normalFactor(low: number, high: number): number {
  const z75 = normalQuantile(0.75);
  const fence = z75 + 1.5 * (z75 - normalQuantile(0.25));
  const zHigh = normalQuantile(high / 100);
  return (1.5 * (zHigh - normalQuantile(low / 100))) / (fence - zHigh);
}

function ctukeyFactor(low: number, high: number): number {
  return CTUKEY_DEFAULT_FACTOR * (normalFactor(low, high) / normalFactor(10, 90));
}

function missingTest(placeholder: Value | undefined): (v: DynamicValue | undefined) => boolean {
  return placeholder === null || placeholder === undefined
    ? (v) => v === null || v === undefined
    : (v) => v === placeholder;
}

export function seriesOutliers(args: readonly Value[]): Value {
  const xs = asArray(args[0]);
  const kind = typeof args[1] === 'string' && args[1] !== '' ? args[1] : 'ctukey';
  if (!xs || (kind !== 'tukey' && kind !== 'ctukey')) {
    return null;
  }
  let low = 25;
  let high = 75;
  let factor = 1;
  if (kind === 'ctukey') {
    low = isNumeric(args[3]) ? args[3] : 10;
    high = isNumeric(args[4]) ? args[4] : 90;
    if (!(low >= 2 && low <= 98 && high >= 2 && high <= 98 && low < high)) {
      return null;
    }
    factor = low === 10 && high === 90 ? CTUKEY_DEFAULT_FACTOR : ctukeyFactor(low, high);
  }
  const ignored = missingTest(args[2]);
  const counted = (x: DynamicValue | undefined): x is number => isNumeric(x) && !Number.isNaN(x) && !ignored(x);
  const values = xs.filter(counted).sort((u, v) => u - v);
  if (values.length === 0) {
    return xs.map(() => realInDynamic(0));
  }
  const pLow = percentileLinear(values, low);
  const pHigh = percentileLinear(values, high);
  const range = pHigh - pLow;
  const score = (x: DynamicValue | undefined): number =>
    !counted(x) ? 0 : x > pHigh ? ((x - pHigh) / range) * factor : x < pLow ? ((x - pLow) / range) * factor : 0;
  return xs.map((x) => realInDynamic(score(x)));
}
