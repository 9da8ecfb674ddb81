// Operators: the string operators' table, null rules, arithmetic and datetime rules of the Kusto reference.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bindBetween,
  bindBinaryOperator,
  bindListOperator,
  bindUnaryOperator,
  UnsupportedError,
} from '../../../src/engine/functions';
import { TICKS_PER_DAY, TICKS_PER_HOUR, ticksFromMs } from '../../../src/engine/values';
import { column, printed } from './helpers';

describe('string operators: every "yields true" example of the reference', () => {
  const examples = [
    '"aBc" == "aBc"',
    '"abc" != "ABC"',
    '"abc" =~ "ABC"',
    '"aBc" !~ "xyz"',
    '"FabriKam" contains "BRik"',
    '"Fabrikam" !contains "xyz"',
    '"FabriKam" contains_cs "Kam"',
    '"Fabrikam" !contains_cs "Kam"',
    '"Fabrikam" endswith "Kam"',
    '"Fabrikam" !endswith "brik"',
    '"Fabrikam" endswith_cs "kam"',
    '"Fabrikam" !endswith_cs "brik"',
    '"North America" has "america"',
    '"North America" !has "amer"',
    '"North and South America" has_all("south", "north")',
    '"North America" has_any("south", "north")',
    '"North America" has_cs "America"',
    '"North America" !has_cs "amer"',
    '"North America" hasprefix "ame"',
    '"North America" !hasprefix "mer"',
    '"North America" hasprefix_cs "Ame"',
    '"North America" !hasprefix_cs "CA"',
    '"North America" hassuffix "ica"',
    '"North America" !hassuffix "americ"',
    '"North America" hassuffix_cs "ica"',
    '"North America" !hassuffix_cs "icA"',
    '"abc" in ("123", "345", "abc")',
    '"bca" !in ("123", "345", "abc")',
    '"Abc" in~ ("123", "345", "abc")',
    '"bCa" !in~ ("123", "345", "ABC")',
    '"Fabrikam" matches regex "b.*k"',
    '"Fabrikam" startswith "fab"',
    '"Fabrikam" !startswith "kam"',
    '"Fabrikam" startswith_cs "Fab"',
    '"Fabrikam" !startswith_cs "fab"',
  ];
  for (const e of examples) {
    test(e, () => assert.equal(printed(`print ${e}`).print_0, true));
  }
  test('has matches whole terms only', () => {
    const has = bindBinaryOperator('HasExpression', 'string', 'string', 'bool');
    assert.equal(has('KustoExplorerQueryRun', 'Explorer'), false);
    assert.equal(has('Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun', 'c1db'), true);
    assert.equal(has('connection from 10.0.0.1:443', '10.0.0.1'), true);
    assert.equal(has('10.0.0.11', '10.0.0.1'), false);
    const contains = bindBinaryOperator('ContainsExpression', 'string', 'string', 'bool');
    assert.equal(contains('KustoExplorerQueryRun', 'explorer'), true);
  });
  test('needles with dashes, slashes and dots (machine names, paths, addresses)', () => {
    for (const kind of ['HasExpression', 'ContainsExpression', 'StartsWithExpression', 'HasPrefixExpression']) {
      const op = bindBinaryOperator(kind, 'string', 'string', 'bool');
      assert.equal(op('m-4b9c93f9-bc37 /usr/bin/curl', 'M-4B9C93F9'), true, kind);
    }
    assert.equal(
      bindBinaryOperator('EndsWithExpression', 'string', 'string', 'bool')('/usr/bin/curl', '/BIN/curl'),
      true,
    );
  });
  test('regex metacharacters in a needle are literal', () => {
    const contains = bindBinaryOperator('ContainsExpression', 'string', 'string', 'bool');
    assert.equal(contains('a.b(c)', '.b('), true);
    assert.equal(contains('axb', '.'), false);
  });
});

describe('null rules', () => {
  test('comparisons with null, as the null-values reference tabulates', () => {
    const q =
      'datatable(val:int)[5, int(null)] | extend IsBiggerThan3 = val > 3, IsBiggerThan3OrNull = val > 3 or isnull(val), IsEqualToNull = val == int(null), IsNotEqualToNull = val != int(null)';
    assert.deepEqual(column(q, 1), [true, null]);
    assert.deepEqual(column(q, 2), [true, true]);
    assert.deepEqual(column(q, 3), [false, null]);
    assert.deepEqual(column(q, 4), [true, null]);
  });
  test('and/or with a null operand, as the logical operators reference states', () => {
    const and = bindBinaryOperator('AndExpression', 'bool', 'bool', 'bool');
    const or = bindBinaryOperator('OrExpression', 'bool', 'bool', 'bool');
    assert.equal(and(null, true), false);
    assert.equal(or(null, true), true);
  });
  test('arithmetic with null is null', () => {
    assert.equal(bindBinaryOperator('AddExpression', 'long', 'long', 'long')(1, null), null);
    assert.equal(bindUnaryOperator('UnaryMinusExpression', 'long', 'long')(null), null);
  });
});

