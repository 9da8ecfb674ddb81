/**
 * Rows of a dynamic column may share one value: the CSV loaders and the load cache give every row
 * read from the same text the same array or bag. That is only sound while nothing in the engine
 * changes a column's value in place, which these tests pin: every function and operator that builds
 * a dynamic value from another runs over rows sharing one, and afterwards each row still reads as
 * it was loaded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Database, Table } from '../../src/engine';
import { DynamicColumn, NumberColumn } from '../../src/engine/column';
import type { DynamicValue } from '../../src/engine/values';
import { withNullPrototypes } from '../../src/results/jsonData';
import { run } from './helpers';

// Odd, so that a change made once a row (an in-place reverse) does not undo itself.
const ROWS = 5;

function sharedDatabase(): { db: Database; array: DynamicValue; bag: DynamicValue; nested: DynamicValue } {
  const array: DynamicValue = [3, 1, 'b', 2, null, 'a'];
  const bag = withNullPrototypes({ k: 1, n: { x: 1, y: [2, 1] }, z: 'q' }) as DynamicValue;
  const nested: DynamicValue = [[2, 1], withNullPrototypes({ m: [3, 2] }) as DynamicValue];
  const table = new Table(
    [
      {
        name: 'Id',
        column: new NumberColumn(
          'long',
          Float64Array.from({ length: ROWS }, (_v, i) => i),
        ),
      },
      { name: 'A', column: new DynamicColumn(new Array(ROWS).fill(array)) },
      { name: 'B', column: new DynamicColumn(new Array(ROWS).fill(bag)) },
      { name: 'N', column: new DynamicColumn(new Array(ROWS).fill(nested)) },
    ],
    ROWS,
    'S',
  );
  return { db: new Database([table]), array, bag, nested };
}

/** Each query builds a dynamic value from the shared ones, the way a user's query would. */
const QUERIES = [
  'S | extend r = array_sort_asc(A)',
  'S | extend r = array_sort_desc(A)',
  'S | extend r = array_sort_asc(A, A)',
  'S | extend r = array_reverse(A)',
  'S | extend r = array_reverse(N)',
  'S | extend r = array_concat(A, A, N)',
  'S | extend r = array_slice(A, 1, 3)',
  'S | extend r = array_split(A, 2)',
  'S | extend r = array_shift_left(A, 1)',
  'S | extend r = array_rotate_right(A, 2)',
  'S | extend r = array_iff(A, A, A)',
  'S | extend r = set_union(A, N)',
  'S | extend r = set_intersect(A, A)',
  'S | extend r = set_difference(A, dynamic([1]))',
  'S | extend r = zip(A, N)',
  "S | extend r = bag_set_key(B, 'k', 2)",
  "S | extend r = bag_set_key(B, 'n.x', 5)",
  "S | extend r = bag_set_key(B, 'new', A)",
  'S | extend r = bag_merge(B, bag_pack("k", 9, "w", A))',
  "S | extend r = bag_remove_keys(B, dynamic(['k', 'n.x']))",
  "S | extend r = bag_remove_keys(B, dynamic(['absent']))",
  "S | extend r = bag_pack('a', A, 'b', B)",
  'S | extend r = pack_array(A, B, N)',
  'S | extend r = pack_all()',
  'S | extend r = parse_json(A), s = parse_json(B), t = todynamic(N)',
  'S | extend r = A, s = B | extend r2 = array_sort_asc(r)',
  'S | mv-expand A',
  'S | mv-expand B',
  'S | mv-expand N to typeof(dynamic)',
  'S | mv-expand with_itemindex=i A, N',
  'S | mv-apply e = A on (extend f = e)',
  'S | mv-apply e = A to typeof(long) on (order by e asc)',
  'S | mv-apply e = N on (summarize make_list(e))',
  'S | summarize make_list(A), make_set(A), make_bag(B), make_list_with_nulls(N)',
  'S | summarize make_set(N), make_bag_if(B, Id > 0), make_list_if(A, Id > 1) by Id % 2',
  'S | summarize make_list(A) | extend s = array_sort_asc(list_A)',
  'S | summarize l = make_set(A) | mv-expand l',
  'S | extend r = series_fill_const(A, 0)',
  'S | extend r = series_fill_forward(A)',
  'S | extend r = series_fill_backward(A)',
  'S | extend r = series_fill_linear(A)',
  'S | extend r = series_add(A, A)',
  'S | extend r = series_decompose(A)',
  'S | extend r = treepath(B)',
  'S | extend r = bag_keys(B)',
  'S | extend r = bag_zip(A, A)',
  'S | order by Id desc | extend r = array_sort_desc(A)',
  'S | summarize count() by tostring(A), tostring(B)',
  'S | union S | summarize make_list(A)',
  'S | join kind=inner (S | extend A2 = array_reverse(A)) on Id',
  'S | evaluate bag_unpack(B)',
  'S | extend r = dynamic_to_json(B), s = tostring(A)',
];

test('functions and operators over rows sharing one dynamic value leave every row as loaded', () => {
  const failures: string[] = [];
  for (const query of QUERIES) {
    // A database a query, so that a failure names the query that changed a value.
    const { db, array, bag, nested } = sharedDatabase();
    const expected = JSON.parse(JSON.stringify([array, bag, nested])) as unknown;
    try {
      run(query, db);
    } catch (e) {
      failures.push(`${query}: threw ${(e as Error).message}`);
      continue;
    }
    const { rows } = run('S | project A, B, N', db);
    for (let r = 0; r < ROWS; r++) {
      try {
        assert.deepEqual(rows[r], expected);
      } catch {
        failures.push(`${query}: row ${r + 1} now reads ${JSON.stringify(rows[r])}`);
        break;
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('a query that changes one row of a shared value gives the changed value to that row alone', () => {
  const { db } = sharedDatabase();
  const { rows } = run(
    "S | extend A = iff(Id == 0, array_sort_asc(A), A), B = iff(Id == 0, bag_set_key(B, 'k', 7), B) | project A, B",
    db,
  );
  assert.deepEqual(rows[0], [[1, 2, 3, 'a', 'b', null], { k: 7, n: { x: 1, y: [2, 1] }, z: 'q' }]);
  for (let r = 1; r < ROWS; r++) {
    assert.deepEqual(rows[r], [[3, 1, 'b', 2, null, 'a'], { k: 1, n: { x: 1, y: [2, 1] }, z: 'q' }]);
  }
});
