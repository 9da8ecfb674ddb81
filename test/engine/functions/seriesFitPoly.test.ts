// series_fit_poly: a polynomial it must recover exactly, degree 1 against series_fit_line (the
// reference's Example 2 compares the two), the default x, and the reference's long-literal degree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printed } from './helpers';

function close(actual: unknown, expected: number, what: string): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-6, `${what}: ${actual} vs ${expected}`);
}

test('a cubic sampled without noise comes back: coefficients highest power first, rsquare 1', () => {
  const r = printed(`range x from 1 to 30 step 1 | extend x = x / 10.0
    | extend y = 2 * pow(x, 3) - 3 * pow(x, 2) + 0.5 * x - 7
    | summarize x = make_list(x), y = make_list(y)
    | extend series_fit_poly(y, x, 3)
    | project c = series_fit_poly_y_coefficients, r = series_fit_poly_y_rsquare, rv = series_fit_poly_y_rvariance`);
  const c = r.c as number[];
  [2, -3, 0.5, -7].forEach((e, i) => close(c[i], e, `coefficient ${i}`));
  close(r.r, 1, 'rsquare');
  close(r.rv, 0, 'rvariance');
});

test('degree 1 without x gives what series_fit_line gives', () => {
  const r = printed(`print y = dynamic([2, 4.5, 5, 9, 8.5, 11, 10])
    | extend series_fit_poly(y), (lr, ls, lv, lrv, li, lf) = series_fit_line(y)`);
  close(r.series_fit_poly_y_rsquare, r.lr as number, 'rsquare');
  close(r.series_fit_poly_y_variance, r.lv as number, 'variance');
  close(r.series_fit_poly_y_rvariance, r.lrv as number, 'rvariance');
  const [slope, interception] = r.series_fit_poly_y_coefficients as number[];
  close(slope, r.ls as number, 'slope');
  close(interception, r.li as number, 'interception');
  (r.series_fit_poly_y_poly_fit as number[]).forEach((v, i) => close(v, (r.lf as number[])[i]!, `fit ${i}`));
});

test("the reference's call with a long literal degree binds (Kusto.Language declares it int)", () => {
  const r = printed(
    'print y = dynamic([1, 4, 9, 16]), x = dynamic([1, 2, 3, 4]) | extend series_fit_poly(y, x, 2) | project c = series_fit_poly_y_coefficients',
  );
  (r.c as number[]).forEach((v, i) => close(v, [1, 0, 0][i]!, `coefficient ${i}`));
});

test('no fit, null values: not numbers, x of another length, too few points for the degree', () => {
  for (const args of [
    "dynamic(['a', 'b'])",
    'dynamic([1, 2, 3]), dynamic([1, 2])',
    'dynamic([1, 2, 3]), dynamic([1, 2, 3]), 3',
  ]) {
    const r = printed(`print y = 0 | extend (r, c, v, rv, f) = series_fit_poly(${args}) | project-away y`);
    assert.deepEqual(Object.values(r), [null, null, null, null, null], args);
  }
});
