// covariance*, binary_all_*, weighted percentiles and buildschema: the reference's examples with
// their stated outputs, their null rules and empty groups, folded through summarize or the bind API.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, rows } from './helpers';
import { executeQuery, Database } from '../../../src/engine';

const XY = `datatable(x:real, y:real) [
    1.0, 14.0,
    2.0, 10.0,
    3.0, 17.0,
    4.0, 20.0,
    5.0, 50.0,
]`;
const LATENCY = `let latencyTable = datatable (ReqCount:long, LatencyBucket:long) 
[ 
    8, 10, 
    6, 20, 
    3, 30, 
    1, 40 
];
latencyTable`;

function columnNames(query: string): string[] {
  return executeQuery(query, new Database([]), {}).tables[0]!.table.columns.map((c) => c.name);
}

describe('covariance', () => {
  test('the reference examples', () => {
    assert.deepEqual(rows(`${XY} | summarize covariance(x, y)`), [[20.5]]);
    assert.deepEqual(rows(`${XY} | summarize covariancep(x, y)`), [[16.4]]);
    assert.deepEqual(
      rows(
        `range x from 1 to 100 step 1 | extend y = iff(x % 2 == 0, x * 2, x * 3) | summarize covarianceif(x, y, x % 3 == 0)`,
      ),
      [[2142]],
    );
    const p = rows(
      `range x from 1 to 100 step 1 | extend y = iff(x % 2 == 0, x * 2, x * 3) | summarize covariancepif(x, y, x % 3 == 0)`,
    )[0]![0] as number;
    assert.ok(Math.abs(p - 2077.09090909091) < 1e-10);
  });
  test('rows with a null on either side are ignored; no rows give null, one row 0 (sample)', () => {
    assert.equal(
      aggregate('covariance', ['real', 'real'], 'real', [
        [1, 2],
        [null, 5],
        [3, null],
        [2, 4],
      ]),
      1,
    );
    assert.equal(
      aggregate('covariancep', ['real', 'real'], 'real', [
        [1, 2],
        [2, 4],
      ]),
      0.5,
    );
    assert.equal(aggregate('covariance', ['real', 'real'], 'real', []), null);
    assert.equal(aggregate('covariancep', ['real', 'real'], 'real', [[null, 1]]), null);
    assert.equal(aggregate('covariance', ['real', 'real'], 'real', [[3, 4]]), 0);
    assert.equal(
      aggregate('covariancepif', ['real', 'real', 'bool'], 'real', [
        [1, 1, true],
        [5, 9, false],
        [3, 5, true],
      ]),
      2,
    );
  });
});

describe('binary_all_and/or/xor', () => {
  test('the reference examples make CAFEF00D', () => {
    assert.deepEqual(
      rows(
        `datatable(num:long) [ 0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF, ] | summarize result = toupper(tohex(binary_all_and(num)))`,
      ),
      [['CAFEF00D']],
    );
    assert.deepEqual(
      rows(
        `datatable(num:long) [ 0x88888008, 0x42000000, 0x00767000, 0x00000005, ] | summarize result = toupper(tohex(binary_all_or(num)))`,
      ),
      [['CAFEF00D']],
    );
    assert.deepEqual(
      rows(
        `datatable(num:long) [ 0x44404440, 0x1E1E1E1E, 0x90ABBA09, 0x000B105A, ] | summarize result = toupper(tohex(binary_all_xor(num)))`,
      ),
      [['CAFEF00D']],
    );
  });
  test("64-bit two's complement, nulls ignored, empty group null", () => {
    assert.equal(aggregate('binary_all_and', ['long'], 'long', [[-1], [null], [-(2 ** 40)]]), -(2 ** 40));
    assert.equal(aggregate('binary_all_or', ['long'], 'long', [[2 ** 40], [1]]), 2 ** 40 + 1);
    assert.equal(aggregate('binary_all_xor', ['long'], 'long', [[-1], [1]]), -2);
    assert.equal(aggregate('binary_all_xor', ['long'], 'long', [[null]]), null);
    assert.deepEqual(rows('range x from 1 to 10 step 1 | where x > 100 | summarize binary_all_or(x)'), [[null]]);
  });
});

