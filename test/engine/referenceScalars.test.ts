/**
 * Scalar semantics against the Kusto reference's own self-contained examples: the scalar data type
 * pages (null values, string literals, timespan), the string operators' table, sort's order of null,
 * NaN and infinities, isempty/isnull, numerical, logical and datetime arithmetic, bin, case, coalesce,
 * tostring. Each entry is one example, page and line, with its documented output.
 *
 * Not matched: logical-operators' null table gives `bool(null) == bool(null)` and `bool(null) !=
 * bool(null)` as false, where the null-values page gives `val == int(null)` and `val != int(null)` as
 * null for an int. Ours gives null for both types (which where and iff take as false); the two pages
 * disagree, so neither was changed.
 */

import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATETIME_FORMAT_EXAMPLES } from './datetimeFormatExamples';
import { assertExample, type ReferenceExample, textRows } from './referenceExamples';

export const SCALAR_EXAMPLES: readonly ReferenceExample[] = [
  {
    page: 'case-function:45',
    query: `range Size from 1 to 15 step 2
| extend bucket = case(Size <= 3, "Small",
                       Size <= 10, "Medium",
                       "Large")`,
    columns: ['Size', 'bucket'],
    rows: [
      ['1', 'Small'],
      ['3', 'Small'],
      ['5', 'Medium'],
      ['7', 'Medium'],
      ['9', 'Medium'],
      ['11', 'Large'],
      ['13', 'Large'],
      ['15', 'Large'],
    ],
  },
  {
    page: 'coalesce-function:42',
    query: 'print result=coalesce(tolong("not a number"), tolong("42"), 33)',
    columns: ['result'],
    rows: [['42']],
  },
  { page: 'bin-function:45', query: 'print bin(4.5, 1)', columns: ['print_0'], rows: [['4']] },
  {
    page: 'bin-function:62 (the page prints 14:00:00:00; a timespan of 14 days is 14.00:00:00)',
    query: 'print bin(time(16d), 7d)',
    columns: ['print_0'],
    rows: [['14.00:00:00']],
  },
  {
    page: 'bin-function:79',
    query: 'print bin(datetime(1970-05-11 13:45:07), 1d)',
    columns: ['print_0'],
    rows: [['1970-05-11T00:00:00Z']],
  },
  {
    page: 'datetime-timespan-arithmetic:56 (the page shows the datetime as 2019-01-07 21:45:31.0000000)',
    query: `let fromUnixTime = (t: long) {
    datetime(1970-01-01) + t * 1sec
};
print result = fromUnixTime(1546897531)`,
    columns: ['result'],
    rows: [['2019-01-07T21:45:31Z']],
  },
  {
    page: 'datetime-timespan-arithmetic:76',
    query: `let toUnixTime = (dt: datetime) {
    (dt - datetime(1970-01-01)) / 1s
};
print result = toUnixTime(datetime(2019-01-07 21:45:31.0000000))`,
    columns: ['result'],
    rows: [['1546897531']],
  },
  {
    page: 'logical-operators:131',
    query: 'print print=iff(bool(null) and true, true, false)',
    columns: ['print'],
    rows: [['false']],
  },
  {
    page: 'numerical-operators:57 (the modulo takes the sign of neither operand: -14 % 12 is 10)',
    query: 'print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12',
    columns: ['plusPlus', 'minusPlus', 'plusMinus', 'minusMinus'],
    rows: [['2', '10', '2', '10']],
  },
  {
    page: 'scalar-data-types/null-values:59',
    query: `datatable(val:int)[5, int(null)]
| extend IsBiggerThan3 = val > 3
| extend IsBiggerThan3OrNull = val > 3 or isnull(val)
| extend IsEqualToNull = val == int(null)
| extend IsNotEqualToNull = val != int(null)`,
    columns: ['val', 'IsBiggerThan3', 'IsBiggerThan3OrNull', 'IsEqualToNull', 'IsNotEqualToNull'],
    rows: [
      ['5', 'true', 'true', 'false', 'true'],
      ['', '', 'true', '', ''],
    ],
  },
  {
    page: 'scalar-data-types/null-values:112',
    query: `datatable(ival:int, sval:string)[5, "a", int(null), "b"]
| where ival != 5`,
    columns: ['ival', 'sval'],
    rows: [['', 'b']],
  },
  {
    page: 'scalar-data-types/null-values:148',
    query: `datatable(val:int)[5, int(null)]
| extend Add = val + 10
| extend Multiply = val * 10`,
    columns: ['val', 'Add', 'Multiply'],
    rows: [
      ['5', '15', '50'],
      ['', '', ''],
    ],
  },
  {
    page: 'scalar-data-types/string:85',
    query: `print
    s1 = 'string with "double quotes"',
    s2 = "string with 'single quotes'"`,
    columns: ['s1', 's2'],
    rows: [['string with "double quotes"', "string with 'single quotes'"]],
  },
  {
    page: 'scalar-data-types/string:106',
    query: `print pattern = '\\\\n.*(>|\\'|=|\\")[a-zA-Z0-9/+]{86}=='`,
    columns: ['pattern'],
    rows: [[`\\n.*(>|'|=|")[a-zA-Z0-9/+]{86}==`]],
  },
  {
    page: 'scalar-data-types/string:125',
    query: 'print space = "Hello\\u00A0World"',
    columns: ['space'],
    rows: [['Hello\u00a0World']],
  },
  {
    page: 'scalar-data-types/string:144',
    query: `print myPath = @'C:\\Folder\\filename.txt'`,
    columns: ['myPath'],
    rows: [['C:\\Folder\\filename.txt']],
  },
  {
    page: 'scalar-data-types/string:186',
    query: `print
    none = strlen("Hello"', '@"world!"),
    whitespace = strlen("Hello" ', ' @"world!"),
    whitespaceAndComment = strlen("Hello"
        // Comment
        ', '@"world!"
    );`,
    columns: ['none', 'whitespace', 'whitespaceAndComment'],
    rows: [['13', '13', '13']],
  },
  {
    page: 'scalar-data-types/string:211',
    query: `print blob="https://contoso.blob.core.windows.net/container/blob.txt?"
    h'sv=2012-02-12&se=2013-04-13T0...'`,
    columns: ['blob'],
    rows: [['https://contoso.blob.core.windows.net/container/blob.txt?sv=2012-02-12&se=2013-04-13T0...']],
  },
  {
    page: 'scalar-data-types/timespan:48 ("how many seconds are in a day in several ways")',
    query: `print
    result1 = 1d / 1s,
    result2 = time(1d) / time(1s),
    result3 = 24 * 60 * time(00:01:00) / time(1s)`,
    columns: ['result1', 'result2', 'result3'],
    rows: [['86400', '86400', '86400']],
  },
  {
    page: 'scalar-data-types/timespan:57',
    query: `print
    seconds = 86400
| extend t = seconds * 1s`,
    columns: ['seconds', 't'],
    rows: [['86400', '1.00:00:00']],
  },
  {
    page: 'numerical-operators (the table of division result types: 1.0 / 2, 1 / 2.0, 1 / 2, real(1) / 2)',
    query: 'print a = 1.0 / 2, b = 1 / 2.0, c = 1 / 2, d = real(1) / 2 | extend t = gettype(c)',
    columns: ['a', 'b', 'c', 'd', 't'],
    rows: [['0.5', '0.5', '0', '0.5', 'long']],
  },
  {
    page: 'numerical-operators (the operators table’s comparison examples)',
    query:
      'print a = 1 < 10, b = 10sec < 1h, c = now() < datetime(2100-01-01), d = 0.23 > 0.22, e = 10min > 1sec, f = now() > ago(1d), g = 1 == 1, h = 1 != 0, i = 4 <= 5, j = 5 >= 4, k = 10m / 1s, l = 4 % 2',
    columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
    rows: [['true', 'true', 'true', 'true', 'true', 'true', 'true', 'true', 'true', 'true', '600', '0']],
  },
  {
    page: 'logical-operators:29 (the and/or rows of the null table; see the header for the == and != rows)',
    query: 'print a = bool(null) and true, b = bool(null) or true',
    columns: ['a', 'b'],
    rows: [['false', 'true']],
  },
  {
    page: 'scalar-data-types/timespan (the literals table: each example and the length it names)',
    query:
      'print a=2d, b=1.5h, c=30m, d=10s, e=100ms, f=10microsecond, g=1tick, h=timespan(15 seconds), i=timespan(2), j=timespan(0.12:34:56.7), k=timespan(null), l = 0d+12h+34m+56.7s',
    columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'],
    rows: [
      [
        '2.00:00:00',
        '01:30:00',
        '00:30:00',
        '00:00:10',
        '00:00:00.1000000',
        '00:00:00.0000100',
        '00:00:00.0000001',
        '00:00:15',
        '2.00:00:00',
        '12:34:56.7000000',
        '',
        '12:34:56.7000000',
      ],
    ],
  },
  {
    page: 'scalar-data-types/real (the literals table: 0.0 / 0.0 is NaN, ±1.0 / 0.0 is ±inf)',
    query:
      'print a = 0.0 / 0.0, b = 1.0 / 0.0, c = -1.0 / 0.0, d = real(nan), e = real(+inf), f = real(-inf), g = 1e5, h = real(null), i = 1.0 / 0.0 == real(+inf)',
    columns: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
    rows: [['NaN', 'Infinity', '-Infinity', 'NaN', 'Infinity', '-Infinity', '100000', '', 'true']],
  },
  {
    page: 'scalar-data-types/decimal (the literals table: decimal(1e5) is 100,000)',
    query:
      'print a = decimal(1.0) == 1, b = decimal(1e5), c = decimal(null), d = decimal(1e5) == 100000, t = gettype(decimal(1e5))',
    columns: ['a', 'b', 'c', 'd', 't'],
    rows: [['true', '100000', '', 'true', 'decimal']],
  },
  { page: 'tostring-function:40', query: 'print tostring(123)', columns: ['print_0'], rows: [['123']] },
  {
    page: 'isempty-function:32 (the table of x and isempty(x))',
    query:
      'print a=isempty(""), b=isempty("x"), c=isempty(parsejson("")), d=isempty(parsejson("[]")), e=isempty(parsejson("{}"))',
    columns: ['a', 'b', 'c', 'd', 'e'],
    rows: [['true', 'false', 'true', 'false', 'false']],
  },
  {
    page: 'isnull-function:35 (the table of x and isnull(x))',
    query:
      'print a=isnull(""), b=isnull("x"), c=isnull(parse_json("")), d=isnull(parse_json("[]")), e=isnull(parse_json("{}"))',
    columns: ['a', 'b', 'c', 'd', 'e'],
    rows: [['false', 'false', 'true', 'false', 'false']],
  },
];

