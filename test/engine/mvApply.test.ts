import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './helpers';

// The examples of the Kusto reference page for mv-apply, with their documented outputs.
describe('mv-apply', () => {
  test('expands each row and applies the subquery to its subtable', () => {
    const r = run(`datatable (index: int, Arr: dynamic) [0, dynamic([7]), 1, dynamic([6, 11, 7])]
      | mv-apply Arr2 = Arr to typeof(long) on (take 100)`);
    assert.deepEqual(r.columns, ['index', 'Arr', 'Arr2']);
    assert.deepEqual(r.types, ['int', 'dynamic', 'long']);
    assert.deepEqual(r.rows, [
      [0, [7], 7],
      [1, [6, 11, 7], 6],
      [1, [6, 11, 7], 11],
      [1, [6, 11, 7], 7],
    ]);
  });

  test("a per-row top and a per-row summarize keep the row's other columns", () => {
    const top = run(`datatable (index: int, Arr: dynamic) [0, dynamic([1, 5, 3]), 1, dynamic([10, 2, 5, 7])]
      | mv-apply topElem = Arr to typeof(long) on (top 1 by topElem)`);
    assert.deepEqual(top.rows, [
      [0, [1, 5, 3], 5],
      [1, [10, 2, 5, 7], 10],
    ]);
    const top2 = run(`datatable (index: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]
      | mv-apply Arr2 = Arr to typeof(long) on (top 2 by Arr2 | summarize Top2 = make_list(Arr2))`);
    assert.deepEqual(top2.columns, ['index', 'Arr', 'Top2']);
    assert.deepEqual(top2.rows, [
      [0, [5, 1, 3], [5, 3]],
      [1, [4, 10, 8, 7], [10, 8]],
    ]);
  });

  test("with_itemindex gives the subquery each element's position", () => {
    const r = run(`datatable (row: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]
      | mv-apply with_itemindex = index value = Arr to typeof(long) on (where index >= 2)`);
    assert.deepEqual(r.columns, ['row', 'Arr', 'value', 'index']);
    assert.deepEqual(r.rows, [
      [0, [5, 1, 3], 3, 2],
      [1, [4, 10, 8, 7], 8, 2],
      [1, [4, 10, 8, 7], 7, 3],
    ]);
  });

  test('several arrays expand side by side, the shorter padded with nulls', () => {
    const r = run(`datatable (Val: int, Arr1: dynamic, Arr2: dynamic) [
        1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']), 5, dynamic(['C1', 'C2']), dynamic(['D1'])]
      | mv-apply T1 = Arr1, T2 = Arr2 on (extend Out = strcat(T1, "_", T2) | summarize Out = make_list(Out))`);
    assert.deepEqual(
      r.rows.map((row) => row[3]),
      [
        ['A1_B1', 'A2_B2', '_B3'],
        ['C1_D1', 'C2_'],
      ],
    );
  });

  test("the subquery also runs for a row whose array is empty, and may read the row's columns", () => {
    const r = run('T | mv-apply t = Tags to typeof(string) on (summarize n = count()) | project Computer, n');
    assert.deepEqual(r.rows.slice(0, 2), [
      ['web01', 2],
      ['web01', 0],
    ]);
    const kept = run(
      'T | where Computer == "web01" | mv-apply Tags to typeof(string) on (where Tags != "b" and BytesSent > 60) | project Computer, Tags',
    );
    assert.deepEqual(kept.rows, [['web01', 'a']]);
  });
});