describe('weighted percentiles', () => {
  test('percentilesw: the reference example, with its column names', () => {
    const q = `${LATENCY} | summarize percentilesw(LatencyBucket, ReqCount, 50, 75, 99.9)`;
    assert.deepEqual(rows(q), [[20, 20, 40]]);
    assert.deepEqual(columnNames(q), [
      'percentile_LatencyBucket_50',
      'percentile_LatencyBucket_75',
      'percentile_LatencyBucket_99_9',
    ]);
  });
  test('percentilesw_array: comma-separated and dynamic-array percentiles', () => {
    assert.deepEqual(rows(`${LATENCY} | summarize percentilesw_array(LatencyBucket, ReqCount, 50, 75, 99.9)`), [
      [[20, 20, 40]],
    ]);
    assert.deepEqual(
      rows(`${LATENCY} | summarize percentilesw_array(LatencyBucket, ReqCount, dynamic([50, 75, 99.9]))`),
      [[[20, 20, 40]]],
    );
  });
  test('percentilew equals percentile over the expanded values', () => {
    assert.deepEqual(
      rows(
        `${LATENCY} | summarize percentilew(LatencyBucket, ReqCount, 0), percentilew(LatencyBucket, ReqCount, 44.4), percentilew(LatencyBucket, ReqCount, 44.5), percentilew(LatencyBucket, ReqCount, 100)`,
      ),
      [[10, 10, 20, 40]],
    );
    const expanded = `range i from 1 to 18 step 1 | extend LatencyBucket = case(i <= 8, 10, i <= 14, 20, i <= 17, 30, 40)
| summarize percentiles(LatencyBucket, 0, 44.4, 44.5, 100)`;
    assert.deepEqual(rows(expanded), [[10, 10, 20, 40]]);
  });
  test('null values and non-positive or null weights add nothing; an empty group gives null', () => {
    assert.equal(
      aggregate(
        'percentilew',
        ['long', 'long', 'real'],
        'long',
        [
          [5, 1, 50],
          [1, 0, 50],
          [2, -3, 50],
          [3, null, 50],
          [null, 9, 50],
          [9, 1, 50],
        ],
        [undefined, undefined, 50],
      ),
      5,
    );
    assert.equal(aggregate('percentilew', ['long', 'long', 'real'], 'long', [], [undefined, undefined, 50]), null);
    assert.deepEqual(
      aggregate('percentilesw_array', ['long', 'long', 'dynamic'], 'dynamic', [], [undefined, undefined, [10, 90]]),
      [null, null],
    );
  });
});

describe('buildschema', () => {
  test('the reference example', () => {
    const q = `datatable(value: dynamic) [
    dynamic({"x":1, "y":3.5}),
    dynamic({"x":"somevalue", "z":[1, 2, 3]}),
    dynamic({"y":{"w":"zzz"}, "t":["aa", "bb"], "z":["foo"]})
]
| summarize buildschema(value)`;
    assert.deepEqual(columnNames(q), ['schema_value']);
    assert.deepEqual(rows(q), [
      [
        {
          x: ['long', 'string'],
          y: ['double', { w: 'string' }],
          z: { '`indexer`': ['long', 'string'] },
          t: { '`indexer`': 'string' },
        },
      ],
    ]);
  });
  test('nulls are skipped; bool; nested arrays; no values give null', () => {
    assert.deepEqual(
      aggregate('buildschema', ['dynamic'], 'dynamic', [[{ a: true }], [null], [{ a: null, b: [[1]] }]]),
      { a: 'bool', b: { '`indexer`': { '`indexer`': 'long' } } },
    );
    assert.equal(aggregate('buildschema', ['dynamic'], 'dynamic', [[null]]), null);
  });
});

describe('hll sketches (exact in this engine)', () => {
  test('the reference example: scalar hll_merge of two hll columns', () => {
    assert.deepEqual(
      rows(`range x from 1 to 10 step 1 
| extend y = x + 10
| summarize hll_x = hll(x), hll_y = hll(y)
| project merged = hll_merge(hll_x, hll_y)
| project dcount_hll(merged)`),
      [[20]],
    );
  });
  test('dcount_hll(hll(x)) is dcount(x); hll_if filters; hll_merge across groups unions', () => {
    assert.deepEqual(rows('range x from 1 to 30 step 1 | summarize a = dcount_hll(hll(x % 7)), b = dcount(x % 7)'), [
      [7, 7],
    ]);
    assert.deepEqual(
      rows('range x from 1 to 30 step 1 | summarize h = hll_if(x % 7, x > 25) | project dcount_hll(h)'),
      [[5]],
    );
    assert.deepEqual(
      rows(`range x from 1 to 30 step 1 | summarize h = hll(x % 10) by g = x % 3
| summarize m = hll_merge(h) | project dcount_hll(m)`),
      [[10]],
    );
  });
  test('nulls are not counted; an empty group and a null sketch', () => {
    // The reference's defaults for empty input: hll is null ("all others").
    assert.equal(aggregate('hll', ['long'], 'dynamic', []), null);
    assert.equal(aggregate('hll', ['long'], 'dynamic', [[null]]), null);
    assert.deepEqual(
      rows(
        'datatable(s:string, n:long) ["a", 1, "", int(null), "a", 2] | summarize hs = hll(s), hn = hll(n) | project dcount_hll(hs), dcount_hll(hn)',
      ),
      [[2, 2]],
    );
    assert.deepEqual(rows('print d = dcount_hll(dynamic(null))'), [[null]]);
  });
});
