// Math and conditional functions: the Kusto reference's examples with their stated outputs.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatBytes } from '../../../src/engine/functions/stringFunctions';
import { call, column, printed } from './helpers';

const close = (a: unknown, b: number): boolean => typeof a === 'number' && Math.abs(a - b) < 1e-9;

describe('assert', () => {
  test("true passes; false fails the query with the reference's message", () => {
    assert.deepEqual(
      column(
        `let checkLength = (len:long, s:string) { assert(len > 0, "Length must be greater than zero") and strlen(s) > len };
      datatable(input:string) ['123', '4567'] | where checkLength(len=3, input)`,
        0,
      ),
      ['4567'],
    );
    assert.throws(
      () =>
        column(
          `let checkLength = (len:long, s:string) { assert(len > 0, "Length must be greater than zero") and strlen(s) > len };
      datatable(input:string) ['123', '4567'] | where checkLength(len=long(-1), input)`,
          0,
        ),
      /assert\(\) has failed with message: 'Length must be greater than zero'/,
    );
  });
  test("a constant false condition fails the query even where no row reaches it (the reference's example)", () => {
    assert.throws(
      () => column('let b=false;\nprint x="Hello"\n| where b\n| where assert(b, "Assertion failed")'),
      /assert\(\) has failed with message: 'Assertion failed'/,
    );
    // A condition that reads the row is checked per row: no row, no failure.
    assert.deepEqual(column('print x="Hello" | where strlen(x) > 10 | where assert(strlen(x) > 10, "no")'), []);
  });
});

describe('math', () => {
  test('abs, ceiling, sign, pow, exp2, exp10', () => {
    assert.deepEqual(
      printed(
        'print a = abs(-5), c1 = ceiling(-1.1), c2 = ceiling(0), c3 = ceiling(0.9), s1 = sign(-42), s2 = sign(0), s3 = sign(11.2), p = pow(2, 3), e2 = exp2(3), e10 = exp10(2)',
      ),
      { a: 5, c1: -1, c2: 0, c3: 1, s1: -1, s2: 0, s3: 1, p: 8, e2: 8, e10: 100 },
    );
  });
  test('round rounds half away from zero, at any precision', () => {
    assert.deepEqual(
      printed(
        'print a = round(2.98765, 3), b = round(2.15, 1), c = round(2.15), d = round(-50.55, -2), e = round(21.5, -1)',
      ),
      { a: 2.988, b: 2.2, c: 2, d: -100, e: 20 },
    );
  });
  test('exp, log, log10, log2, sqrt, pi', () => {
    const r = printed('print e = exp(2), l = log(5), l10 = log10(5), l2 = log2(5), s = sqrt(16), p = pi()');
    assert.ok(close(r.e, 7.38905609893065));
    assert.equal(r.l, 1.6094379124341003);
    assert.ok(close(r.l10, 0.69897000433601886));
    assert.equal(r.l2, 2.321928094887362);
    assert.equal(r.s, 4);
    assert.equal(r.p, Math.PI);
  });
  test('log and sqrt of a negative number are null', () => {
    assert.deepEqual(printed('print a = log(-1), b = sqrt(-4)'), { a: null, b: null });
  });
  test('isnan, isinf, isfinite over 1.0*x/y', () => {
    assert.deepEqual(
      column('range x from -1 to 1 step 1 | extend y = (-1*x) | extend div = 1.0*x/y | extend isnan=isnan(div)', 3),
      [false, true, false],
    );
    assert.deepEqual(
      column('range x from -1 to 1 step 1 | extend y = 0.0 | extend div = 1.0*x/y | extend isinf=isinf(div)', 3),
      [true, false, true],
    );
    assert.deepEqual(
      column('range x from -1 to 1 step 1 | extend y = 0.0 | extend div = 1.0*x/y | extend isfinite=isfinite(div)', 3),
      [false, false, false],
    );
  });
  test('format_bytes', () => {
    assert.deepEqual(
      printed(
        'print v1 = format_bytes(564), v2 = format_bytes(10332, 1), v3 = format_bytes(20010332), v4 = format_bytes(20010332, 2), v5 = format_bytes(20010332, 0, "KB")',
      ),
      { v1: '564 Bytes', v2: '10.1 KB', v3: '19 MB', v4: '19.08 MB', v5: '19541 KB' },
    );
    assert.equal(formatBytes(54367212908), '51 GB');
  });
  test('rand() is in [0, 1) and rand(n) an integer below n', () => {
    const r = call('rand', [], 'real', []) as number;
    assert.ok(r >= 0 && r < 1);
    const n = call('rand', ['long'], 'long', [10]) as number;
    assert.ok(Number.isInteger(n) && n >= 0 && n < 10);
  });
});

describe('conditionals', () => {
  test('case', () => {
    assert.deepEqual(
      column(
        'range Size from 1 to 15 step 2 | extend bucket = case(Size <= 3, "Small", Size <= 10, "Medium", "Large")',
        1,
      ),
      ['Small', 'Small', 'Medium', 'Medium', 'Medium', 'Large', 'Large', 'Large'],
    );
  });
  test('iff and iif; a null condition takes the else branch', () => {
    assert.deepEqual(printed('print a = iff(1 > 2, "yes", "no"), b = iif(2 > 1, 10, 20), c = iff(bool(null), 1, 2)'), {
      a: 'no',
      b: 10,
      c: 2,
    });
  });
  test('coalesce', () => {
    assert.equal(printed('print result=coalesce(tolong("not a number"), tolong("42"), 33)').result, 42);
    assert.equal(printed('print result=coalesce("", "x")').result, 'x');
  });
  test('max_of and min_of ignore nulls', () => {
    assert.equal(printed('print result = max_of(10, 1, -3, 17)').result, 17);
    assert.equal(printed('print result=min_of(10, 1, -3, 17)').result, -3);
    assert.deepEqual(
      column(
        'datatable (A: int, B: int) [1, 6, 8, 1, int(null), 2, 1, int(null), int(null), int(null)] | project max_of(A, B)',
      ),
      [6, 8, 2, 1, null],
    );
    assert.deepEqual(
      column(
        'datatable (A: int, B: int) [5, 2, 10, 1, int(null), 3, 1, int(null), int(null), int(null)] | project min_of(A, B)',
      ),
      [2, 1, 3, 1, null],
    );
  });
  test('max_of on datetimes', () => {
    assert.deepEqual(
      column(
        'datatable (A: datetime, B: datetime) [datetime(2024-12-15 07:15:22), datetime(2024-12-15 07:15:24), datetime(2024-12-15 10:45:00), datetime(2024-12-14 10:45:00)] | project max_of(A, B)',
      ),
      ['2024-12-15T07:15:24Z', '2024-12-15T10:45:00Z'],
    );
  });
  test('not, isnull, isnotnull, isempty, isnotempty', () => {
    assert.deepEqual(
      printed(
        'print a = not(true), b = not(bool(null)), c = isnull(long(null)), d = isnull(""), e = isnotnull(1), f = isempty(""), g = isnotempty("x"), h = isempty(long(null))',
      ),
      { a: false, b: null, c: true, d: false, e: true, f: true, g: true, h: true },
    );
  });
});
