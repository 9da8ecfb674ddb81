/**
 * Tabular operators against the Kusto reference's own self-contained examples (those on datatable,
 * range or print; the rest read the help cluster's StormEvents): join and each of its kind pages,
 * lookup, summarize (the default values of aggregates), let, project-rename, project-reorder, range,
 * print, datatable, bag_unpack. Each entry is one example, page and line, with its documented output.
 * Examples checked and left out: the join-innerunique page's first two outputs of one query are the two
 * rows innerunique may keep (ours keeps the first, the page's first output); let-statement's
 * `foo2(2) | count` documents its column as `result` where count names it Count (the page's typo);
 * range-operator's union of Range1 and Range2 lists only rows 4 to 10 of the 10 the query gives.
 */

import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertExample, type ReferenceExample, textRows } from './referenceExamples';

const X = `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40
];
`;

const T12 = `let t1 = datatable(key: long, value: string)
    [
    1, "val1.1",
    1, "val1.2"
];
let t2 = datatable(key: long, value: string)
    [
    1, "val1.3",
    1, "val1.4"
];
`;

const JOINED = ['Key', 'Value1', 'Key1', 'Value2'];

export const OPERATOR_EXAMPLES: readonly ReferenceExample[] = [
  {
    page: 'join-fullouter:41',
    query: `${X}X | join kind=fullouter Y on Key`,
    columns: JOINED,
    rows: [
      ['b', '3', 'b', '10'],
      ['b', '2', 'b', '10'],
      ['c', '4', 'c', '20'],
      ['c', '4', 'c', '30'],
      ['', '', 'd', '40'],
      ['a', '1', '', ''],
    ],
    unordered: true,
  },
  {
    page: 'join-inner:41',
    query: `let X = datatable(Key:string, Value1:long)
[
    'a',1,
    'b',2,
    'b',3,
    'k',5,
    'c',4
];
let Y = datatable(Key:string, Value2:long)
[
    'b',10,
    'c',20,
    'c',30,
    'd',40,
    'k',50
];
X | join kind=inner Y on Key`,
    columns: JOINED,
    rows: [
      ['b', '3', 'b', '10'],
      ['b', '2', 'b', '10'],
      ['c', '4', 'c', '20'],
      ['c', '4', 'c', '30'],
      ['k', '5', 'k', '50'],
    ],
    unordered: true,
  },
  {
    page: 'join-innerunique:47',
    query: `${X}X | join Y on Key`,
    columns: JOINED,
    rows: [
      ['b', '2', 'b', '10'],
      ['c', '4', 'c', '20'],
      ['c', '4', 'c', '30'],
    ],
    unordered: true,
  },
  {
    page: 'join-innerunique:96 (one of the two outputs the page gives; which left row is kept is arbitrary)',
    query: `${T12}t1
| join kind = innerunique
    t2
    on key`,
    columns: ['key', 'value', 'key1', 'value1'],
    rows: [
      ['1', 'val1.1', '1', 'val1.3'],
      ['1', 'val1.1', '1', 'val1.4'],
    ],
    unordered: true,
  },
  {
    page: 'join-innerunique:158 (a where after the join filters its left side first: "will never give the first result")',
    query: `${T12}t1
| join kind = innerunique
    t2
    on key
| where value == "val1.2"`,
    columns: ['key', 'value', 'key1', 'value1'],
    rows: [
      ['1', 'val1.2', '1', 'val1.3'],
      ['1', 'val1.2', '1', 'val1.4'],
    ],
    unordered: true,
  },
  {
    page: 'join-leftanti:41',
    query: `${X}X | join kind=leftanti Y on Key`,
    columns: ['Key', 'Value1'],
    rows: [['a', '1']],
  },
  {
    page: 'join-leftouter:40',
    query: `${X}X | join kind=leftouter Y on Key`,
    columns: JOINED,
    rows: [
      ['a', '1', '', ''],
      ['b', '2', 'b', '10'],
      ['b', '3', 'b', '10'],
      ['c', '4', 'c', '20'],
      ['c', '4', 'c', '30'],
    ],
    unordered: true,
  },
  {
    page: 'join-leftsemi:39',
    query: `${X}X | join kind=leftsemi Y on Key`,
    columns: ['Key', 'Value1'],
    rows: [
      ['b', '2'],
      ['b', '3'],
      ['c', '4'],
    ],
    unordered: true,
  },
  {
    page: 'join-rightanti:41 (the page heads Value2 as Value1; the column is the right side’s Value2)',
    query: `${X}X | join kind=rightanti Y on Key`,
    columns: ['Key', 'Value2'],
    rows: [['d', '40']],
  },
  {
    page: 'join-rightouter:39',
    query: `${X}X | join kind=rightouter Y on Key`,
    columns: JOINED,
    rows: [
      ['b', '2', 'b', '10'],
      ['b', '3', 'b', '10'],
      ['c', '4', 'c', '20'],
      ['c', '4', 'c', '30'],
      ['', '', 'd', '40'],
    ],
    unordered: true,
  },
  {
    page: 'join-rightsemi:39',
    query: `${X}X | join kind=rightsemi Y on Key`,
    columns: ['Key', 'Value2'],
    rows: [
      ['b', '10'],
      ['c', '20'],
      ['c', '30'],
    ],
    unordered: true,
  },
  {
    page: 'lookup-operator:87',
    query: `let FactTable=datatable(Row:string,Personal:string,Family:string) [
  "1", "Rowan",   "Murphy",
  "2", "Ellis",   "Turner",
  "3", "Ellis",   "Turner",
  "4", "Maya",  "Robinson",
  "5", "Quinn",    "Campbell"
];
let DimTable=datatable(Personal:string,Family:string,Alias:string) [
  "Rowan",  "Murphy",   "rowanm",
  "Ellis",  "Turner", "ellist",
  "Maya", "Robinson", "mayar",
  "Quinn",   "Campbell",    "quinnc"
];
FactTable
| lookup kind=leftouter DimTable on Personal, Family`,
    columns: ['Row', 'Personal', 'Family', 'Alias'],
    rows: [
      ['1', 'Rowan', 'Murphy', 'rowanm'],
      ['2', 'Ellis', 'Turner', 'ellist'],
      ['3', 'Ellis', 'Turner', 'ellist'],
      ['4', 'Maya', 'Robinson', 'mayar'],
      ['5', 'Quinn', 'Campbell', 'quinnc'],
    ],
  },
  {
    page: 'summarize-operator:184 (default values of aggregates over no rows)',
    query: `datatable(x:long)[]
| summarize any_x=take_any(x), arg_max_x=arg_max(x, *), arg_min_x=arg_min(x, *), avg(x), buildschema(todynamic(tostring(x))), max(x), min(x), percentile(x, 55), hll(x) ,stdev(x), sum(x), sumif(x, x > 0), tdigest(x), variance(x)`,
    columns: [
      'any_x',
      'arg_max_x',
      'arg_min_x',
      'avg_x',
      'schema_x',
      'max_x',
      'min_x',
      'percentile_x_55',
      'hll_x',
      'stdev_x',
      'sum_x',
      'sumif_x',
      'tdigest_x',
      'variance_x',
    ],
    rows: [['', '', '', 'NaN', '', '', '', '', '', '0', '0', '0', '', '0']],
  },
  {
    page: 'summarize-operator:200 (count(x) of a long column: Kusto.Language declares a bool argument)',
    query: `datatable(x:long)[]
| summarize  count(x), countif(x > 0) , dcount(x), dcountif(x, x > 0)`,
    columns: ['count_x', 'countif_', 'dcount_x', 'dcountif_x'],
    rows: [['0', '0', '0', '0']],
  },
  {
    page: 'summarize-operator:214',
    query: `datatable(x:long)[]
| summarize  make_set(x), make_list(x)`,
    columns: ['set_x', 'list_x'],
    rows: [['[]', '[]']],
  },
  {
    page: 'summarize-operator:230 (avg and sum skip nulls)',
    query: `range x from 1 to 4 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize sum(y), avg(y)`,
    columns: ['sum_y', 'avg_y'],
    rows: [['15', '5']],
  },
  {
    page: 'summarize-operator:247 ("the standard count function includes null values in its count")',
    query: `range x from 1 to 2 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize count(y)`,
    columns: ['count_y'],
    rows: [['2']],
  },
  {
    page: 'summarize-operator:262',
    query: `range x from 1 to 2 step 1
| extend y = iff(x == 1, real(null), real(5))
| summarize make_set(y), make_set(y)`,
    columns: ['set_y', 'set_y1'],
    rows: [['[5.0]', '[5.0]']],
  },
  {
    page: 'let-statement:81',
    query: `let threshold = 50;
let region = "West";
datatable(Name:string, Score:int, Region:string)
[
    "Alice", 45, "West",
    "Bob", 60, "East",
    "Charlie", 55, "West",
    "Dana", 70, "North"
]
| where Score > threshold and Region == region`,
    columns: ['Name', 'Score', 'Region'],
    rows: [['Charlie', '55', 'West']],
  },
  {
    page: 'let-statement:109',
    query: `let ['some number'] = 20;
range y from 0 to ['some number'] step 5`,
    columns: ['y'],
    rows: [['0'], ['5'], ['10'], ['15'], ['20']],
  },
  {
    page: 'let-statement:133',
    query: `let MultiplyByN = (val:long, n:long) { val * n };
range x from 1 to 5 step 1
| extend result = MultiplyByN(x, 5)`,
    columns: ['x', 'result'],
    rows: [
      ['1', '5'],
      ['2', '10'],
      ['3', '15'],
      ['4', '20'],
      ['5', '25'],
    ],
  },
  {
    page: 'let-statement:158',
    query: `let TrimOnes = (s:string) { trim("1", s) };
range x from 10 to 15 step 1
| extend result = TrimOnes(tostring(x))`,
    columns: ['x', 'result'],
    rows: [
      ['10', '0'],
      ['11', ''],
      ['12', '2'],
      ['13', '3'],
      ['14', '4'],
      ['15', '5'],
    ],
  },
  {
    page: 'let-statement:184 (the page heads the count `result`; count names it Count)',
    query: `let foo1 = (_start:long, _end:long, _step:long) { range x from _start to _end step _step};
let foo2 = (_step:long) { foo1(1, 100, _step)};
foo2(2) | count`,
    columns: ['Count'],
    rows: [['50']],
  },
  {
    page: 'let-statement:205 (search without `in` reads the let views)',
    query: `let Range10 = view () { range MyColumn from 1 to 10 step 1 };
let Range20 = view () { range MyColumn from 1 to 20 step 1 };
search MyColumn == 5`,
    columns: ['$table', 'MyColumn'],
    rows: [
      ['Range10', '5'],
      ['Range20', '5'],
    ],
  },
  {
    page: 'project-rename-operator:41',
    query: `print a='alpha', b='bravo', c='charlie'
| project-rename new_a=a, new_b=b, new_c=c`,
    columns: ['new_a', 'new_b', 'new_c'],
    rows: [['alpha', 'bravo', 'charlie']],
  },
  {
    page: 'project-reorder-operator:56',
    query: `print a='a', b='b', c='c'
|  project-reorder b`,
    columns: ['b', 'a', 'c'],
    rows: [['b', 'a', 'c']],
  },
  {
    page: 'project-reorder-operator:76',
    query: `print b = 'b', a2='a2', a3='a3', a1='a1'
|  project-reorder a* asc`,
    columns: ['a1', 'a2', 'a3', 'b'],
    rows: [['a1', 'a2', 'a3', 'b']],
  },
  {
    page: 'range-operator:139',
    query: 'range Steps from 1 to 8 step 3',
    columns: ['Steps'],
    rows: [['1'], ['4'], ['7']],
  },
  {
    page: 'print-operator:46',
    query: 'print 0 + 1 + 2 + 3 + 4 + 5, x = "Wow!"',
    columns: ['print_0', 'x'],
    rows: [['15', 'Wow!']],
  },
  {
    page: 'print-operator:65',
    query: 'print banner=strcat("Hello", ", ", "World!")',
    columns: ['banner'],
    rows: [['Hello, World!']],
  },
  {
    page: 'datatable-operator:47 (the page shows datetimes as 1930-01-01 00:00:00.0000000 and bags indented)',
    query: `datatable(Date:datetime, Event:string, MoreData:dynamic) [
    datetime(1910-06-11), "Born", dynamic({"key1":"value1", "key2":"value2"}),
    datetime(1930-01-01), "Enters Ecole Navale", dynamic({"key1":"value3", "key2":"value4"}),
    datetime(1953-01-01), "Published first book", dynamic({"key1":"value5", "key2":"value6"}),
    datetime(1997-06-25), "Died", dynamic({"key1":"value7", "key2":"value8"}),
]
| where strlen(Event) > 4
| extend key2 = MoreData.key2`,
    columns: ['Date', 'Event', 'MoreData', 'key2'],
    rows: [
      ['1930-01-01T00:00:00Z', 'Enters Ecole Navale', '{"key1":"value3","key2":"value4"}', 'value4'],
      ['1953-01-01T00:00:00Z', 'Published first book', '{"key1":"value5","key2":"value6"}', 'value6'],
    ],
  },
  {
    page: 'between-operator:44',
    query: `range x from 1 to 100 step 1
| where x between (50 .. 55)`,
    columns: ['x'],
    rows: [['50'], ['51'], ['52'], ['53'], ['54'], ['55']],
  },
  {
    page: 'bag-unpack-plugin:78',
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d)`,
    columns: ['Age', 'Name'],
    rows: [
      ['20', 'John'],
      ['40', 'Dave'],
      ['30', 'Jasmine'],
    ],
  },
  {
    page: 'bag-unpack-plugin:103',
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d, 'Property_')`,
    columns: ['Property_Age', 'Property_Name'],
    rows: [
      ['20', 'John'],
      ['40', 'Dave'],
      ['30', 'Jasmine'],
    ],
  },
  {
    page: 'bag-unpack-plugin:176 (ignoredProperties, a dynamic array: Kusto.Language declares no such parameter)',
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20, "Address": "Address-1" }),
    dynamic({"Name": "Dave", "Age":40, "Address": "Address-2"}),
    dynamic({"Name": "Jasmine", "Age":30, "Address": "Address-3"}),
]
// Ignore 'Age' and 'Address' properties
| evaluate bag_unpack(d, ignoredProperties=dynamic(['Address', 'Age']))`,
    columns: ['Name'],
    rows: [['John'], ['Dave'], ['Jasmine']],
  },
  {
    page: 'bag-unpack-plugin:202',
    query: `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({ "Name": "Dave", "Height": 170, "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d)`,
    columns: ['Age', 'Height', 'Name'],
    rows: [
      ['20', '', 'John'],
      ['40', '170', 'Dave'],
      ['30', '', 'Jasmine'],
    ],
  },
  {
    page: 'bag-unpack-plugin:229',
    query: `datatable(d:dynamic, Description: string)
[
    dynamic({"Name": "John", "Age":20, "height":180}), "Student",
    dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
    dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student",
]
| evaluate bag_unpack(d) : (*, Name:string, Age:long)`,
    columns: ['Description', 'Name', 'Age'],
    rows: [
      ['Student', 'John', '20'],
      ['Teacher', 'Dave', '40'],
      ['Student', 'Jasmine', '30'],
    ],
  },
];

