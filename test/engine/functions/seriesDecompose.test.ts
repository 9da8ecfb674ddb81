// series_decompose, series_decompose_anomalies and series_decompose_forecast with a given seasonality,
// worked by hand from the reference's steps (seasonal = median per phase, trend from the deseasonal
// series, baseline = seasonal + trend, residual = x − baseline); the detected seasonality is tested in
// seriesPeriods.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printed } from './helpers';

const Y = 'dynamic([1, 5, 2, 6, 3, 7, 4, 8])';

function close(actual: unknown, expected: readonly number[]): void {
  assert.ok(Array.isArray(actual) && actual.length === expected.length, JSON.stringify(actual));
  expected.forEach((e, i) => assert.ok(Math.abs(Number(actual[i]) - e) < 1e-9, `[${i}] ${actual[i]} vs ${e}`));
}

test('series_decompose with period 2 and the default avg trend: medians per phase, the mean of the rest', () => {
  const r = printed(`print y = ${Y} | extend (b, s, t, r) = series_decompose(y, 2) | project-away y`);
  // Phase 0 holds 1, 2, 3, 4 (median 2.5), phase 1 holds 5, 6, 7, 8 (median 6.5); the deseasonal series
  // −1.5, −1.5, −0.5, −0.5, 0.5, 0.5, 1.5, 1.5 has mean 0.
  close(r.s, [2.5, 6.5, 2.5, 6.5, 2.5, 6.5, 2.5, 6.5]);
  close(r.t, [0, 0, 0, 0, 0, 0, 0, 0]);
  close(r.b, [2.5, 6.5, 2.5, 6.5, 2.5, 6.5, 2.5, 6.5]);
  close(r.r, [-1.5, -1.5, -0.5, -0.5, 0.5, 0.5, 1.5, 1.5]);
});

test('series_decompose linefit: the trend is series_fit_line of the deseasonal series', () => {
  const r = printed(`print y = ${Y} | extend (b, s, t, r) = series_decompose(y, 2, 'linefit')
| extend d = series_subtract(y, s) | extend f = series_fit_line_dynamic(d) | project t, f`);
  close(r.t, (r.f as { line_fit: number[] }).line_fit);
});

test('series_decompose with period 0 and trend none: baseline 0, residual x (the reference: "just returns")', () => {
  const r = printed(`print y = ${Y} | extend (b, s, t, r) = series_decompose(y, 0, 'none') | project-away y`);
  close(r.b, [0, 0, 0, 0, 0, 0, 0, 0]);
  close(r.r, [1, 5, 2, 6, 3, 7, 4, 8]);
});

test('series_decompose_forecast: the forecast points are left out of learning and extrapolated', () => {
  const r = printed(`print y = dynamic([1, 5, 2, 6, 3, 7, 4, 8, 0, 0])
| extend f = series_decompose_forecast(y, 2, 2, 'linefit')
| extend (b) = series_decompose(array_slice(y, 0, 7), 2, 'linefit') | project f, b`);
  const f = r.f as number[];
  close(f.slice(0, 8), r.b as number[]);
  // The trend's line continues: each step adds the same slope as between the learned points.
  const step = f[7]! - f[5]!;
  close([f[9]! - f[7]!], [step]);
  close([f[8]! - f[6]!], [step]);
});

test('series_decompose_anomalies: ctukey scores of the residual, flagged beyond the threshold', () => {
  const noisy = 'dynamic([10.1, 20.2, 9.8, 19.7, 10.3, 35, 9.9, 20.1, 10.2, 19.9, 9.7, 20.3, -5, 20])';
  const r = printed(`print y = ${noisy}
| extend (flag, score, baseline) = series_decompose_anomalies(y, 1.5, 2, 'avg')
| extend (b, s, t, res) = series_decompose(y, 2, 'avg')
| extend expected = series_outliers(res) | project flag, score, baseline, b, expected`);
  close(r.score, r.expected as number[]);
  close(r.baseline, r.b as number[]);
  assert.deepEqual(r.flag, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, -1, 0]);
  const higher = printed(
    `print y = ${noisy} | extend (flag) = series_decompose_anomalies(y, 1000.0, 2) | project flag`,
  );
  assert.deepEqual(higher.flag, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});

test('the default seasonality (−1) of a series too short for any period: no seasonal component', () => {
  // 8 points allow periods up to 3, under the minimum of 4: nothing is detected, the seasonal part is 0.
  const r = printed(`print y = ${Y} | extend (b, s, t, r) = series_decompose(y) | project s`);
  close(r.s, [0, 0, 0, 0, 0, 0, 0, 0]);
});
