// Special math functions and unit conversions: the Kusto reference's examples with their printed
// outputs (Kusto prints reals to 15 significant digits, so results are compared at that precision),
// their documented NaN/null rules, and a few reference values from mpmath/scipy. The reference
// prints reals rounded to 15-16 significant digits, so those are compared to within 1e-15 relative
// (3e-15 for erfc, whose continued fraction carries ~1.5e-15 of its own error near x = 1).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call, column, printed, rows } from './helpers';

/** A real as Kusto prints it: 15 significant digits. */
const printedReal = (v: unknown): number => Number((v as number).toPrecision(15));
const near = (a: unknown, b: number, rel = 1e-14): void => {
  assert.equal(typeof a, 'number');
  assert.ok(Math.abs((a as number) - b) <= rel * Math.abs(b), `${a} is not ${b}`);
};

describe('error function', () => {
  test('erf over -3..3, as the reference prints it', () => {
    const expected = [
      -0.999977909503001, -0.995322265018953, -0.842700792949715, 0, 0.842700792949715, 0.995322265018953,
      0.999977909503001,
    ];
    column('range x from -3 to 3 step 1 | extend erf_x = erf(x)', 1).forEach((v, i) => near(v, expected[i]!, 1e-15));
  });
  test('erfc over -3..3, as the reference prints it', () => {
    const expected = [
      1.999977909503001, 1.995322265018953, 1.842700792949715, 1, 0.157299207050285, 0.00467773498104727,
      2.20904969985854e-5,
    ];
    column('range x from -3 to 3 step 1 | extend erf_x = erfc(x)', 1).forEach((v, i) => near(v, expected[i]!, 3e-15));
  });
  test('erfc keeps its relative precision far in the tail; nulls give null', () => {
    near(call('erfc', ['real'], 'real', [10]), 2.0884875837625447e-45);
    near(call('erf', ['real'], 'real', [0.1]), 0.1124629160182849);
    assert.equal(call('erf', ['real'], 'real', [null]), null);
    assert.equal(call('erf', ['real'], 'real', [Infinity]), 1);
    assert.equal(call('erfc', ['real'], 'real', [-Infinity]), 2);
  });
});

describe('gamma', () => {
  test('gamma(5) and loggamma(5), the reference examples', () => {
    assert.deepEqual(printed('print result = gamma(5)'), { result: 24 });
    assert.deepEqual(printed('print result = loggamma(5)'), { result: 3.1780538303479458 });
  });
  test('non-integers, negatives and poles', () => {
    near(call('gamma', ['real'], 'real', [0.5]), Math.sqrt(Math.PI));
    near(call('gamma', ['real'], 'real', [-1.5]), 2.363271801207355);
    near(call('loggamma', ['real'], 'real', [0.5]), 0.5723649429247001);
    near(call('loggamma', ['real'], 'real', [-0.5]), 1.2655121234846454);
    near(call('loggamma', ['real'], 'real', [1e6]), 12815504.569147612);
    assert.ok(Number.isNaN(call('gamma', ['real'], 'real', [-2]) as number));
    assert.equal(call('loggamma', ['real'], 'real', [-2]), Infinity);
    assert.equal(call('gamma', ['real'], 'real', [null]), null);
  });
});

describe('beta distribution', () => {
  test('beta_cdf: the reference example, NaN outside the domain', () => {
    const q = `datatable(x:double, alpha:double, beta:double, comment:string)
[
    0.9, 10.0, 20.0, "Valid input",
    1.5, 10.0, 20.0, "x > 1, yields NaN",
    double(-10), 10.0, 20.0, "x < 0, yields NaN",
    0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN"
]
| extend b = beta_cdf(x, alpha, beta)`;
    const b = column(q, 4);
    assert.equal(printedReal(b[0]), 0.999999999999959);
    assert.deepEqual(b.slice(1), ['NaN', 'NaN', 'NaN']);
    near(call('beta_cdf', ['real', 'long', 'long'], 'real', [0.3, 2, 3]), 0.3483);
    assert.ok(Number.isNaN(call('beta_cdf', ['real', 'long', 'long'], 'real', [0.3, 10001, 3]) as number));
  });
  test('beta_inv: the reference example (p > 1 gives null, alpha < 0 NaN), and it inverts beta_cdf', () => {
    const q = `datatable(p:double, alpha:double, beta:double, comment:string)
[
    0.1, 10.0, 20.0, "Valid input",
    1.5, 10.0, 20.0, "p > 1, yields null",
    0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN"
]
| extend b = beta_inv(p, alpha, beta)`;
    const b = column(q, 4);
    assert.equal(printedReal(b[0]), 0.226415022388749);
    assert.deepEqual(b.slice(1), [null, 'NaN']);
    near(call('beta_inv', ['real', 'long', 'long'], 'real', [0.5, 2, 3]), 0.3857275681323895);
    near(printed('print x = beta_cdf(beta_inv(0.7, 3, 4), 3, 4)').x, 0.7);
  });
  test('beta_pdf: the reference example, NaN outside the open interval', () => {
    const q = `datatable(x:double, alpha:double, beta:double, comment:string)
[
    0.5, 10.0, 20.0, "Valid input",
    1.5, 10.0, 20.0, "x > 1, yields NaN",
    double(-10), 10.0, 20.0, "x < 0, yields NaN",
    0.1, double(-1.0), 20.0, "alpha is < 0, yields NaN"
]
| extend r = beta_pdf(x, alpha, beta)`;
    const r = column(q, 4);
    assert.equal(printedReal(r[0]), 0.746176019310951);
    assert.deepEqual(r.slice(1), ['NaN', 'NaN', 'NaN']);
    near(call('beta_pdf', ['real', 'long', 'long'], 'real', [0.3, 2, 3]), 1.764);
    assert.equal(call('beta_pdf', ['real', 'long', 'long'], 'real', [0.3, null, 3]), null);
  });
});

