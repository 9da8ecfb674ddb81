// The series_* functions: the Kusto reference's examples with the outputs it states, then nulls, empty
// arrays, mismatched lengths and the forms left unsupported.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Database, executeQuery } from '../../../src/engine';
import { call, column, printed, rows } from './helpers';
import { NOW } from './helpers';

const PAIRS = `range x from 1 to 3 step 1
| extend y = x * 2
| extend z = y * 2
| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)`;

/** Asserts numbers equal to the reference's printed precision (it prints 17 significant digits or fewer). */
function near(actual: unknown, expected: readonly (number | null)[], digits = 12): void {
  assert.ok(Array.isArray(actual), `expected an array, got ${JSON.stringify(actual)}`);
  assert.equal(actual.length, expected.length, JSON.stringify(actual));
  expected.forEach((e, i) => {
    if (e === null) {
      assert.equal(actual[i], null);
    } else {
      assert.ok(
        Math.abs((actual[i] as number) - e) < 10 ** -digits * Math.max(1, Math.abs(e)),
        `[${i}] ${actual[i]} vs ${e}`,
      );
    }
  });
}

function unsupported(query: string, what: RegExp): void {
  assert.throws(
    () => executeQuery(query, new Database([]), { now: NOW }),
    (e: Error & { code?: string }) => e.code === 'KQL-UNSUPPORTED' && what.test(e.message),
  );
}

describe('element-wise arithmetic', () => {
  test('series_add, series_subtract, series_multiply, series_divide: the reference examples', () => {
    assert.deepEqual(column(`${PAIRS} | extend r = series_add(s1, s2)`, 2), [
      [5, 4, 5],
      [10, 8, 10],
      [15, 12, 15],
    ]);
    assert.deepEqual(column(`${PAIRS} | extend r = series_subtract(s1, s2)`, 2), [
      [-3, 0, 3],
      [-6, 0, 6],
      [-9, 0, 9],
    ]);
    assert.deepEqual(column(`${PAIRS} | extend r = series_multiply(s1, s2)`, 2), [
      [4, 4, 4],
      [16, 16, 16],
      [36, 36, 36],
    ]);
    assert.deepEqual(column(`${PAIRS} | extend r = series_divide(s1, s2)`, 2), [
      [0.25, 1, 4],
      [0.25, 1, 4],
      [0.25, 1, 4],
    ]);
  });
  test('series_pow', () => {
    assert.deepEqual(
      printed('print x = dynamic([1, 2, 3, 4]), y=dynamic([1, 2, 3, 0.5]) | extend x_pow_y = series_pow(x, y)').x_pow_y,
      [1, 4, 27, 2],
    );
  });
  test('division by zero is the double one', () => {
    assert.deepEqual(
      call('series_divide', ['dynamic', 'dynamic'], 'dynamic', [
        [2, -2, 1],
        [0, 0, 4],
      ]),
      [Infinity, -Infinity, 0.25],
    );
  });
  test('a scalar is broadcast to the series length, on either side', () => {
    assert.deepEqual(printed('print r = series_multiply(40, dynamic([0, 1, -1]))').r, [0, 40, -40]);
    assert.deepEqual(printed('print r = series_add(dynamic([1, 2]), 0.5)').r, [1.5, 2.5]);
    assert.deepEqual(printed('print r = series_greater_equals(dynamic([1, 1.5, 2]), 1.5)').r, [false, true, true]);
  });
  test('non-numeric elements and the missing tail of the shorter array give null', () => {
    assert.deepEqual(printed('print r = series_add(dynamic([1, null, "a", 4]), dynamic([1, 2, 3]))').r, [
      2,
      null,
      null,
      null,
    ]);
    assert.deepEqual(printed('print r = series_less(dynamic([1]), dynamic([2, 0]))').r, [true, null]);
    assert.deepEqual(printed('print r = series_add(dynamic([]), dynamic([]))').r, []);
    assert.deepEqual(printed('print r = series_add(dynamic([1]), long(null))').r, [null]);
    assert.equal(call('series_add', ['dynamic', 'dynamic'], 'dynamic', [1, 2]), null, 'no series at all');
  });
});

