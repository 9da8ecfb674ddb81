/**
 * series_fft and series_ifft: the discrete Fourier transform of a complex series given as two arrays
 * (real and imaginary parts), with the textbook conventions the reference links to: the forward
 * transform X[k] = Σ x[n]·e^(−2πikn/N) is not scaled, the inverse is scaled by 1/N, so
 * series_ifft(series_fft(x)) is x. Any length: a power of two directly (radix 2), others through
 * Bluestein's chirp transform, both O(N log N). A series with a non-numeric element, or parts of
 * different lengths, gives nulls.
 */
import { type DynamicValue, realInDynamic, type Value } from '../values';
import { asArray } from './seriesFunctions';
import { scalar } from './define';
import type { ScalarFunction } from './types';

type Complex = { re: Float64Array; im: Float64Array };

/** In-place radix-2 transform; `sign` −1 forward, +1 inverse (unscaled). Length must be a power of two. */
function radix2(re: Float64Array, im: Float64Array, sign: number): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (sign * 2 * Math.PI) / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(angle * k);
        const wi = Math.sin(angle * k);
        const a = start + k;
        const b = a + len / 2;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}

/** The unscaled transform of any length (Bluestein's algorithm when it is not a power of two). */
function transform(x: Complex, sign: number): Complex {
  const n = x.re.length;
  if (n === 0 || (n & (n - 1)) === 0) {
    const out = { re: Float64Array.from(x.re), im: Float64Array.from(x.im) };
    radix2(out.re, out.im, sign);
    return out;
  }
  let m = 1;
  while (m < 2 * n - 1) m <<= 1;
  // Chirp w[k] = e^(sign·πi·k²/n); k² is reduced mod 2n to keep the angle exact for large k.
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const angle = (sign * Math.PI * ((k * k) % (2 * n))) / n;
    wr[k] = Math.cos(angle);
    wi[k] = Math.sin(angle);
  }
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = x.re[k]! * wr[k]! - x.im[k]! * wi[k]!;
    ai[k] = x.re[k]! * wi[k]! + x.im[k]! * wr[k]!;
  }
  const br = new Float64Array(m);
  const bi = new Float64Array(m);
  br[0] = wr[0]!;
  bi[0] = -wi[0]!;
  for (let k = 1; k < n; k++) {
    br[k] = br[m - k] = wr[k]!;
    bi[k] = bi[m - k] = -wi[k]!;
  }
  radix2(ar, ai, -1);
  radix2(br, bi, -1);
  for (let k = 0; k < m; k++) {
    const r = ar[k]! * br[k]! - ai[k]! * bi[k]!;
    ai[k] = ar[k]! * bi[k]! + ai[k]! * br[k]!;
    ar[k] = r;
  }
  radix2(ar, ai, 1);
  const out = { re: new Float64Array(n), im: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const r = ar[k]! / m;
    const i = ai[k]! / m;
    out.re[k] = r * wr[k]! - i * wi[k]!;
    out.im[k] = r * wi[k]! + i * wr[k]!;
  }
  return out;
}

/** |X[j]|² for j = 0…⌊n/2⌋ of a real series: the periodogram the period detection reads. */
export function periodogram(y: Float64Array): Float64Array {
  const x = transform({ re: y, im: new Float64Array(y.length) }, -1);
  const power = new Float64Array(Math.floor(y.length / 2) + 1);
  for (let j = 0; j < power.length; j++) {
    power[j] = x.re[j]! ** 2 + x.im[j]! ** 2;
  }
  return power;
}

/** The complex series the arguments give, or undefined when they are not two numeric arrays of one length. */
function complexSeries(args: readonly Value[]): Complex | undefined {
  const re = asArray(args[0]);
  const im = args[1];
  if (!re || (im !== undefined && im !== null && !Array.isArray(im))) {
    return undefined;
  }
  const imag = asArray(im) ?? undefined;
  if (
    (imag && imag.length !== re.length) ||
    re.some((v) => typeof v !== 'number') ||
    imag?.some((v) => typeof v !== 'number')
  ) {
    return undefined;
  }
  return {
    re: Float64Array.from(re as number[]),
    im: imag ? Float64Array.from(imag as number[]) : new Float64Array(re.length),
  };
}

function fourier(name: string, sign: number): ScalarFunction {
  return scalar(name, () => (args) => {
    const x = complexSeries(args);
    if (!x) {
      return [null, null];
    }
    const y = transform(x, sign);
    const scale = sign > 0 && x.re.length > 0 ? 1 / x.re.length : 1;
    const part = (a: Float64Array): DynamicValue[] => Array.from(a, (v) => realInDynamic(v * scale));
    return [part(y.re), part(y.im)];
  });
}

export const seriesFourierFunctions: ScalarFunction[] = [fourier('series_fft', -1), fourier('series_ifft', 1)];