describe('the reference’s tabular operator examples give their documented output', () => {
  for (const e of OPERATOR_EXAMPLES) {
    test(e.page, () => assertExample(e));
  }
});

describe('what those examples found, around them', () => {
  test('count(x) counts every row of any type, and a bool argument is no predicate', () => {
    const r = textRows(`datatable(s:string, b:bool)["a", true, "", false, "", bool(null)]
      | summarize count(s), count(b), count(b == true), countif(b)`);
    assert.deepEqual(r.columns, ['count_s', 'count_b', 'count_', 'countif_b']);
    assert.deepEqual(r.rows, [['3', '3', '3', '1']]);
  });

  test('bag_unpack takes its options by position or by name; ignoredProperties must be a dynamic array', () => {
    const bag = `datatable(d:dynamic)[dynamic({"Name": "John", "Age":20, "Address": "A"})]`;
    assert.deepEqual(textRows(`${bag} | evaluate bag_unpack(d, 'p_', 'error', dynamic(['Age']))`).columns, [
      'p_Address',
      'p_Name',
    ]);
    assert.deepEqual(
      textRows(`${bag} | evaluate bag_unpack(d, ignoredProperties=dynamic(['Age']), OutputColumnPrefix='x_')`).columns,
      ['x_Address', 'x_Name'],
    );
    assert.throws(() => textRows(`${bag} | evaluate bag_unpack(d, ignoredProperties='Age')`), /dynamic expected/);
  });

  test('search reads let views, not plain let functions, beside the tables', () => {
    const r = textRows(`let V = view () { print MyColumn=5, s='x' };
      let F = () { print MyColumn=5 };
      search MyColumn == 5`);
    assert.deepEqual(r.columns, ['$table', 'MyColumn', 's']);
    assert.deepEqual(r.rows, [['V', '5', 'x']]);
  });

  test('a where on left columns after a join: into the left side for the kinds that keep left rows whole', () => {
    // leftouter: the filtered-out left rows are gone, not null-extended.
    const left = textRows(`${X}X | join kind=leftouter Y on Key | where Value1 > 2`);
    assert.deepEqual(left.rows.sort(), [
      ['b', '3', 'b', '10'],
      ['c', '4', 'c', '20'],
      ['c', '4', 'c', '30'],
    ]);
    // fullouter and rightouter null-fill the left side: the where still removes the right-only row.
    const full = textRows(`${X}X | join kind=fullouter Y on Key | where isnull(Value1)`);
    assert.deepEqual(full.rows, [['', '', 'd', '40']]);
    const right = textRows(`${X}X | join kind=rightouter Y on Key | where isnull(Value1)`);
    assert.deepEqual(right.rows, [['', '', 'd', '40']]);
    // A where reading both sides stays after the join.
    const both = textRows(`${X}X | join kind=innerunique Y on Key | where Value1 + Value2 == 24`);
    assert.deepEqual(both.rows, [['c', '4', 'c', '20']]);
  });
});

test('join-operator: the kind table’s aliases (anti, leftantisemi, rightantisemi) and $left/$right keys', () => {
  assert.deepEqual(textRows(`${X}X | join kind=anti Y on Key`).rows, [['a', '1']]);
  assert.deepEqual(textRows(`${X}X | join kind=leftantisemi Y on Key`).rows, [['a', '1']]);
  assert.deepEqual(textRows(`${X}X | join kind=rightantisemi Y on Key`).rows, [['d', '40']]);
  const renamed = textRows(`${X}X | join kind=inner (Y | project K2=Key, Value2) on $left.Key == $right.K2`);
  assert.deepEqual(renamed.columns, ['Key', 'Value1', 'K2', 'Value2']);
  assert.deepEqual(renamed.rows.sort(), [
    ['b', '2', 'b', '10'],
    ['b', '3', 'b', '10'],
    ['c', '4', 'c', '20'],
    ['c', '4', 'c', '30'],
  ]);
});