describe('element-wise comparison', () => {
  const q = (fn: string): unknown =>
    printed(`print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1]) | extend r = ${fn}(s1, s2)`).r;
  test('the reference examples', () => {
    assert.deepEqual(q('series_greater'), [false, false, true]);
    assert.deepEqual(q('series_greater_equals'), [false, true, true]);
    assert.deepEqual(q('series_less'), [true, false, false]);
    assert.deepEqual(q('series_less_equals'), [true, true, false]);
    assert.deepEqual(q('series_equals'), [false, true, false]);
    assert.deepEqual(q('series_not_equals'), [true, false, true]);
  });
});

describe('element-wise math', () => {
  test('the reference examples', () => {
    assert.deepEqual(printed('print arr = dynamic([-6.5,0,8.2]) | extend r = series_abs(arr)').r, [6.5, 0, 8.2]);
    near(
      printed('print s = dynamic([1,2,3]) | extend r = series_exp(s)').r,
      [2.7182818284590451, 7.38905609893065, 20.085536923187668],
    );
    near(
      printed('print s = dynamic([1,2,3]) | extend r = series_log(s)').r,
      [0, 0.69314718055994529, 1.0986122886681098],
    );
    assert.deepEqual(printed('print arr = dynamic([-6, 0, 8]) | extend r = series_sign(arr)').r, [-1, 0, 1]);
    assert.deepEqual(printed('print s = dynamic([-1.5,1,2.5]) | extend r = series_floor(s)').r, [-2, 1, 2]);
    assert.deepEqual(printed('print s = dynamic([-1.5,1,2.5]) | extend r = series_ceiling(s)').r, [-1, 1, 3]);
    near(
      printed('print arr = dynamic([-1, 0, 1]) | extend r = series_sin(arr)').r,
      [-0.8414709848078965, 0, 0.8414709848078965],
    );
    near(
      printed('print arr = dynamic([-1, 0, 1]) | extend r = series_cos(arr)').r,
      [0.54030230586813976, 1, 0.54030230586813976],
    );
    near(
      printed('print arr = dynamic([-1, 0, 1]) | extend r = series_tan(arr)').r,
      [-1.5574077246549023, 0, 1.5574077246549023],
    );
    near(
      printed('print arr = dynamic([-1, 0, 1]) | extend r = series_asin(arr)').r,
      [-1.5707963267948966, 0, 1.5707963267948966],
    );
    near(
      printed('print arr = dynamic([-1, 0, 1]) | extend r = series_acos(arr)').r,
      [3.1415926535897931, 1.5707963267948966, 0],
    );
    near(
      printed('print arr = dynamic([-1, 0, 1]) | extend r = series_atan(arr)').r,
      [-0.78539816339744828, 0, 0.78539816339744828],
    );
  });
  test('non-numeric elements give null; an empty series stays empty; a non-series is null', () => {
    assert.deepEqual(printed('print r = series_abs(dynamic([-1, null, "x", true]))').r, [1, null, null, null]);
    assert.deepEqual(printed('print r = series_exp(dynamic([]))').r, []);
    assert.equal(call('series_abs', ['dynamic'], 'dynamic', [{ a: 1 }]), null);
  });
});

