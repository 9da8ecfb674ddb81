// The aggregation functions' examples from the Kusto reference, with the outputs it states, and
// their null rules, folded through the bind API as summarize does.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { aggregate, rows } from './helpers';
import { aggregateFunction } from '../../../src/engine/functions';

const T = `datatable(name:string, day_of_birth:long) ["John", 9, "Paul", 18, "George", 25, "Ringo", 7]`;

describe('counting and summing', () => {
  test('countif, sumif', () => {
    assert.deepEqual(rows(`${T} | summarize countif(strlen(name) > 4)`), [[2]]);
    assert.deepEqual(rows(`${T} | summarize sumif(day_of_birth, strlen(name) > 4)`), [[32]]);
  });
  test('count counts rows; sum and avg ignore nulls', () => {
    const values = [[1], [null], [4]];
    assert.equal(aggregate('count', [], 'long', values), 3);
    assert.equal(aggregate('sum', ['long'], 'long', values), 5);
    assert.equal(aggregate('avg', ['long'], 'real', values), 2.5);
    // No values: Kusto divides 0 by 0 and answers NaN, not null.
    assert.ok(Number.isNaN(aggregate('avg', ['long'], 'real', [])));
  });
  test('avgif', () => {
    assert.equal(
      aggregate('avgif', ['long', 'bool'], 'real', [
        [0, false],
        [10, true],
        [20, true],
      ]),
      15,
    );
  });
  test('min/max/minif/maxif ignore nulls', () => {
    const values = [[3], [null], [1], [7]];
    assert.equal(aggregate('min', ['long'], 'long', values), 1);
    assert.equal(aggregate('max', ['long'], 'long', values), 7);
    assert.equal(
      aggregate('minif', ['long', 'bool'], 'long', [
        [3, true],
        [1, false],
        [5, true],
      ]),
      3,
    );
    assert.equal(
      aggregate('maxif', ['long', 'bool'], 'long', [
        [3, true],
        [9, false],
        [5, true],
      ]),
      5,
    );
    assert.equal(aggregate('max', ['long'], 'long', [[null]]), null);
  });
  test('dcount and dcountif count distinct non-null values', () => {
    assert.equal(aggregate('dcount', ['string'], 'long', [['a'], ['b'], ['a'], ['']]), 3);
    assert.equal(aggregate('dcount', ['long'], 'long', [[1], [null], [1]]), 1);
    assert.equal(
      aggregate('dcountif', ['long', 'bool'], 'long', [
        [1, true],
        [2, false],
        [1, true],
        [3, true],
      ]),
      2,
    );
    assert.deepEqual(rows('range x from 1 to 10 step 1 | summarize dcount(x % 3)'), [[3]]);
  });
});

describe('collections', () => {
  test('make_set unpacks arrays and keeps first-appearance order', () => {
    const q = `datatable (Val: int, Arr1: dynamic) [1, dynamic(["A1", "A2", "A3"]), 5, dynamic(["A2", "C1"]), 7, dynamic(["C2", "A3"]), 5, dynamic(["C2", "A1"])]
| summarize Val_set=make_set(Val), Arr1_set=make_set(Arr1)`;
    assert.deepEqual(rows(q), [
      [
        [1, 5, 7],
        ['A1', 'A2', 'A3', 'C1', 'C2'],
      ],
    ]);
  });
  test('make_list keeps order and duplicates, by group', () => {
    const shapes = `datatable (name: string, sideCount: int) ["triangle", 3, "square", 4, "rectangle", 4, "pentagon", 5, "hexagon", 6, "heptagon", 7, "octagon", 8, "nonagon", 9, "decagon", 10]`;
    assert.deepEqual(rows(`${shapes} | summarize mylist = make_list(name)`), [
      [['triangle', 'square', 'rectangle', 'pentagon', 'hexagon', 'heptagon', 'octagon', 'nonagon', 'decagon']],
    ]);
    assert.deepEqual(
      rows(
        `${shapes} | summarize mylist = make_list(name) by isEvenSideCount = sideCount % 2 == 0 | order by isEvenSideCount asc`,
      ),
      [
        [false, ['triangle', 'pentagon', 'heptagon', 'nonagon']],
        [true, ['square', 'rectangle', 'hexagon', 'octagon', 'decagon']],
      ],
    );
  });
  test('make_set_if and make_list_if', () => {
    assert.deepEqual(rows(`${T} | summarize make_set_if(name, strlen(name) > 4)`), [[['George', 'Ringo']]]);
    assert.deepEqual(rows(`${T} | summarize make_list_if(name, strlen(name) > 4)`), [[['George', 'Ringo']]]);
  });
  test('make_list and make_set ignore nulls; the size limit stops collecting', () => {
    assert.deepEqual(aggregate('make_list', ['long'], 'dynamic', [[1], [null], [1]]), [1, 1]);
    assert.deepEqual(aggregate('make_set', ['long'], 'dynamic', [[1], [null], [1], [2]]), [1, 2]);
    assert.deepEqual(
      aggregate(
        'make_list',
        ['long', 'long'],
        'dynamic',
        [
          [1, 2],
          [2, 2],
          [3, 2],
        ],
        [undefined, 2],
      ),
      [1, 2],
    );
  });
  test('make_bag merges property bags', () => {
    const q = `datatable(prop:string, value:string) ["prop01", "val_a", "prop02", "val_b", "prop03", "val_c"] | extend p = bag_pack(prop, value) | summarize dict=make_bag(p)`;
    assert.deepEqual(rows(q), [[{ prop01: 'val_a', prop02: 'val_b', prop03: 'val_c' }]]);
  });
});

