/**
 * Period detection behind series_periods_detect, series_periods_validate and the "-1 = find the period"
 * forms of series_seasonal and series_decompose*.
 *
 * The reference gives the bounds (periods of at least 4 points and at most half the series), that scores
 * lie in [0, 1] and measure a period's significance, and examples; not the algorithm. This follows the
 * AUTOPERIOD scheme (Vlachos, Yu and Castelli, 2005), which takes candidates from the periodogram and
 * checks them on the autocorrelation:
 *  1. the series less its least-squares line (a growing series is not "periodic at every lag");
 *  2. the peaks of its Hann-windowed periodogram that noise would not reach (peakFloor) are candidate
 *     frequencies; the peak at bin j stands for the periods between n/(j+1) and n/(j−1);
 *  3. in that window the whole period where the detrended series best correlates with itself p later is
 *     taken, if that correlation is a hill (not smaller than at its neighbours), so a window edge
 *     leaning on a better period outside is no period;
 *  4. the period's score is the autocorrelation at lag p of the series less its mean, tapered by a Hann
 *     window (the series whose periodogram gave the candidate), unbiased (the lag-p sum over its n − p
 *     terms against the variance over n), at most 1, and 0 under 2/√(n−p), the white-noise bound.
 * The taper's own overlap shrinks with the lag, so the score weighs how much of the series repeats: a
 * period seen over few cycles scores less. With it the reference's printed scores come out: the traffic
 * example's 14 scores 0.838 (printed 0.84; an untapered correlation gives 0.96–0.98) and its 10 scores 0;
 * series_seasonal's examples score 0.87 (6) and 0.84 (5), over the 0.7 it requires, and its last series,
 * [1,3,5,2,4,6] twice, 0 at 6 (two cycles; 6 is half the series, so within the bounds). Steps 3 and 4
 * read different correlations because the taper also pulls the maximum towards shorter lags (a 700-point
 * sine over 10000 points peaks at 677): the untapered one says where the period is, the tapered one how
 * significant it is.
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

/**
 * A series read for period detection: less its least-squares line (where the periodogram looks for
 * candidates) and, for the scores, less its mean and tapered by a Hann window.
 */
export interface PeriodSeries {
  readonly detrended: Float64Array;
  readonly tapered: Float64Array;
}

/** The series read for period detection, or null when an element is not a finite number. */
export function periodSeries(series: Value | undefined): PeriodSeries | null {
  const xs = asArray(series);
  if (!xs?.every((v) => isNumeric(v) && Number.isFinite(v))) {
    return null;
  }
  const n = xs.length;
  const y = Float64Array.from(xs as number[]);
  if (n < 2) {
    return { detrended: y.fill(0), tapered: y };
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
  const centred = y.map((v) => v - my);
  return { detrended: centred.map((v, i) => v - slope * (i - mx)), tapered: hann(centred) };
}

/** The largest period the reference lets a series of n points show: half its length. */
export function maxPeriodOf(n: number): number {
  return Math.floor(n / 2);
}

/**
 * The two autocorrelations of a series, lag by lag, each computed once: where a period lies is read on
 * the detrended series' correlation with itself p later (its hills sit on the period); how significant
 * it is, on the tapered series (see the file comment).
 */
class Scorer {
  private readonly correlations: Float64Array;
  private readonly scores: Float64Array;
  private readonly variance: number;
  constructor(private readonly series: PeriodSeries) {
    const n = series.tapered.length;
    this.correlations = new Float64Array(n).fill(Number.NaN);
    this.scores = new Float64Array(n).fill(Number.NaN);
    let sum = 0;
    for (const v of series.tapered) sum += v * v;
    this.variance = sum / n;
  }

  /** The significant correlation of the detrended series with itself p later (0 outside 1…n−2). */
  correlation(p: number): number {
    const y = this.series.detrended;
    const n = y.length;
    if (!Number.isInteger(p) || p < 1 || p > n - 2) {
      return 0;
    }
    const cached = this.correlations[p]!;
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
    const c = significant(r, n - p);
    this.correlations[p] = c;
    return c;
  }

  /** The period's score: the significant unbiased autocorrelation of the tapered series at lag p. */
  score(p: number): number {
    const z = this.series.tapered;
    const n = z.length;
    if (!Number.isInteger(p) || p < 1 || p > n - 2 || !(this.variance > 0)) {
      return 0;
    }
    const cached = this.scores[p]!;
    if (!Number.isNaN(cached)) {
      return cached;
    }
    let sum = 0;
    for (let i = 0; i + p < n; i++) {
      sum += z[i]! * z[i + p]!;
    }
    const s = significant(sum / (n - p) / this.variance, n - p);
    this.scores[p] = s;
    return s;
  }

  /** Whether the correlation at p is a hill: not smaller than at its neighbours. */
  isHill(p: number): boolean {
    const c = this.correlation(p);
    return c > 0 && c >= this.correlation(p - 1) && c >= this.correlation(p + 1);
  }
}

/** An autocorrelation over `terms` products, at most 1, or 0 under the white-noise bound 2/√terms. */
function significant(r: number, terms: number): number {
  return r > 2 / Math.sqrt(terms) ? Math.min(1, r) : 0;
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
export function detectPeriods(
  series: PeriodSeries,
  minPeriod: number,
  maxPeriod: number,
  count: number,
): FoundPeriod[] {
  const n = series.detrended.length;
  const lo = Math.max(MIN_PERIOD, Math.ceil(minPeriod));
  const hi = Math.min(Math.floor(maxPeriod), maxPeriodOf(n));
  if (count <= 0 || lo > hi) {
    return [];
  }
  const power = periodogram(hann(series.detrended));
  const floor = peakFloor(power);
  const scorer = new Scorer(series);
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
    let bestCorrelation = 0;
    for (let p = from; p <= to; p++) {
      const c = scorer.correlation(p);
      if (c > bestCorrelation) {
        best = p;
        bestCorrelation = c;
      }
    }
    const score = best > 0 && scorer.isHill(best) ? scorer.score(best) : 0;
    if (score > 0) {
      found.set(best, score);
    }
  }
  return [...found]
    .map(([period, score]) => ({ period, score }))
    .sort((a, b) => b.score - a.score || a.period - b.period)
    .slice(0, count);
}

/** The score of each given period: 0 outside [4, n/2], as the reference says. */
export function validatePeriods(series: PeriodSeries, periods: readonly number[]): number[] {
  const scorer = new Scorer(series);
  const hi = maxPeriodOf(series.tapered.length);
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
  const s = periodSeries(series);
  if (!s) {
    return 0;
  }
  const [best] = detectPeriods(s, MIN_PERIOD, maxPeriodOf(s.tapered.length), 1);
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
    const y = periodSeries(args[0]);
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
    const y = periodSeries(args[0]);
    const periods = args.slice(1, 1 + MAX_VALIDATED).map((v) => numberOr(v, Number.NaN));
    if (!y) {
      return [null, null];
    }
    return [reals(periods.map((p) => (Number.isNaN(p) ? 0 : p))), reals(validatePeriods(y, periods))];
  }),
];