describe('reductions', () => {
  test('series_magnitude, series_sum, series_product, array_sum: the reference examples', () => {
    const p = printed(
      'print arr=dynamic([1,2,3,4]) | extend m=series_magnitude(arr), s=series_sum(arr), p=series_product(arr), a=array_sum(arr)',
    );
    near([p.m], [5.4772255750516612]);
    assert.deepEqual([p.s, p.p, p.a], [10, 24, 10]);
  });
  test('array_sum is null when an element is not numeric', () => {
    assert.equal(printed('print r = array_sum(dynamic([1, "a"]))').r, null);
    assert.equal(printed('print r = series_sum(dynamic([1, null]))').r, null);
  });
  test('series_dot_product: the reference examples, with a broadcast scalar', () => {
    assert.deepEqual(column(`${PAIRS} | extend r = series_dot_product(s1, s2)`, 2), [12, 48, 108]);
    const q = `range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 | project s1 = pack_array(x,y,z), s2 = x
| extend r = series_dot_product(s1, s2)`;
    assert.deepEqual(column(q, 2), [7, 28, 63]);
  });
  test('series_dot_product truncates to the shorter series, ignores non-numeric elements, and is null for an empty one', () => {
    assert.equal(printed('print r = series_dot_product(dynamic([1, 2, 3]), dynamic([10, 10]))').r, 30);
    assert.equal(printed('print r = series_dot_product(dynamic([1, "a", 3]), dynamic([10, 10, 10]))').r, 40);
    assert.equal(printed('print r = series_dot_product(dynamic([]), dynamic([1]))').r, null);
  });
  test('series_cosine_similarity: the reference examples', () => {
    const q = `datatable(s1:dynamic, s2:dynamic)
[
    dynamic([0.1,0.2,0.1,0.2]), dynamic([0.11,0.2,0.11,0.21]),
    dynamic([0.1,0.2,0.1,0.2]), dynamic([1,2,3,4]),
]
| extend cosine_similarity=series_cosine_similarity(s1, s2)`;
    near(column(q, 2), [0.99935343825504, 0.923760430703401], 13);
    assert.equal(
      printed('print r = series_cosine_similarity(dynamic([3, 4]), dynamic([3, 4]), 10.0, 1.0)').r,
      2.5,
      'given magnitudes are used as given',
    );
    assert.equal(printed('print r = series_cosine_similarity(dynamic([]), dynamic([]))').r, null);
  });
  test('series_pearson_correlation: the reference example, then null for different sizes or non-numeric elements', () => {
    const q = `range s1 from 1 to 5 step 1 | extend s2 = 2 * s1 | summarize s1 = make_list(s1), s2 = make_list(s2)
| extend correlation_coefficient = series_pearson_correlation(s1, s2)`;
    near(column(q, 2), [1], 14);
    assert.equal(printed('print r = series_pearson_correlation(dynamic([1, 2, 3]), dynamic([1, 2]))').r, null);
    assert.equal(printed('print r = series_pearson_correlation(dynamic([1, 2, null]), dynamic([1, 2, 3]))').r, null);
    near([printed('print r = series_pearson_correlation(dynamic([1, 2, 3]), dynamic([3, 2, 1]))').r as number], [-1]);
  });
});

describe('fills', () => {
  test('series_fill_backward and series_fill_forward: the reference examples', () => {
    assert.deepEqual(
      printed('print r = series_fill_backward(dynamic([111, null, 36, 41, null, null, 16, 61, 33, null, null]))').r,
      [111, 36, 36, 41, 16, 16, 16, 61, 33, null, null],
    );
    assert.deepEqual(
      printed('print r = series_fill_forward(dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]))').r,
      [null, null, 36, 41, 41, 41, 16, 61, 33, 33, 33],
    );
  });
  test('series_fill_const: the reference example', () => {
    const q = `let data = datatable(arr: dynamic) [dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null])];
data | project arr, fill_const1 = series_fill_const(arr, 0.0), fill_const2 = series_fill_const(arr, -1)`;
    assert.deepEqual(rows(q)[0]!.slice(1), [
      [111, 0, 36, 41, 23, 0, 16, 61, 33, 0, 0],
      [111, -1, 36, 41, 23, -1, 16, 61, 33, -1, -1],
    ]);
  });
  test('a placeholder other than null marks the missing values', () => {
    assert.deepEqual(printed('print r = series_fill_forward(dynamic([1, 0, 0, 2, 0]), 0)').r, [1, 1, 1, 2, 2]);
    assert.deepEqual(printed('print r = series_fill_const(dynamic([1, -1, null]), 5, -1)').r, [1, 5, null]);
  });
  test('series_fill_linear: the reference example', () => {
    const q = `let data = datatable(arr: dynamic)
    [
    dynamic([null, 111.5, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]),
    dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]),
    dynamic([null, null, null, null])
];
data
| project
    arr,
    without_args = series_fill_linear(arr),
    with_edges = series_fill_linear(arr, double(null), true),
    wo_edges = series_fill_linear(arr, double(null), false),
    with_const = series_fill_linear(arr, double(null), true, 3.14159)`;
    const [reals, ints, empty] = rows(q);
    // The reference's first row is written with 111.0, which a JSON number cannot tell from 111; 111.5
    // keeps it a real series (interpolated values shift accordingly: (111.5 + 36) / 2 = 73.75).
    near(reals![1], [111.5, 111.5, 73.75, 36, 41, 32.666666666666667, 24.333333333333333, 16, 61, 33, 33, 33]);
    near(reals![3], [null, 111.5, 73.75, 36, 41, 32.666666666666667, 24.333333333333333, 16, 61, 33, null, null]);
    assert.deepEqual(ints!.slice(1, 4), [
      [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33],
      [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33],
      [null, 111, 73, 36, 41, 32, 24, 16, 61, 33, null, null],
    ]);
    // The reference prints [111,111,74,38,41,…] for the fourth column of this row, which contradicts the
    // second (the constant only matters for an all-null series); the second is taken as right.
    assert.deepEqual(ints![4], [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33]);
    assert.deepEqual(empty!.slice(1), [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [3.14159, 3.14159, 3.14159, 3.14159],
    ]);
  });
  test('series_fill_linear with a null constant keeps an all-null series; a non-series is null', () => {
    assert.deepEqual(
      printed('print r = series_fill_linear(dynamic([null, null]), double(null), true, double(null))').r,
      [null, null],
    );
    assert.equal(call('series_fill_linear', ['dynamic'], 'dynamic', ['x']), null);
  });
});

