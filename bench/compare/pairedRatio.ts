/**
 * Whether one engine is really slower than another on one query, from paired samples: each pair is an
 * old and a new sample taken back to back (bench/compare/engines.ts alternates old, new, new, old, …),
 * so a burst of load from other processes, a GC started by either side or a CPU frequency change
 * falls on both halves of a pair far more often than on one. The pair's ratio new/old is then the
 * unit of evidence: their median is the estimate, and the order statistics around it give a
 * distribution-free confidence interval for the median ratio (the sign test's interval), which needs no
 * assumption about how load spikes are distributed — a few wild pairs cannot move it.
 */

export interface PairedRatio {
  /** Pairs compared. */
  readonly n: number;
  /** Median of the pairs' new/old ratios. */
  readonly median: number;
  /** Lower and upper bound of the median ratio at the confidence asked (0 and Infinity when n is too small). */
  readonly low: number;
  readonly high: number;
}

/** The verdict on "new is slower than old by more than `threshold`" (e.g. 1.05) from an interval. */
export type Verdict = 'slower' | 'within' | 'undecided';

/**
 * Ratio statistics of paired samples (`newer[i]` taken next to `older[i]`); pairs where either side
 * timed zero (a clock too coarse) are dropped. `confidence` is two-sided, 0.95 by default.
 */
export function pairedRatio(older: readonly number[], newer: readonly number[], confidence = 0.95): PairedRatio {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(older.length, newer.length); i++) {
    const o = older[i]!;
    const n = newer[i]!;
    if (o > 0 && n > 0) {
      ratios.push(n / o);
    }
  }
  ratios.sort((a, b) => a - b);
  const n = ratios.length;
  if (n === 0) {
    return { n, median: Number.NaN, low: 0, high: Infinity };
  }
  const median = n % 2 === 1 ? ratios[(n - 1) / 2]! : Math.sqrt(ratios[n / 2 - 1]! * ratios[n / 2]!);
  const k = medianRank(n, (1 - confidence) / 2);
  return k === 0 ? { n, median, low: 0, high: Infinity } : { n, median, low: ratios[k - 1]!, high: ratios[n - k]! };
}

/**
 * The largest k with P(Binomial(n, ½) ≤ k − 1) ≤ tail: the interval from the k-th smallest to the k-th
 * largest of n samples then holds the median with probability at least 1 − 2·tail. 0 when no k does
 * (fewer than 6 samples at 95%).
 */
export function medianRank(n: number, tail: number): number {
  // Binomial probabilities in logs: 2^-n underflows past n = 1074.
  let logTerm = -n * Math.LN2; // log P(B = 0)
  let cdf = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    cdf += Math.exp(logTerm);
    if (cdf > tail) {
      break;
    }
    k = i + 1;
    logTerm += Math.log(n - i) - Math.log(i + 1);
  }
  return k;
}

/**
 * `slower`: the whole interval lies above `threshold`, a regression larger than it beyond doubt;
 * `within`: the whole interval lies at or below it, such a regression excluded; `undecided` otherwise.
 */
export function verdictOf(r: PairedRatio, threshold: number): Verdict {
  if (r.low > threshold) {
    return 'slower';
  }
  return r.high <= threshold ? 'within' : 'undecided';
}