describe('welch_test', () => {
  test('the reference example: p = 0.021', () => {
    const q = `print
    s1 = dynamic([27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]),
    s2 = dynamic([27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4])
| mv-expand s1 to typeof(double), s2 to typeof(double)
| summarize m1=avg(s1), v1=variance(s1), c1=count(), m2=avg(s2), v2=variance(s2), c2=count()
| extend pValue=welch_test(m1,v1,c1,m2,v2,c2)`;
    const p = rows(q)[0]![6] as number;
    assert.equal(Math.round(p * 1000) / 1000, 0.021);
    near(p, 0.021378001462866992, 1e-12); // scipy.stats.ttest_ind(s1, s2, equal_var=False)
  });
  test('unequal sizes; nulls give null', () => {
    // scipy: ttest_ind([1,2,3,4], [2,4,6,9,12], equal_var=False).pvalue
    near(call('welch_test', Array(6).fill('real'), 'real', [2.5, 5 / 3, 4, 6.6, 15.8, 5]), 0.08226778382678893, 1e-12);
    assert.equal(call('welch_test', Array(6).fill('real'), 'real', [2.5, null, 4, 6.6, 15.8, 5]), null);
  });
});

describe('around, bitset_count_ones', () => {
  test('around: the reference example over datetimes', () => {
    const q = `range dt 
    from datetime(2021-01-01 01:00) 
    to datetime(2021-01-01 02:00) 
    step 1min
| where around(dt, datetime(2021-01-01 01:30), 1min)`;
    assert.deepEqual(column(q), ['2021-01-01T01:29:00Z', '2021-01-01T01:30:00Z', '2021-01-01T01:31:00Z']);
  });
  test('around: numbers, bounds included, null in gives null', () => {
    assert.deepEqual(
      printed(
        'print a = around(105, 100, 5), b = around(105.5, 100, 5), c = around(95, 100, 5), d = around(int(null), 1, 1)',
      ),
      { a: true, b: false, c: true, d: null },
    );
  });
  test('bitset_count_ones', () => {
    assert.deepEqual(printed('print ones = bitset_count_ones(42)'), { ones: 3 });
    assert.deepEqual(
      printed('print a = bitset_count_ones(0), b = bitset_count_ones(-1), c = bitset_count_ones(long(null))'),
      { a: 0, b: 64, c: null },
    );
  });
});

describe('unit conversions', () => {
  test('the reference examples', () => {
    assert.deepEqual(
      printed(`print a = convert_angle(1.2, 'Degree', 'Arcminute'), f = convert_force(1.2, 'Newton', 'Decanewton'),
      s = convert_speed(1.2, 'MeterPerSecond', 'CentimeterPerHour'), t = convert_temperature(1.2, 'Kelvin', 'DegreeCelsius')`),
      { a: 72, f: 0.12, s: 432000, t: -271.95 },
    );
    const r =
      printed(`print e = convert_energy(1.2, 'Joule', 'BritishThermalUnit'), l = convert_length(1.2, 'Meter', 'Foot'),
      m = convert_mass(1.2, 'Kilogram', 'Pound'), v = convert_volume(1.2, 'CubicMeter', 'AcreFoot')`);
    assert.deepEqual(
      { e: printedReal(r.e), l: printedReal(r.l), m: printedReal(r.m), v: printedReal(r.v) },
      { e: 0.00113738054437598, l: 3.93700787401575, m: 2.64554714621853, v: 0.0009728568 },
    );
  });
  test('conversions between two non-base units go through the base unit', () => {
    assert.deepEqual(
      printed(`print f = convert_temperature(212, 'DegreeFahrenheit', 'DegreeCelsius'), i = convert_length(1, 'Foot', 'Inch'),
      g = convert_volume(1, 'UsGallon', 'Liter'), h = convert_angle(90, 'Degree', 'Radian')`),
      { f: 100, i: 12.000000000000002, g: 3.7854099999999997, h: Math.PI / 2 },
    );
  });
  test('unit names match case-insensitively; unknown units and nulls give null', () => {
    assert.deepEqual(
      printed(`print a = convert_length(1, 'meter', 'KILOMETER'), b = convert_length(1, 'Meter', 'Parsnip'),
      c = convert_mass(1, 'Pound', 'Meter'), d = convert_length(real(null), 'Meter', 'Foot'), e = convert_length(2.5, 'Foot', 'foot')`),
      { a: 0.001, b: null, c: null, d: null, e: 2.5 },
    );
  });
});