describe('filters', () => {
  test('series_iir: the cumulative sum of the reference example', () => {
    // The reference builds x with range(1.0, 10, 1), a scalar function the engine does not have yet.
    const q = `let x = dynamic([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]);
print x=x, y = series_iir(x, dynamic([1]), dynamic([1,-1]))`;
    assert.deepEqual(rows(q)[0]![1], [1, 3, 6, 10, 15, 21, 28, 36, 45, 55]);
    const f = `let vector_sum=(x: dynamic) { let y=array_length(x) - 1; todouble(series_iir(x, dynamic([1]), dynamic([1, -1]))[y]) };
print d=dynamic([0, 1, 2, 3, 4]) | extend dd=vector_sum(d)`;
    assert.equal(printed(f).dd, 10);
  });
  test('series_iir divides by a[0] and is null when a[0] is zero', () => {
    assert.deepEqual(printed('print r = series_iir(dynamic([2, 4]), dynamic([1]), dynamic([2]))').r, [1, 2]);
    assert.equal(printed('print r = series_iir(dynamic([2, 4]), dynamic([1]), dynamic([0, 1]))').r, null);
  });
  test('series_fir: the moving average of the reference example, trailing and centered', () => {
    const val = '[0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 100, 40, 20, 10, 0, 0, 0, 0, 0, 0, 0, 0]';
    const p = printed(
      `print val=dynamic(${val}) | extend avg=series_fir(val, dynamic([1, 1, 1, 1, 1])), centered=series_fir(val, dynamic([1, 1, 1, 1, 1]), true, true)`,
    );
    const v = JSON.parse(val) as number[];
    const trailing = v.map((_, i) => [0, 1, 2, 3, 4].reduce((s, j) => s + (v[i - j] ?? 0), 0) / 5);
    near(p.avg, trailing);
    near(
      p.centered,
      v.map((_, i) => trailing[i + 2] ?? [0, 1, 2].reduce((s, j) => s + (v[i + 2 - j] ?? 0), 0) / 5),
    );
    // The peak (index 12) moves by (5 - 1) / 2 = 2 without centering, and stays put with it.
    const peak = (xs: unknown): number => (xs as number[]).indexOf(Math.max(...(xs as number[])));
    assert.equal(peak(p.avg), 14);
    assert.equal(peak(p.centered), 12);
  });
  test('series_fir with [1, -1] is the difference from the previous point; normalize with negatives is null', () => {
    assert.deepEqual(
      printed('print r = series_fir(dynamic([0, 0, 2, 2, 3]), dynamic([1, -1]), false, false)').r,
      [0, 0, 2, 0, 1],
    );
    assert.deepEqual(
      printed('print r = series_fir(dynamic([0, 0, 2, 2, 3]), dynamic([1, -1]))').r,
      [0, 0, 2, 0, 1],
      'negatives turn normalize off by default',
    );
    assert.equal(printed('print r = series_fir(dynamic([0, 1]), dynamic([1, -1]), true)').r, null);
  });
  test('a centered even-length FIR is not supported', () => {
    unsupported('print r = series_fir(dynamic([0, 1]), dynamic([1, 1]), true, true)', /even-length/);
  });
});

