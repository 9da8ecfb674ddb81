// Array and bag functions: the reference's examples with the outputs it states, plus edge cases.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { call, column, printed } from './helpers';

describe('array building', () => {
  test('range', () => {
    assert.deepEqual(printed('print r = range(1, 8, 3)').r, [1, 4, 7]);
    assert.deepEqual(printed('print range(1, 3)').print_0, [1, 2, 3]);
    assert.deepEqual(printed('print range(1h, 5h)').print_0, [
      '01:00:00',
      '02:00:00',
      '03:00:00',
      '04:00:00',
      '05:00:00',
    ]);
    const days = printed('print r = range(datetime(2007-01-01), datetime(2007-12-31), 1d)').r as string[];
    assert.equal(days.length, 365);
    assert.match(days[0]!, /^2007-01-01T00:00:00/);
    assert.match(days[364]!, /^2007-12-31T00:00:00/);
    assert.deepEqual(printed('print r = range(1,1000000000) | mv-expand r | count').Count, 1048576);
    assert.deepEqual(printed('print a = range(5, 1, -2), b = range(1, 2, 0), c = range(3, 1)'), {
      a: [5, 3, 1],
      b: null,
      c: [],
    });
  });
  test('repeat', () => {
    assert.deepEqual(printed('print a = repeat(1, 3), b = repeat("x", 0), c = repeat(true, -1), d = repeat(1s, 2)'), {
      a: [1, 1, 1],
      b: [],
      c: null,
      d: ['00:00:01', '00:00:01'],
    });
  });
});

describe('array reshaping', () => {
  test('array_sort_asc and array_sort_desc on one array', () => {
    assert.equal(
      printed('let Names = "John,Paul,Jane,Kao"; print result = strcat_array(array_sort_asc(split(Names, ",")), ",")')
        .result,
      'Jane,John,Kao,Paul',
    );
    assert.deepEqual(printed('print result=array_sort_asc(dynamic([null,"blue","yellow","green",null]))').result, [
      'blue',
      'green',
      'yellow',
      null,
      null,
    ]);
    assert.deepEqual(
      printed('print result=array_sort_asc(dynamic([null,"blue","yellow","green",null]), false)').result,
      [null, null, 'blue', 'green', 'yellow'],
    );
    assert.deepEqual(
      printed(
        'print a = array_sort_desc(dynamic([1, "b", 10, 2, null, "a"])), b = array_sort_asc(dynamic([true, "b", 3, 1]))',
      ),
      // The reference gives both functions one type order (numbers, then strings, then the rest); only
      // the values within a type descend.
      { a: [10, 2, 1, 'b', 'a', null], b: [1, 3, 'b', true] },
    );
    assert.equal(call('array_sort_asc', ['dynamic'], 'dynamic', [{ a: 1 }]), null);
  });
  test('array_split', () => {
    assert.deepEqual(printed('print arr=dynamic([1,2,3,4,5]) | extend arr_split=array_split(arr, 2)').arr_split, [
      [1, 2],
      [3, 4, 5],
    ]);
    assert.deepEqual(
      printed('print arr=dynamic([1,2,3,4,5]) | extend arr_split=array_split(arr, dynamic([1,3]))').arr_split,
      [[1], [2, 3], [4, 5]],
    );
    assert.deepEqual(printed('print a = array_split(dynamic([1,2,3]), -1), b = array_split(dynamic([]), 0)'), {
      a: [[1, 2], [3]],
      b: [[], []],
    });
  });
  test('array_shift_left and array_shift_right', () => {
    const a = 'print arr=dynamic([1,2,3,4,5]) | extend arr_shift=';
    assert.deepEqual(printed(`${a}array_shift_left(arr, 2)`).arr_shift, [3, 4, 5, null, null]);
    assert.deepEqual(printed(`${a}array_shift_left(arr, 2, -1)`).arr_shift, [3, 4, 5, -1, -1]);
    assert.deepEqual(printed(`${a}array_shift_left(arr, -2, -1)`).arr_shift, [-1, -1, 1, 2, 3]);
    assert.deepEqual(printed(`${a}array_shift_right(arr, 2)`).arr_shift, [null, null, 1, 2, 3]);
    assert.deepEqual(printed(`${a}array_shift_right(arr, 2, -1)`).arr_shift, [-1, -1, 1, 2, 3]);
    assert.deepEqual(printed(`${a}array_shift_right(arr, -2, -1)`).arr_shift, [3, 4, 5, -1, -1]);
    assert.deepEqual(printed('print array_shift_left(dynamic(["a","b"]), 1)').print_0, ['b', '']);
  });
  test('array_rotate_left and array_rotate_right', () => {
    const a = 'print arr=dynamic([1,2,3,4,5]) | extend arr_rotated=';
    assert.deepEqual(printed(`${a}array_rotate_left(arr, 2)`).arr_rotated, [3, 4, 5, 1, 2]);
    assert.deepEqual(printed(`${a}array_rotate_left(arr, -2)`).arr_rotated, [4, 5, 1, 2, 3]);
    assert.deepEqual(printed(`${a}array_rotate_right(arr, 2)`).arr_rotated, [4, 5, 1, 2, 3]);
    assert.deepEqual(printed(`${a}array_rotate_right(arr, -2)`).arr_rotated, [3, 4, 5, 1, 2]);
    assert.deepEqual(printed(`${a}array_rotate_left(arr, 7)`).arr_rotated, [3, 4, 5, 1, 2]);
    assert.deepEqual(printed('print array_rotate_left(dynamic([]), 3)').print_0, []);
  });
  test('array_iff', () => {
    assert.deepEqual(
      printed(
        'print condition=dynamic([true,false,true]), if_true=dynamic([1,2,3]), if_false=dynamic([4,5,6]) | extend res= array_iff(condition, if_true, if_false)',
      ).res,
      [1, 5, 3],
    );
    assert.deepEqual(
      printed(
        'print condition=dynamic([1,0,50]), if_true="yes", if_false="no" | extend res= array_iff(condition, if_true, if_false)',
      ).res,
      ['yes', 'no', 'yes'],
    );
    assert.deepEqual(
      printed(
        'print condition=dynamic(["some string value", datetime("01-01-2022"), null]), if_true=1, if_false=0 | extend res= array_iff(condition, if_true, if_false)',
      ).res,
      [null, null, null],
    );
    assert.deepEqual(
      printed(
        'print condition=dynamic([true,true,true]), if_true=dynamic([1,2]), if_false=dynamic([3,4]) | extend res= array_iif(condition, if_true, if_false)',
      ).res,
      [1, 2, null],
    );
  });
  test('jaccard_index', () => {
    assert.equal(
      printed('print set1=dynamic([1,2,3]), set2=dynamic([1,2,3,4]) | extend jaccard=jaccard_index(set1, set2)')
        .jaccard,
      0.75,
    );
    assert.deepEqual(
      printed(
        'print a = jaccard_index(dynamic([1,1,2]), dynamic([2,2,3])), b = jaccard_index(dynamic(["a"]), dynamic([]))',
      ),
      { a: 1 / 3, b: 0 },
    );
  });
});

