/**
 * Special and statistical math functions: erf, erfc, gamma, loggamma, beta_cdf/beta_inv/beta_pdf,
 * welch_test, plus around() and bitset_count_ones(). The numerics live in special.ts; this file
 * holds each function's KQL rules (nulls, domains, the NaN-or-null choices the reference documents).
 */
import { num, strict } from './define';
import {
  betaDensity,
  erf,
  erfc,
  gamma,
  inverseRegularizedBeta,
  logGamma,
  regularizedBeta,
  studentTwoSidedP,
} from './special';
import type { ScalarFunction } from './types';
import type { Value } from '../values';

/** A real function of real arguments; a non-number (a dynamic holding text, say) gives null. */
function reals(name: string, fn: (...xs: number[]) => Value): ScalarFunction {
  return strict(name, (args) => {
    const xs: number[] = [];
    for (const a of args) {
      const x = num(a);
      if (x === null) {
        return null;
      }
      xs.push(x);
    }
    return fn(...xs);
  });
}

/** beta_cdf's documented domain: 0 ≤ x ≤ 1 and 0 < alpha, beta ≤ 10000, else NaN. */
function betaCdf(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1 && a > 0 && a <= 10000 && b > 0 && b <= 10000)) {
    return NaN;
  }
  return regularizedBeta(x, a, b);
}

/**
 * beta_inv. The reference's prose and its example disagree; the example output (what Kusto
 * actually returns) is followed: a probability outside (0, 1] gives null, alpha or beta ≤ 0 gives NaN.
 */
function betaInv(p: number, a: number, b: number): number | null {
  if (!(p > 0 && p <= 1)) {
    return null;
  }
  if (!(a > 0 && b > 0 && a < Infinity && b < Infinity)) {
    return NaN;
  }
  return inverseRegularizedBeta(p, a, b);
}

/** beta_pdf: NaN outside 0 < x < 1 or for alpha, beta ≤ 0. */
function betaPdf(x: number, a: number, b: number): number {
  if (!(x > 0 && x < 1 && a > 0 && b > 0 && a < Infinity && b < Infinity)) {
    return NaN;
  }
  return betaDensity(x, a, b);
}

/** Welch's unequal-variances t-test: the two-sided p-value, with Welch–Satterthwaite degrees of freedom. */
function welchTest(m1: number, v1: number, n1: number, m2: number, v2: number, n2: number): number {
  const s1 = v1 / n1;
  const s2 = v2 / n2;
  const t = (m1 - m2) / Math.sqrt(s1 + s2);
  const df = ((s1 + s2) * (s1 + s2)) / ((s1 * s1) / (n1 - 1) + (s2 * s2) / (n2 - 1));
  return studentTwoSidedP(t, df);
}

/** The 64-bit two's-complement population count (an int argument is sign-extended, as int → long is). */
function countOnes(v: number): number | null {
  if (!Number.isFinite(v)) {
    return null;
  }
  let bits = BigInt.asUintN(64, BigInt(Math.trunc(v)));
  let n = 0;
  while (bits !== 0n) {
    n += Number(bits & 1n);
    bits >>= 1n;
  }
  return n;
}

export const specialMathFunctions: ScalarFunction[] = [
  reals('erf', erf),
  reals('erfc', erfc),
  reals('gamma', gamma),
  reals('loggamma', logGamma),
  reals('beta_cdf', betaCdf),
  reals('beta_inv', betaInv),
  reals('beta_pdf', betaPdf),
  reals('welch_test', welchTest),
  // Numbers, datetimes and timespans are all plain numbers (ticks) here, so one comparison serves all.
  reals('around', (value, center, delta) => value >= center - delta && value <= center + delta),
  reals('bitset_count_ones', countOnes),
];
