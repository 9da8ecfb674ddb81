// series_fit_2lines and series_fit_2lines_dynamic on the reference's example series: the split it
// charts, each side a series_fit_line() of its own, and the totals those sides imply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printed } from './helpers';

const Y = 'dynamic([1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, 6.2])';

function close(actual: unknown, expected: number): void {
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 1e-9, `${actual} vs ${expected}`);
}

test('series_fit_2lines splits the reference series where its trend turns (index 5, the peak at 12)', () => {
  const r = printed(`print y = ${Y} | extend (rs, si, v) = series_fit_2lines(y) | project-away y`);
  assert.equal(r.si, 5);
  // variance: the sample variance of the whole series, as series_fit_line gives it.
  close(r.v, 13.894);
  assert.ok((r.rs as number) > 0.98 && (r.rs as number) < 1);
});

test('series_fit_2lines: each side is the series_fit_line of its part; totals follow from the sides', () => {
  const r = printed(`print y = ${Y} | extend f = series_fit_2lines_dynamic(y)
| extend l = series_fit_line_dynamic(array_slice(y, 0, 4)), rt = series_fit_line_dynamic(array_slice(y, 5, 10))
| project f, l, rt`);
  type Side = Record<string, number>;
  const f = r.f as {
    left: Side;
    right: Side;
    rvariance: number;
    variance: number;
    rsquare: number;
    line_fit: number[];
  };
  const l = r.l as Record<string, number>;
  const rt = r.rt as Record<string, number>;
  for (const k of ['rsquare', 'slope', 'interception', 'variance', 'rvariance']) {
    close(f.left[k], l[k]!);
    close(f.right[k], rt[k]!);
  }
  // Residual sums of squares add up: rvariance × (n − 1) = left's + right's.
  close(f.rvariance * 10, l.rvariance! * 4 + rt.rvariance! * 5);
  close(f.rsquare, 1 - (f.rvariance * 10) / (f.variance * 10));
  assert.equal(f.line_fit.length, 11);
  close(f.line_fit[0], l.slope! + l.interception!);
  close(f.line_fit[5], rt.slope! + rt.interception!);
});

test('series_fit_2lines gives the binder its columns, named after the argument', () => {
  const r = printed(`print y = ${Y} | extend series_fit_2lines(y) | project-away y`);
  assert.deepEqual(Object.keys(r), [
    'series_fit_2lines_y_rsquare',
    'series_fit_2lines_y_split_idx',
    'series_fit_2lines_y_variance',
    'series_fit_2lines_y_rvariance',
    'series_fit_2lines_y_line_fit',
    'series_fit_2lines_y_right_rsquare',
    'series_fit_2lines_y_right_slope',
    'series_fit_2lines_y_right_interception',
    'series_fit_2lines_y_right_variance',
    'series_fit_2lines_y_right_rvariance',
    'series_fit_2lines_y_left_rsquare',
    'series_fit_2lines_y_left_slope',
    'series_fit_2lines_y_left_interception',
    'series_fit_2lines_y_left_variance',
    'series_fit_2lines_y_left_rvariance',
  ]);
  assert.equal(r.series_fit_2lines_y_split_idx, 5);
});

test('series_fit_2lines of too short or non-numeric series is null', () => {
  assert.equal(printed('print f = series_fit_2lines_dynamic(dynamic([1, 2, 3]))').f, null);
  assert.equal(printed('print f = series_fit_2lines_dynamic(dynamic([1, "a", 3, 4, 5]))').f, null);
  assert.equal(printed(`print f = series_fit_2lines_dynamic(parse_json('"x"'))`).f, null);
});