describe('arithmetic', () => {
  test('integer division truncates, real division does not', () => {
    assert.deepEqual(printed('print a = 1.0 / 2, b = 1 / 2.0, c = 1 / 2, d = real(1) / 2, e = -7 / 2'), {
      a: 0.5,
      b: 0.5,
      c: 0,
      d: 0.5,
      e: -3,
    });
  });
  test('modulo is never negative', () => {
    assert.deepEqual(
      printed('print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12'),
      { plusPlus: 2, minusPlus: 10, plusMinus: 2, minusMinus: 10 },
    );
  });
  test('integer division by zero is null; real division by zero is infinite', () => {
    const div = bindBinaryOperator('DivideExpression', 'long', 'long', 'long');
    assert.equal(div(1, 0), null);
    assert.equal(bindBinaryOperator('DivideExpression', 'real', 'real', 'real')(1, 0), Infinity);
  });
  test('int arithmetic wraps at 32 bits', () => {
    assert.equal(bindBinaryOperator('AddExpression', 'int', 'int', 'int')(2147483647, 1), -2147483648);
  });
  test('datetime and timespan arithmetic', () => {
    const r = printed(
      'print a = datetime(2019-01-02) - datetime(2019-01-01), b = datetime(2019-01-01) + 1d, c = 10m / 1s, d = 1s * 5, e = 1d - 2h, f = 2h / 2',
    );
    assert.deepEqual(r, {
      a: '1.00:00:00',
      b: '2019-01-02T00:00:00Z',
      c: 600,
      d: '00:00:05',
      e: '22:00:00',
      f: '01:00:00',
    });
    assert.equal(
      bindBinaryOperator('SubtractExpression', 'datetime', 'timespan', 'datetime')(TICKS_PER_DAY, TICKS_PER_HOUR),
      TICKS_PER_DAY - TICKS_PER_HOUR,
    );
  });
  test('an unknown operator kind is an UnsupportedError', () => {
    assert.throws(() => bindBinaryOperator('SpaceshipExpression', 'long', 'long', 'long'), UnsupportedError);
  });
});

describe('in, has_any, between', () => {
  test('in flattens dynamic arrays in the list; in~ ignores case', () => {
    const inCs = bindListOperator('InExpression', 'string', 'bool');
    assert.equal(inCs('b', ['a', ['b', 'c']]), true);
    assert.equal(inCs('B', ['a', ['b', 'c']]), false);
    assert.equal(bindListOperator('InCsExpression', 'string', 'bool')('GEORGIA', ['FLORIDA', ['georgia']]), true);
    assert.equal(bindListOperator('NotInExpression', 'long', 'bool')(3, [1, 2]), true);
    assert.equal(bindListOperator('InExpression', 'long', 'bool')(null, [1, 2]), false);
  });
  test('in over numbers of mixed representation', () => {
    assert.equal(printed('print 443 in (80, 443)').print_0, true);
    assert.equal(printed('print 1.0 in (1, 2)').print_0, true);
  });
  test('has_any and has_all', () => {
    assert.equal(
      bindListOperator('HasAnyExpression', 'string', 'bool')('NEW YORK', ['CAROLINA', 'DAKOTA', 'NEW']),
      true,
    );
    assert.equal(
      bindListOperator('HasAnyExpression', 'string', 'bool')('NEWARK', ['CAROLINA', 'DAKOTA', 'NEW']),
      false,
    );
    assert.equal(
      bindListOperator('HasAllExpression', 'string', 'bool')('North and South America', ['south', 'north']),
      true,
    );
  });
  test('between (inclusive), !between, and a timespan as the upper bound', () => {
    assert.deepEqual(column('range x from 1 to 100 step 1 | where x between (50 .. 55)'), [50, 51, 52, 53, 54, 55]);
    assert.deepEqual(column('range x from 1 to 10 step 1 | where x !between (2 .. 9)'), [1, 10]);
    const within = bindBetween(false, 'datetime', 'timespan');
    const start = ticksFromMs(Date.UTC(2007, 6, 27));
    assert.equal(within(start + 3 * TICKS_PER_DAY, start, 3 * TICKS_PER_DAY), true);
    assert.equal(within(start + 3 * TICKS_PER_DAY + TICKS_PER_HOUR, start, 3 * TICKS_PER_DAY), false);
    assert.equal(within(null, start, TICKS_PER_DAY), null);
  });
});