describe('series_stats', () => {
  const X = 'dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29])';
  test("the reference example, with the binder's column names", () => {
    const q = `print x=${X} | project series_stats(x)`;
    const r = executeQuery(q, new Database([]), { now: NOW }).tables[0]!.table;
    assert.deepEqual(
      r.columns.map((c) => c.name),
      [
        'series_stats_x_min',
        'series_stats_x_min_idx',
        'series_stats_x_max',
        'series_stats_x_max_idx',
        'series_stats_x_avg',
        'series_stats_x_stdev',
        'series_stats_x_variance',
      ],
    );
    const [row] = rows(q);
    assert.deepEqual(row!.slice(0, 5), [2, 8, 87, 3, 32.8]);
    near(row!.slice(5), [28.5036338535483, 812.457142857143], 12);
  });
  test('series_stats_dynamic: the reference example', () => {
    const s = printed(`print x=${X} | project stats=series_stats_dynamic(x)`).stats as Record<string, number>;
    assert.deepEqual(Object.keys(s), ['min', 'min_idx', 'max', 'max_idx', 'avg', 'stdev', 'variance', 'sum', 'len']);
    assert.deepEqual([s.min, s.min_idx, s.max, s.max_idx, s.avg, s.sum, s.len], [2, 8, 87, 3, 32.8, 492, 15]);
    near([s.stdev!, s.variance!], [28.503633853548269, 812.45714285714291], 13);
  });
  test('a non-finite element makes the statistics null unless ignore_nonfinite is true', () => {
    assert.deepEqual(rows('print x=dynamic([1, null, 3]) | project series_stats(x)')[0], [
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    assert.equal(printed('print r = series_stats_dynamic(dynamic([1, "a"]))').r, null);
    assert.deepEqual(rows('print x=dynamic([null, 3, 1]) | project series_stats(x, true)')[0], [
      1,
      2,
      3,
      1,
      2,
      Math.SQRT2,
      2,
    ]);
    assert.deepEqual(printed('print r = series_stats_dynamic(dynamic([null, 5]), true)').r, {
      min: 5,
      min_idx: 1,
      max: 5,
      max_idx: 1,
      avg: 5,
      stdev: 0,
      variance: 0,
      sum: 5,
      len: 2,
    });
  });
  test('an empty series has no statistics', () => {
    assert.deepEqual(rows('print x=dynamic([]) | project series_stats(x)')[0], [
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('series_fit_line', () => {
  const Y = 'dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])';
  const LINE = [1.064, 3.7945, 6.526, 9.256, 11.987, 14.718, 17.449, 20.18, 22.91, 25.641, 28.371, 31.102];
  test('the reference example, (RSquare, …) = series_fit_line(y)', () => {
    const q = `print id=' ', y=${Y} | extend (RSquare, Slope, Variance, RVariance, Interception, LineFit)=series_fit_line(y)`;
    const r = executeQuery(q, new Database([]), { now: NOW }).tables[0]!.table;
    assert.deepEqual(
      r.columns.map((c) => c.name),
      ['id', 'y', 'RSquare', 'Slope', 'Variance', 'RVariance', 'Interception', 'LineFit'],
    );
    const [row] = rows(q);
    near(row!.slice(2, 7), [0.982, 2.73, 98.628, 1.686, -1.666], 3);
    near(row![7], LINE, 2);
  });
  test('series_fit_line_dynamic: the same values in a bag', () => {
    const fit = printed(`print y=${Y} | extend fit=series_fit_line_dynamic(y)`).fit as Record<string, number>;
    assert.deepEqual(Object.keys(fit), ['rsquare', 'slope', 'variance', 'rvariance', 'interception', 'line_fit']);
    near(
      [fit.rsquare!, fit.slope!, fit.variance!, fit.rvariance!, fit.interception!],
      [0.982, 2.73, 98.628, 1.686, -1.666],
      3,
    );
    near(fit.line_fit, LINE, 2);
  });
  test("a bare series_fit_line(y) takes Kusto's generated names; nulls give a null fit", () => {
    const r = executeQuery('print y=dynamic([1, null, 3]) | extend series_fit_line(y)', new Database([]), { now: NOW })
      .tables[0]!.table;
    assert.deepEqual(
      r.columns.map((c) => c.name),
      [
        'y',
        'series_fit_line_y_rsquare',
        'series_fit_line_y_slope',
        'series_fit_line_y_variance',
        'series_fit_line_y_rvariance',
        'series_fit_line_y_interception',
        'series_fit_line_y_line_fit',
      ],
    );
    assert.deepEqual(rows('print y=dynamic([1, null, 3]) | extend series_fit_line(y)')[0]!.slice(1), [
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('seasonal and outliers', () => {
  test('series_seasonal with a forced period: the reference example', () => {
    const q = `print s=dynamic([1, 3, 5, 1, 3, 5, 2, 4, 6])
| union (print s=dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))
| extend s_seasonal = series_seasonal(s, 3)`;
    assert.deepEqual(column(q, 1), [
      [1, 3, 5, 1, 3, 5, 1, 3, 5],
      [1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5],
    ]);
  });
  test('series_seasonal with the default period of a series too short for one: zeros', () => {
    assert.deepEqual(printed('print r = series_seasonal(dynamic([1, 2, 1, 2]))').r, [0, 0, 0, 0]);
    assert.deepEqual(printed('print r = series_seasonal(dynamic([1, 2, 1, 2]), -1)').r, [0, 0, 0, 0]);
  });
  test('series_outliers "tukey": (x - p75) / IQR above, (x - p25) / IQR below, 0 between and for nulls', () => {
    // Sorted: 1 2 3 4 5 6 7 8 100 → p25 = 3, p75 = 7 (linear interpolation), IQR = 4.
    const r = printed('print r = series_outliers(dynamic([100, 1, 2, 3, 4, 5, 6, 7, 8, null]), "tukey")').r;
    assert.deepEqual(r, [(100 - 7) / 4, (1 - 3) / 4, (2 - 3) / 4, 0, 0, 0, 0, 0, (8 - 7) / 4, 0]);
    assert.deepEqual(printed('print r = series_outliers(dynamic([-5, 1, 2, 3]), "tukey", -5)').r, [
      0,
      (1 - 1.5) / 1,
      0,
      (3 - 2.5) / 1,
    ]);
  });
  // The default kind, ctukey, has its own file: seriesOutliers.test.ts.
});

// The reference prints these outputs with their `.0`: computed in doubles, a whole number stays a real.
describe('reals in the outputs the reference prints (audit of issue 22)', () => {
  const text = (q: string): unknown => printed(`print r = tostring(${q})`).r;
  test("series_seasonal: the reference's tables are reals, zeros too", () => {
    assert.equal(
      text('series_seasonal(dynamic([1, 3, 5, 1, 3, 5, 2, 4, 6]), 3)'),
      '[1.0,3.0,5.0,1.0,3.0,5.0,1.0,3.0,5.0]',
    );
    assert.equal(
      text('series_seasonal(dynamic([8, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10, 10, 12, 14, 12, 10]))'),
      '[10.0,12.0,14.0,12.0,10.0,10.0,12.0,14.0,12.0,10.0,10.0,12.0,14.0,12.0,10.0,10.0,12.0,14.0,12.0,10.0]',
    );
    assert.equal(
      text('series_seasonal(dynamic([1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]))'),
      '[0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0]',
    );
  });
  test("series_iir and series_fir: the reference's cumulative sum is [1.0,3.0,6.0,10.0,…]", () => {
    assert.equal(
      printed('let x = range(1.0, 4, 1); print r = tostring(series_iir(x, dynamic([1]), dynamic([1,-1])))').r,
      '[1.0,3.0,6.0,10.0]',
    );
    assert.equal(text('series_fir(dynamic([0, 2, 2, 3]), dynamic([1, -1]), false, false)'), '[0.0,2.0,0.0,1.0]');
  });
  test('series_fill_const keeps a real constant a real (the reference: [111,0.0,36,…]), a long one a long', () => {
    assert.equal(text('series_fill_const(dynamic([111, null, 36]), 0.0)'), '[111,0.0,36]');
    assert.equal(text('series_fill_const(dynamic([111, null, 36]), -1)'), '[111,-1,36]');
  });
  test("series_fill_linear of only nulls: the default constant is 0.0 (the reference's table), a given one keeps its type", () => {
    assert.equal(text('series_fill_linear(dynamic([null, null]))'), '[0.0,0.0]');
    assert.equal(text('series_fill_linear(dynamic([null, null]), double(null), true, 3.14159)'), '[3.14159,3.14159]');
    assert.equal(text('series_fill_linear(dynamic([null, null]), double(null), true, 7)'), '[7,7]');
  });
});
