/**
 * Period detection behind series_periods_detect, series_periods_validate and the "-1 = find the period"
 * forms of series_seasonal and series_decompose*.
 *
 * The reference gives the bounds (periods of at least 4 points and at most half the series), that scores
 * lie in [0, 1], and examples; not the algorithm. This follows the AUTOPERIOD scheme (Vlachos, Yu and
 * Castelli, 2005), which takes candidates from the periodogram and checks them on the autocorrelation:
 *  1. the series less its least-squares line (a growing series is not "periodic at every lag");
 *  2. the peaks of its Hann-windowed periodogram that noise would not reach (peakFloor) are candidate
 *     frequencies; the peak at bin j stands for the periods between n/(j+1) and n/(j−1);
 *  3. in that window the whole period with the best score is taken, if it is a hill of the score (not
 *     smaller than its neighbours), so a window edge leaning on a better period outside is no period;
 *  4. the score of period p is the correlation of the series with itself shifted by p, over the p-less
 *     overlap (global mean, the overlap's own norms), set to 0 when it is not significant: at most
 *     2/√(n−p), the white-noise bound of an autocorrelation.
 * A period must leave more than two whole cycles (p ≤ (n−1)/2): the reference's series_seasonal example
 * finds no period in [1,3,5,2,4,6,1,3,5,2,4,6], whose 6 is exactly half.
 *
 * On the reference's example (60 half-days of traffic) this finds the weekly period 14 and nothing else,
 * as documented; its score is 0.96 where the documentation prints 0.84 (see the README).
 */
import { realInDynamic, type DynamicValue, type Value } from '../values';
import { scalar } from './define';
import { asArray, isNumeric } from './seriesFunctions';
import { periodogram } from './seriesFourier';
import { EvaluationError, type ScalarFunction } from './types';

export interface FoundPeriod {
  readonly period: number;
  readonly score: number;
}

/** The smallest period the reference lets the algorithm find. */
const MIN_PERIOD = 4;

/** The series as doubles less its least-squares line, or null when an element is not a number. */
export function detrended(series: Value | undefined): Float64Array | null {
  const xs = asArray(series);
  if (!xs?.every((v) => isNumeric(v) && Number.isFinite(v))) {
    return null;
  }
  const n = xs.length;
  const y = Float64Array.from(xs as number[]);
  if (n < 2) {
    return y.fill(0);
  }
  const mx = (n - 1) / 2;
  let my = 0;
  for (const v of y) my += v;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (y[i]! - my);
    sxx += (i - mx) ** 2;
  }
  const slope = sxy / sxx;
  for (let i = 0; i < n; i++) {
    y[i] = y[i]! - my - slope * (i - mx);
  }
  return y;
}

/** The largest period a series of n points can show (more than two cycles). */
export function maxPeriodOf(n: number): number {
  return Math.floor((n - 1) / 2);
}

/** Scores period by period, each computed once. */
class Scorer {
  private readonly cache: Float64Array;
  constructor(private readonly y: Float64Array) {
    this.cache = new Float64Array(y.length).fill(Number.NaN);
  }

  /** The significant self-correlation at lag p (0 outside 1…n−2). */
  score(p: number): number {
    const y = this.y;
    const n = y.length;
    if (!Number.isInteger(p) || p < 1 || p > n - 2) {
      return 0;
    }
    const cached = this.cache[p]!;
    if (!Number.isNaN(cached)) {
      return cached;
    }
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i + p < n; i++) {
      const a = y[i]!;
      const b = y[i + p]!;
      sab += a * b;
      saa += a * a;
      sbb += b * b;
    }
    const r = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    const s = r > 2 / Math.sqrt(n - p) ? Math.min(1, r) : 0;
    this.cache[p] = s;
    return s;
  }

  isHill(p: number): boolean {
    const s = this.score(p);
    return s > 0 && s >= this.score(p - 1) && s >= this.score(p + 1);
  }
}

/**
 * The series tapered by a Hann window: a period that is not a whole fraction of the length leaks power
 * into every bin of a plain periodogram, and noise on that slope makes false peaks far from the true one.
 */
function hann(y: Float64Array): Float64Array {
  const n = y.length;
  return n < 2 ? y : y.map((v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1))));
}

/**
 * The power a periodogram peak must pass to be a candidate: what pure noise reaches in any of the bins
 * with 5% probability. A noise bin's power is exponential; its mean is estimated from the median (mean =
 * median / ln 2), which the few bins of a real period do not move. Without this, a noise peak whose
 * window holds a multiple of the true period reports that multiple as a period of its own.
 */
