/**
 * Kusto's answers at the edges, each from the reference's documented semantics: JSONPath keys in the
 * bag functions, pack_all's row, aggregates of no values, several arrays sorted together, blank JSON.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { printed, rows } from './helpers';

test('bag_remove_keys: JSONPath keys remove nested members, plain keys root members', () => {
  const r = printed(
    'print b = bag_remove_keys(dynamic({"key1":1,"key2":{"prop1":1,"prop2":2}}), dynamic(["$.key2.prop1", "key1"]))',
  );
  assert.deepEqual(r.b, { key2: { prop2: 2 } });
  assert.deepEqual(printed(`print b = bag_remove_keys(dynamic({"a":{"b":1}}), dynamic(["$['a']['c']"]))`).b, {
    a: { b: 1 },
  });
});

test('bag_has_key: a JSONPath key looks into nested bags', () => {
  const r = printed(
    'print a = bag_has_key(dynamic({"a":{"b":1}}), "$.a.b"), b = bag_has_key(dynamic({"a":{"b":1}}), "$.a.c"), c = bag_has_key(dynamic({"a":1}), "a")',
  );
  assert.deepEqual([r.a, r.b, r.c], [true, false, true]);
});

test('pack_all(true) leaves out null and empty values', () => {
  assert.deepEqual(printed('print x = 1, y = "", z = int(null) | project b = pack_all(true)').b, { x: 1 });
  assert.deepEqual(printed('print x = 1, y = "", z = int(null) | project b = pack_all()').b, { x: 1, y: '', z: null });
});

test('pack_all() packs the row the operator received, not columns defined beside it', () => {
  assert.deepEqual(rows('print x = 1 | extend y = 2, b = pack_all()')[0], [1, 2, { x: 1 }]);
  assert.deepEqual(rows('print x = 1 | extend y = 2 | extend b = pack_all()')[0], [1, 2, { x: 1, y: 2 }]);
});

test('aggregates of no values: avg is NaN, variance and stdev 0, sum and count 0, min null', () => {
  const r = printed(
    'range x from 1 to 0 step 1 | summarize a = avg(x), s = stdev(x), v = variance(x), sp = stdevp(x), vp = variancep(x), n = sum(x), c = count(), m = min(x)',
  );
  assert.deepEqual(r, { a: 'NaN', s: 0, v: 0, sp: 0, vp: 0, n: 0, c: 0, m: null });
});

test('array_sort_asc over several arrays: the reference example, and null for a length that differs', () => {
  const r = rows(
    'let array1 = dynamic([1,3,4,5,2]); let array2 = dynamic(["a","b","c","d","e"]); print array_sort_asc(array1,array2)',
  );
  assert.deepEqual(r[0], [
    [1, 2, 3, 4, 5],
    ['a', 'e', 'b', 'c', 'd'],
  ]);
  assert.deepEqual(rows('print (a, b) = array_sort_desc(dynamic([1,null,3]), dynamic(["x","y","z"]), false)')[0], [
    [null, 3, 1],
    ['y', 'z', 'x'],
  ]);
  assert.deepEqual(rows('print array_sort_asc(dynamic([2,1]), dynamic([1,2,3]))')[0], [[1, 2], null]);
});

test('array_sort_asc over mixed types: numbers before strings, nulls last', () => {
  assert.deepEqual(printed('print a = array_sort_asc(dynamic([3, "a", 1, null, 2.5, "B"]))').a, [
    1,
    2.5,
    3,
    'B',
    'a',
    null,
  ]);
});

test('parse_json of text that is not JSON gives the text back; only "" is an empty dynamic', () => {
  const r = printed(
    'print a = parse_json(" "), b = parse_json(""), t = gettype(parse_json(" ")), u = gettype(parse_json("abc"))',
  );
  assert.deepEqual(r, { a: ' ', b: null, t: 'string', u: 'string' });
});

test('array_sort_desc over mixed types keeps numbers before strings; values descend within each type', () => {
  assert.deepEqual(printed('print a = array_sort_desc(dynamic([2, "a", 1, "b", null, 1.5]))').a, [
    2,
    1.5,
    1,
    'b',
    'a',
    null,
  ]);
  assert.deepEqual(printed('print a = array_sort_desc(dynamic([2, "a", null, 1]), false)').a, [null, 2, 1, 'a']);
});

test('array_sort_desc: the reference examples', () => {
  assert.deepEqual(
    printed(`let array1 = dynamic([1,3,4,5,2]); let array2 = dynamic(["a","b","c","d","e"]);
print array_sort_desc(array1, array2)`),
    { array1_sorted: [5, 4, 3, 2, 1], array2_sorted: ['d', 'c', 'b', 'e', 'a'] },
  );
  assert.deepEqual(printed('print r = array_sort_desc(dynamic([null,"blue","yellow","green",null]))').r, [
    'yellow',
    'green',
    'blue',
    null,
    null,
  ]);
});

test("aggregates of an empty table: the reference's example of default values, column by column", () => {
  const r = printed(`datatable(x:long)[]
| summarize any_x=take_any(x), arg_max_x=arg_max(x, *), arg_min_x=arg_min(x, *), avg(x), buildschema(todynamic(tostring(x))),
  max(x), min(x), percentile(x, 55), hll(x), stdev(x), sum(x), sumif(x, x > 0), tdigest(x), variance(x)`);
  // The reference's row: empty (null) cells, avg NaN, and 0 for stdev, sum, sumif and variance.
  assert.deepEqual(r, {
    any_x: null,
    arg_max_x: null,
    arg_min_x: null,
    avg_x: 'NaN',
    schema_x: null,
    max_x: null,
    min_x: null,
    percentile_x_55: null,
    hll_x: null,
    stdev_x: 0,
    sum_x: 0,
    sumif_x: 0,
    tdigest_x: null,
    variance_x: 0,
  });
});

test('aggregates of an empty table: the collections are empty, the counts 0', () => {
  // The reference's table lists make_bag with the arrays ("empty dynamic array ([])"); a bag's empty value
  // is {}, which is what make_bag gives here: a property bag, never an array.
  assert.deepEqual(
    printed(`datatable(x:long)[] | summarize s = make_set(x), l = make_list(x), b = make_bag(bag_pack('a', x)),
  ci = countif(x > 0), d = dcount(x), di = dcountif(x, x > 0), cd = count_distinct(x)`),
    { s: [], l: [], b: {}, ci: 0, d: 0, di: 0, cd: 0 },
  );
});
