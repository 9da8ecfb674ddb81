/**
 * Reals stay reals inside dynamic values, as in Kusto: a whole-number real keeps its type (gettype
 * 'real') and prints with its `.0`, and a long stays a long. Expected values follow the reference's
 * examples (series_ceiling's `[-1.0,1.0,3.0]` beside its input `[-1.5,1,2.5]`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';
import { toWire } from '../../src/engine/wireValues';

/** The rows' values as strings: what tostring() of each column gives. */
function texts(query: string): string[][] {
  const r = run(query);
  return r.rows.map((row) => row.map((v) => (typeof v === 'string' ? v : String(v))));
}

test("series_ceiling of the reference's example gives reals: [-1.0,1.0,3.0], the input keeps its long 1", () => {
  assert.deepEqual(
    texts(
      'print s = dynamic([-1.5,1,2.5]) | extend c = series_ceiling(s) | project s = tostring(s), c = tostring(c), t1 = gettype(c[1]), ts = gettype(s[1])',
    ),
    [['[-1.5,1,2.5]', '[-1.0,1.0,3.0]', 'real', 'int']],
  );
});

test('the series_* arithmetic computes in reals: series_add of two long arrays gives reals, comparisons give bools', () => {
  assert.deepEqual(
    texts(
      'print a = series_add(dynamic([1,2]), dynamic([3,4])), g = series_greater(dynamic([1,2]), 1) | project a = tostring(a), g = tostring(g)',
    ),
    [['[4.0,6.0]', '[false,true]']],
  );
});

test('make_list and make_set of a real column keep whole numbers as reals', () => {
  assert.deepEqual(
    texts(
      'range x from 1 to 3 step 1 | extend r = todouble(x) | summarize l = make_list(r), s = make_set(r), n = make_list(x) | project l = tostring(l), s = tostring(s), n = tostring(n), t = gettype(l[0])',
    ),
    [['[1.0,2.0,3.0]', '[1.0,2.0,3.0]', '[1,2,3]', 'real']],
  );
});

test('42.0 in a bag stays a real, in a literal, in bag_pack and in parse_json; 42 stays a long', () => {
  assert.deepEqual(
    texts(`print d = dynamic({"a": 42.0, "b": 42}), p = bag_pack("a", 42.0, "b", 42), j = parse_json('{"a": 42.0, "b": 42, "c": 4.2e1, "s": "1.0"}')
      | project d = tostring(d), p = tostring(p), j = tostring(j), ta = gettype(d.a), tb = gettype(d.b), tc = gettype(j.c), ts = gettype(j.s)`),
    [
      [
        '{"a":42.0,"b":42}',
        '{"a":42.0,"b":42}',
        '{"a":42.0,"b":42,"c":42.0,"s":"1.0"}',
        'real',
        'int',
        'real',
        'string',
      ],
    ],
  );
});

test("series_fill_linear keeps element types: the reference's real series interpolates exactly, its long series truncates", () => {
  const r = run(`print d = dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]),
      i = dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null])
    | project fd = series_fill_linear(d), fi = series_fill_linear(i)
    | project fd, fi, sd = tostring(fd), si = tostring(fi), t0 = gettype(fd[0]), t2 = gettype(fd[2]), i2 = gettype(fi[2])`);
  const [fd, , sd, si, t0, t2, i2] = r.rows[0]!;
  assert.deepEqual(
    (fd as unknown[]).map((x) => Math.round(Number(x) * 1000) / 1000),
    [111, 111, 73.5, 36, 41, 32.667, 24.333, 16, 61, 33, 33, 33],
  );
  assert.ok(String(sd).startsWith('[111.0,111.0,73.5,36.0,41.0,32.66'), String(sd));
  assert.equal(si, '[111,111,73,36,41,32,24,16,61,33,33,33]');
  assert.deepEqual([t0, t2, i2], ['real', 'real', 'int']);
});

test('series_fill_forward keeps a real a real', () => {
  assert.deepEqual(run('print f = tostring(series_fill_forward(dynamic([1.0, null, 2])))').rows, [['[1.0,1.0,2]']]);
});

test('a marked real still reads as its number: conversions, arithmetic, comparisons, sorting', () => {
  assert.deepEqual(
    run(`print d = dynamic([3.0, 1, 2.0, -1.0])
      | project r = toreal(d[0]) + 1, l = tolong(d[0]) * 2, i = toint(d[2]), b = tobool(d[3]), gt = d[0] > 2, sorted = tostring(array_sort_asc(d)), sum = array_sum(d)`)
      .rows,
    [[4, 6, 2, true, true, '[-1.0,1,2.0,3.0]', 5]],
  );
});

test('mv-expand gives each real element its type; to typeof(long) converts it', () => {
  assert.deepEqual(
    run('print d = dynamic([1.0, 2.5, 3]) | mv-expand d | project t = gettype(d), s = tostring(d), l = tolong(d)').rows,
    [
      ['real', '1', 1],
      ['real', '2.5', 2],
      ['int', '3', 3],
    ],
  );
  assert.deepEqual(run('print d = dynamic([1.0, 2.0]) | mv-expand d to typeof(long)').rows, [[1], [2]]);
});

test('buildschema and array_sort see a marked real as a number, not a bag', () => {
  assert.deepEqual(run('print d = dynamic({"x": 1.0}) | summarize s = buildschema(d) | project s = tostring(s)').rows, [
    ['{"x":"double"}'],
  ]);
});

test('the wire carries a marked real as its exact JSON text (a marker object would cross a worker as a bag)', () => {
  const r = run('print c = series_ceiling(dynamic([-1.5,1,2.5])), b = bag_pack("a", 42.0), p = dynamic([1, 2.5])');
  assert.equal(toWire(r.rows[0]![0]!, 'dynamic'), '[-1.0,1.0,3.0]');
  assert.equal(structuredClone(toWire(r.rows[0]![1]!, 'dynamic')), '{"a":42.0}');
  // A value plain JSON holds exactly stays a JSON value.
  assert.deepEqual(toWire(r.rows[0]![2]!, 'dynamic'), [1, 2.5]);
});