function peakFloor(power: Float64Array): number {
  const bins = Array.from(power.subarray(1)).sort((a, b) => a - b);
  if (bins.length === 0) {
    return 0;
  }
  const median = bins[bins.length >> 1]!;
  return (median / Math.LN2) * Math.log(bins.length / 0.05);
}

/** The periods in [minPeriod, maxPeriod] found in the series, best first, at most `count`. */
export function detectPeriods(y: Float64Array, minPeriod: number, maxPeriod: number, count: number): FoundPeriod[] {
  const n = y.length;
  const lo = Math.max(MIN_PERIOD, Math.ceil(minPeriod));
  const hi = Math.min(Math.floor(maxPeriod), maxPeriodOf(n));
  if (count <= 0 || lo > hi) {
    return [];
  }
  const power = periodogram(hann(y));
  const floor = peakFloor(power);
  const scorer = new Scorer(y);
  const found = new Map<number, number>();
  for (let j = 1; j < power.length; j++) {
    const pj = power[j]!;
    const isPeak = pj > floor && pj > power[j - 1]! && (j + 1 >= power.length || pj >= power[j + 1]!);
    if (!isPeak) {
      continue;
    }
    const from = Math.max(lo, Math.ceil(n / (j + 1)));
    const to = Math.min(hi, j > 1 ? Math.floor(n / (j - 1)) : hi);
    let best = 0;
    let bestScore = 0;
    for (let p = from; p <= to; p++) {
      const s = scorer.score(p);
      if (s > bestScore) {
        best = p;
        bestScore = s;
      }
    }
    if (best > 0 && scorer.isHill(best)) {
      found.set(best, bestScore);
    }
  }
  return [...found]
    .map(([period, score]) => ({ period, score }))
    .sort((a, b) => b.score - a.score || a.period - b.period)
    .slice(0, count);
}

/** The score of each given period: 0 outside [4, (n−1)/2], as the reference says. */
export function validatePeriods(y: Float64Array, periods: readonly number[]): number[] {
  const scorer = new Scorer(y);
  const hi = maxPeriodOf(y.length);
  return periods.map((p) => {
    if (!(p >= MIN_PERIOD && p <= hi)) {
      return 0;
    }
    // A fractional period reads the better of its two whole neighbours within the bounds.
    const floor = Math.max(MIN_PERIOD, Math.floor(p));
    const ceil = Math.min(hi, Math.ceil(p));
    return Math.max(scorer.score(floor), scorer.score(ceil));
  });
}

/** The period series_seasonal and series_decompose* use for −1: the best one scoring at least `threshold`. */
export function autoPeriod(series: Value | undefined, threshold: number): number {
  const y = detrended(series);
  if (!y) {
    return 0;
  }
  const [best] = detectPeriods(y, MIN_PERIOD, maxPeriodOf(y.length), 1);
  return best && best.score >= threshold ? best.period : 0;
}

const reals = (xs: readonly number[]): DynamicValue[] => xs.map((x) => realInDynamic(x));
const numberOr = (v: Value | undefined, fallback: number): number => (isNumeric(v) ? v : fallback);

/** The longest output arrays series_periods_detect pads to (one per requested period). */
const MAX_PERIODS_PADDED = 1_048_576;

/** At most this many periods are validated, as the reference states. */
const MAX_VALIDATED = 16;

export const seriesPeriodFunctions: ScalarFunction[] = [
  scalar('series_periods_detect', () => (args) => {
    const y = detrended(args[0]);
    const count = Math.max(0, Math.trunc(numberOr(args[3], 0)));
    if (!y) {
      return [null, null];
    }
    if (count > MAX_PERIODS_PADDED) {
      // The output arrays are num_periods long: a count past any series' length is a mistake, not a request.
      throw new EvaluationError(
        `series_periods_detect: num_periods ${count} is more than the ${MAX_PERIODS_PADDED} periods the output arrays may hold`,
      );
    }
    const found = detectPeriods(y, numberOr(args[1], 0), numberOr(args[2], Number.POSITIVE_INFINITY), count);
    const periods = Array.from({ length: count }, (_, i) => found[i]?.period ?? 0);
    const scores = Array.from({ length: count }, (_, i) => found[i]?.score ?? 0);
    return [reals(periods), reals(scores)];
  }),
  scalar('series_periods_validate', () => (args) => {
    const y = detrended(args[0]);
    const periods = args.slice(1, 1 + MAX_VALIDATED).map((v) => numberOr(v, Number.NaN));
    if (!y) {
      return [null, null];
    }
    return [reals(periods.map((p) => (Number.isNaN(p) ? 0 : p))), reals(validatePeriods(y, periods))];
  }),
];