const SPECIAL = 'datatable(r:real)[5, real(null), real(nan), real(-inf), -5, 0, real(+inf)]';

/** sort-operator:37, the order of null, NaN, -inf and +inf: "Null and NaN values are always grouped together". */
const SORT_ORDERS: readonly { readonly by: string; readonly order: readonly string[] }[] = [
  { by: 'asc', order: ['', 'NaN', '-Infinity', '-5', '0', '5', 'Infinity'] },
  { by: 'asc nulls first', order: ['', 'NaN', '-Infinity', '-5', '0', '5', 'Infinity'] },
  { by: 'asc nulls last', order: ['-Infinity', '-5', '0', '5', 'Infinity', 'NaN', ''] },
  { by: 'desc', order: ['Infinity', '5', '0', '-5', '-Infinity', 'NaN', ''] },
  { by: 'desc nulls last', order: ['Infinity', '5', '0', '-5', '-Infinity', 'NaN', ''] },
  { by: 'desc nulls first', order: ['', 'NaN', 'Infinity', '5', '0', '-5', '-Infinity'] },
];

describe('the reference’s scalar examples give their documented output', () => {
  for (const e of SCALAR_EXAMPLES) {
    test(e.page, () => assertExample(e));
  }

  // datatypes-string-operators: every "yields true" example of the operators' table runs through the engine in
  // test/engine/functions/operators.test.ts.

  for (const { by, order } of SORT_ORDERS) {
    test(`sort-operator:37: sort by r ${by} and top 7 by r ${by}`, () => {
      assert.deepEqual(
        textRows(`${SPECIAL} | sort by r ${by}`).rows.map(([r]) => r),
        order,
      );
      assert.deepEqual(
        textRows(`${SPECIAL} | top 7 by r ${by}`).rows.map(([r]) => r),
        order,
      );
      // The top few take the same rows (a partial sort).
      assert.deepEqual(
        textRows(`${SPECIAL} | top 2 by r ${by}`).rows.map(([r]) => r),
        order.slice(0, 2),
      );
    });
  }
});

