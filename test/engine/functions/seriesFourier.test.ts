import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { scalarFunction } from '../../../src/engine/functions';
import { run } from '../helpers';

const fft = scalarFunction('series_fft')!.bind(['dynamic', 'dynamic'], 'dynamic', { now: 0 }, []);
const ifft = scalarFunction('series_ifft')!.bind(['dynamic', 'dynamic'], 'dynamic', { now: 0 }, []);

/** The textbook O(N²) transform the fast one must agree with. */
function naiveDft(re: number[], im: number[], sign: number): [number[], number[]] {
  const n = re.length;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let t = 0; t < n; t++) {
      const a = (sign * 2 * Math.PI * k * t) / n;
      sr += re[t]! * Math.cos(a) - im[t]! * Math.sin(a);
      si += re[t]! * Math.sin(a) + im[t]! * Math.cos(a);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return [outRe, outIm];
}

function close(actual: unknown, expected: number[], what: string): void {
  const a = actual as number[];
  assert.equal(a.length, expected.length, what);
  a.forEach((v, i) =>
    assert.ok(
      Math.abs(v - expected[i]!) < 1e-9 * Math.max(1, Math.abs(expected[i]!)),
      `${what}[${i}]: ${v} vs ${expected[i]}`,
    ),
  );
}

describe('series_fft and series_ifft', () => {
  test('a small transform by hand: fft([1, 2, 3, 4]) = [10, −2+2i, −2, −2−2i]', () => {
    const [re, im] = fft([[1, 2, 3, 4]]) as number[][];
    close(re, [10, -2, -2, -2], 'real');
    close(im, [0, 2, 0, -2], 'imaginary');
  });

  test('every length from 1 to 40 (powers of two and not) agrees with the O(N²) definition, and ifft undoes fft', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let n = 1; n <= 40; n++) {
      const re = Array.from({ length: n }, random);
      const im = Array.from({ length: n }, random);
      const [fr, fi] = fft([re, im]) as number[][];
      const [er, ei] = naiveDft(re, im, -1);
      close(fr, er, `fft n=${n} real`);
      close(fi, ei, `fft n=${n} imaginary`);
      const [br, bi] = ifft([fr!, fi!]) as number[][];
      close(br, re, `ifft(fft) n=${n} real`);
      close(bi, im, `ifft(fft) n=${n} imaginary`);
    }
  });

  test("the reference's round trip through (a, b) = series_fft(…) in a query", () => {
    const r =
      run(`let sinewave=(x:double, period:double, gain:double=1.0, phase:double=0.0) { gain*sin(2*pi()/period*(x+phase)) };
      range x from 0 to 127 step 1 | extend yr=sinewave(x, 8), yi=sinewave(x, 32)
      | summarize y_real=make_list(yr), y_imag=make_list(yi)
      | extend (fft_y_real, fft_y_imag) = series_fft(y_real, y_imag)
      | extend (y_real2, y_imag2) = series_ifft(fft_y_real, fft_y_imag)
      | project y_real, y_real2, fft_y_real`);
    const [yr, yr2, fr] = r.rows[0] as number[][];
    close(yr2!, yr!, 'round trip');
    // A pure sine of period 8 over 128 points puts its energy in bins 16 and 128 − 16.
    assert.ok(Math.abs((fr as number[])[16]!) < 1e-9 && Math.abs((fr as number[])[0]!) < 1e-9);
  });

  test('empty, non-numeric or mismatched input', () => {
    assert.deepEqual(fft([[]]), [[], []]);
    assert.deepEqual(fft([[1, 'x']]), [null, null]);
    assert.deepEqual(fft([[1, 2], [1]]), [null, null]);
    assert.deepEqual(fft([null]), [null, null]);
  });
});