describe('bags', () => {
  test('bag_set_key', () => {
    assert.deepEqual(
      column(
        `datatable(input: dynamic) [dynamic({"key1": 1, "key2": 2}), dynamic({"key1": 1, "key3": "abc"})] | extend result = bag_set_key(input, 'key3', 3)`,
        1,
      ),
      [
        { key1: 1, key2: 2, key3: 3 },
        { key1: 1, key3: 3 },
      ],
    );
    assert.deepEqual(
      column(
        `datatable(input: dynamic)[dynamic({"key1": 123, "key2": {"prop1": 123, "prop2": "xyz"}}), dynamic({"key1": 123})] | extend result = bag_set_key(input, '$.key2.prop1', 'abc')`,
        1,
      ),
      [
        { key1: 123, key2: { prop1: 'abc', prop2: 'xyz' } },
        { key1: 123, key2: { prop1: 'abc' } },
      ],
    );
    assert.equal(
      column(
        `datatable(input: dynamic) [dynamic([1]), dynamic(null)] | extend result = bag_set_key(input, 'k', 1)`,
        1,
      ).every((v) => v === null),
      true,
    );
    assert.deepEqual(
      printed(`print b = bag_set_key(dynamic({}), "$['a b']", 1), c = bag_set_key(dynamic({}), 'x.y', 1)`),
      { b: { 'a b': 1 }, c: { 'x.y': 1 } },
    );
    const proto = call('bag_set_key', ['dynamic', 'string', 'long'], 'dynamic', [{}, '__proto__', 1]) as object;
    assert.deepEqual(Object.keys(proto), ['__proto__']);
  });
  test('bag_zip', () => {
    // Through a datatable, as the reference does: the binder refuses a literal that is not an array.
    const zip = (k: string, v: string): unknown =>
      column(
        `datatable(KeysArray: dynamic, ValuesArray: dynamic) [dynamic(${k}), dynamic(${v})] | extend NewBag = bag_zip(KeysArray, ValuesArray)`,
        2,
      )[0];
    assert.deepEqual(zip('["a", "b", "c"]', '[1, "2", 3.4]'), { a: 1, b: '2', c: 3.4 });
    assert.deepEqual(zip('["a", "b", "c"]', '[1, "2"]'), { a: 1, b: '2', c: null });
    assert.deepEqual(zip('["a", "b"]', '[1, "2", 2.5]'), { a: 1, b: '2' });
    assert.deepEqual(zip('["a", 8, "b"]', '[1, "2", 2.5]'), { a: 1, b: 2.5 });
    assert.deepEqual(zip('["a", 8, "b"]', '1'), { a: null, b: null });
    assert.deepEqual(zip('"a"', '[1, "2", 2.5]'), null);
  });
  test('dynamic_to_json sorts keys at every level', () => {
    const q = `let bag1 = dynamic_to_json(dynamic({'Y10':dynamic({}), 'X8': dynamic({'c3':1, 'd8':5, 'a4':6}), 'D1':114, 'A1':12, 'B1':2, 'C1':3, 'A14':[15, 13, 18]}));
let bag2 = dynamic_to_json(dynamic({'X8': dynamic({'a4':6, 'c3':1, 'd8':5}), 'A14':[15, 13, 18], 'C1':3, 'B1':2, 'Y10': dynamic({}), 'A1':12, 'D1':114}));
print AreEqual=bag1 == bag2, Result=bag1`;
    assert.deepEqual(printed(q), {
      AreEqual: true,
      Result: '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}',
    });
    assert.deepEqual(
      printed(
        'print a = dynamic_to_json(dynamic([{"b":1,"a":"x"}])), b = dynamic_to_json(5), c = dynamic_to_json(dynamic(null))',
      ),
      { a: '[{"a":"x","b":1}]', b: '5', c: '' },
    );
  });
  test('treepath', () => {
    assert.deepEqual(
      printed(`print a = treepath(parse_json('{"a":"b", "c":123}')), b = treepath(parse_json('{"prop1":[1,2,3,4], "prop2":"value2"}')),
c = treepath(parse_json('{"listProperty":[100,200,300,"abcde",{"x":"y"}]}'))`),
      {
        a: ["['a']", "['c']"],
        b: ["['prop1']", "['prop1'][0]", "['prop2']"],
        c: ["['listProperty']", "['listProperty'][0]", "['listProperty'][0]['x']"],
      },
    );
  });
});