test('top of a few among many rows (the partial sort) groups null and NaN as sort does', () => {
  const many = 'range i from 1 to 100 step 1 | extend r = iff(i == 1, real(null), iff(i == 2, real(nan), todouble(i)))';
  const top = (by: string) => textRows(`${many} | top 3 by r ${by} | project r`).rows.map(([r]) => r);
  assert.deepEqual(top('asc nulls last'), ['3', '4', '5']);
  assert.deepEqual(top('desc nulls first'), ['', 'NaN', '100']);
  assert.deepEqual(top('asc'), ['', 'NaN', '3']);
  assert.deepEqual(top('desc'), ['100', '99', '98']);
});

test('scalar-data-types/datetime: each documented format’s example parses to its instant', () => {
  const query = `print ${DATETIME_FORMAT_EXAMPLES.map(([text], i) => `c${i} = todatetime('${text}')`).join(', ')}`;
  const [row] = textRows(query).rows;
  assert.deepEqual(
    DATETIME_FORMAT_EXAMPLES.map(([text], i) => [text, row![i]]),
    DATETIME_FORMAT_EXAMPLES,
  );
});

test('now-function, ago-function: one current time across every use in a query statement', () => {
  const r = textRows(`let a = now();
    range i from 1 to 1000 step 1
    | extend n = now(), g = ago(1h) + 1h, s = toscalar(print now())
    | summarize dn = dcount(n), same = countif(n == a and g == a and s == a and now(-2d) == a - 2d)`);
  assert.deepEqual(r.rows, [['1', '1000']]);
});
