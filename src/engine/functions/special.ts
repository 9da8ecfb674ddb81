/**
 * Special functions behind erf/erfc/gamma/loggamma/beta_*()/welch_test(): plain numeric code, no KQL
 * values. Each method is chosen to keep full double precision over the whole range rather than
 * for speed (series and continued fractions that converge without cancellation).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 1e-17;
const MAX_ITERATIONS = 5000;

/**
 * erf(x) for |x| < 3 by the series 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)): all terms positive,
 * so, unlike the Taylor series of erf itself, nothing cancels.
 */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * EPS) {
      break;
    }
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc(x) for x ≥ 0.5 by its continued fraction (modified Lentz), exact in relative terms. */
function erfcContinuedFraction(x: number): number {
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) {
      break;
    }
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function erf(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  const ax = Math.abs(x);
  if (ax === Infinity) {
    return Math.sign(x);
  }
  const y = ax < 3 ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
  return x < 0 ? -y : y;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  if (x < 0.5) {
    // erf(x) ≤ 0.53 here, so 1 − erf(x) loses nothing.
    return 1 - erf(x);
  }
  return x === Infinity ? 0 : erfcContinuedFraction(x);
}

// Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): ~1e−15 relative error for x ≥ 0.5.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lanczosSum(x: number): number {
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) {
    a += LANCZOS[i]! / (x + i - 1);
  }
  return a;
}

/** (n − 1)! for a positive integer n up to 171, where Γ is exactly a factorial (rounded per product). */
function factorialGamma(n: number): number {
  let p = 1;
  for (let k = 2; k < n; k++) {
    p *= k;
  }
  return p;
}

/** Γ(x). Poles: +∞/−∞ at ±0 (as 1/x), NaN at the negative integers. */
export function gamma(x: number): number {
  if (Number.isNaN(x) || x === -Infinity) {
    return NaN;
  }
  if (x === 0) {
    return 1 / x;
  }
  if (Number.isInteger(x)) {
    if (x < 0) {
      return NaN;
    }
    return x <= 171 ? factorialGamma(x) : Infinity;
  }
  if (x < 0.5) {
    // Reflection: Γ(x)·Γ(1 − x) = π / sin(πx).
    return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  }
  if (x > 171.7) {
    return Infinity;
  }
  const t = x + LANCZOS_G - 0.5;
  // t^(x−0.5) is split in two halves so that it does not overflow before e^(−t) brings it back.
  const half = Math.pow(t, (x - 0.5) / 2);
  return Math.sqrt(2 * Math.PI) * half * (half * Math.exp(-t)) * lanczosSum(x);
}

/** ln|Γ(x)|; +∞ at the poles. */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) {
    return NaN;
  }
  if (!Number.isFinite(x)) {
    return Infinity;
  }
  if (Number.isInteger(x) && x <= 0) {
    return Infinity;
  }
  if (Number.isInteger(x) && x <= 171) {
    return Math.log(factorialGamma(x));
  }
  if (x < 0.5) {
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const t = x + LANCZOS_G - 0.5;
  return LOG_SQRT_2PI + (x - 0.5) * Math.log(t) - t + Math.log(lanczosSum(x));
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * x^p·(1 − x)^q / B(a, b). Directly while Γ does not overflow and the powers stay normal, since the
 * logarithmic form loses digits when it subtracts large ln Γ values (ln Γ(30) ≈ 71 costs ~1e−14).
 */
function betaPowerTerm(x: number, p: number, q: number, a: number, b: number): number {
  if (a + b < 170) {
    const powers = Math.pow(x, p) * Math.pow(1 - x, q);
    if (powers > 1e-280 && Number.isFinite(powers)) {
      return (powers * gamma(a + b)) / (gamma(a) * gamma(b));
    }
  }
  return Math.exp(p * Math.log(x) + q * Math.log1p(-x) - logBeta(a, b));
}

/** The continued fraction of the incomplete beta function (DLMF 8.17.22), by modified Lentz. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let f = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    for (const numerator of [
      (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
      -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
    ]) {
      d = 1 + numerator * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + numerator / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      f *= d * c;
    }
    if (Math.abs(d * c - 1) < EPS) {
      break;
    }
  }
  return f;
}

/** The regularized incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1 and a, b > 0. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (Number.isNaN(x) || !(a > 0 && b > 0 && a < Infinity && b < Infinity)) {
    return NaN;
  }
  if (x <= 0) {
    return 0;
  }
  if (x >= 1) {
    return 1;
  }
  const front = betaPowerTerm(x, a, b, a, b);
  // The fraction converges fast only left of the mean; right of it use I_x(a,b) = 1 − I_(1−x)(b,a).
  if (x < (a + 1) / (a + b + 2)) {
    return (front * betaContinuedFraction(x, a, b)) / a;
  }
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

export function betaDensity(x: number, a: number, b: number): number {
  return betaPowerTerm(x, a - 1, b - 1, a, b);
}

/** The x in [0, 1] with I_x(a, b) = p: bisection to the last bit (I_x is monotonic, so it cannot fail). */
export function inverseRegularizedBeta(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 2000; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) {
      break;
    }
    if (regularizedBeta(mid, a, b) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

/** The two-sided p-value of Student's t statistic `t` with `df` degrees of freedom. */
export function studentTwoSidedP(t: number, df: number): number {
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}