describe('arg_max, arg_min, take_any', () => {
  const fruit = `datatable(Fruit: string, Color: string, Version: int) ["Apple", "Red", 1, "Apple", "Green", int(null), "Banana", "Yellow", int(null), "Banana", "Green", int(null), "Pear", "Brown", 1, "Pear", "Green", 2]`;
  test('arg_max(Version, *) with nulls', () => {
    assert.deepEqual(rows(`${fruit} | summarize arg_max(Version, *) by Fruit | order by Fruit asc`), [
      ['Apple', 1, 'Red'],
      ['Banana', null, 'Yellow'],
      ['Pear', 2, 'Green'],
    ]);
  });
  test('arg_min(Version, *) with nulls', () => {
    assert.deepEqual(rows(`${fruit} | summarize arg_min(Version, *) by Fruit | order by Fruit asc`), [
      ['Apple', 1, 'Red'],
      ['Banana', null, 'Yellow'],
      ['Pear', 1, 'Brown'],
    ]);
  });
  test("arg_max and arg_min carry the first winning row's values, by name", () => {
    const t =
      'datatable(g: string, x: long, a: string, b: long) ["p", 5, "first", 1, "p", 5, "second", 2, "q", long(null), "only", 3, "p", 4, "lower", 4, "q", long(null), "later", 5]';
    assert.deepEqual(rows(`${t} | summarize arg_max(x, a, b) by g | order by g asc`), [
      ['p', 5, 'first', 1],
      ['q', null, 'only', 3],
    ]);
    assert.deepEqual(rows(`${t} | summarize arg_min(x, b, a) by g | order by g asc`), [
      ['p', 4, 4, 'lower'],
      ['q', null, 3, 'only'],
    ]);
  });
  test('arg_max returns the compared value first, then the carried values', () => {
    assert.equal(aggregateFunction('arg_max')!.multiOutput, true);
    assert.deepEqual(
      aggregate('arg_max', ['long', 'string'], 'long', [
        [3, 'a'],
        [9, 'b'],
        [5, 'c'],
      ]),
      [9, 'b'],
    );
  });
  test('take_any gives a value of the group, or one whole row', () => {
    assert.deepEqual(aggregate('take_any', ['string'], 'string', [[''], ['x'], ['y']]), ['x']);
    assert.deepEqual(
      aggregate('take_any', ['string', 'long'], 'string', [
        ['a', 1],
        ['b', 2],
      ]),
      ['a', 1],
    );
  });
});

describe('statistics', () => {
  test('stdev, stdevp, variance, variancep of 1..5', () => {
    const [[list, stdev]] = rows('range x from 1 to 5 step 1 | summarize make_list(x), stdev(x)') as [
      [unknown, number],
    ];
    assert.deepEqual(list, [1, 2, 3, 4, 5]);
    assert.ok(Math.abs(stdev - 1.58113883008419) < 1e-12);
    assert.ok(
      Math.abs((rows('range x from 1 to 5 step 1 | summarize stdevp(x)')[0]![0] as number) - 1.4142135623731) < 1e-12,
    );
    assert.deepEqual(rows('range x from 1 to 5 step 1 | summarize variance(x)'), [[2.5]]);
    assert.deepEqual(rows('range x from 1 to 5 step 1 | summarize variancep(x)'), [[2]]);
  });
  test('percentile and percentiles use the nearest rank', () => {
    assert.deepEqual(rows('range x from 1 to 100 step 1 | summarize percentile(x, 95)'), [[95]]);
    assert.deepEqual(rows('range x from 1 to 10 step 1 | summarize percentiles(x, 5, 50, 95)'), [[1, 5, 10]]);
    assert.deepEqual(
      aggregate(
        'percentiles_array',
        ['long', 'dynamic'],
        'dynamic',
        [
          [1, [50, 100]],
          [2, [50, 100]],
          [3, [50, 100]],
        ],
        [undefined, [50, 100]],
      ),
      [2, 3],
    );
  });
});
