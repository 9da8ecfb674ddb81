/** evaluate rows_near, against the reference's example and the rows before/after rules it states. */

import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './helpers';

const STATES = `datatable (Timestamp:datetime, Value:long, State:string)
[
    datetime(2021-06-01), 1, "Success",
    datetime(2021-06-02), 4, "Success",
    datetime(2021-06-03), 3, "Success",
    datetime(2021-06-04), 11, "Success",
    datetime(2021-06-05), 15, "Success",
    datetime(2021-06-06), 2, "Success",
    datetime(2021-06-07), 19, "Error",
    datetime(2021-06-08), 12, "Success",
    datetime(2021-06-09), 7, "Success",
    datetime(2021-06-10), 9, "Success",
    datetime(2021-06-11), 4, "Success",
    datetime(2021-06-12), 1, "Success",
]
| sort by Timestamp asc
`;

test('rows_near: the reference example, two rows either side of the Error, columns unchanged', () => {
  const r = run(`${STATES}| evaluate rows_near(State == "Error", 2)`);
  assert.deepEqual(r.columns, ['Timestamp', 'Value', 'State']);
  assert.deepEqual(
    r.rows.map((row) => [row[1], row[2]]),
    [
      [15, 'Success'],
      [2, 'Success'],
      [19, 'Error'],
      [12, 'Success'],
      [7, 'Success'],
    ],
  );
});

test('rows_near: RowsAfter overrides the rows after; overlapping windows give each row once; windows stop at the ends', () => {
  const values = (q: string): unknown[] => run(`${STATES}| evaluate ${q}`).rows.map((row) => row[1]);
  assert.deepEqual(values('rows_near(State == "Error", 1, 3)'), [2, 19, 12, 7, 9]);
  assert.deepEqual(values('rows_near(State == "Error", 0, 0)'), [19]);
  assert.deepEqual(values('rows_near(Value > 10, 1)'), [3, 11, 15, 2, 19, 12, 7]);
  assert.deepEqual(values('rows_near(Value == 1, 1)'), [1, 4, 4, 1]);
  assert.deepEqual(values('rows_near(State == "Nope", 5)'), []);
});

test('rows_near: a count that is not a constant of 0 or more is an error at it', () => {
  assert.throws(
    () => run(`${STATES}| evaluate rows_near(State == "Error", -1)`),
    /NumRows is a constant count of rows/,
  );
  assert.throws(() => run(`${STATES}| evaluate rows_near(State == "Error", 1, Value)`), /RowsAfter|Value|constant/);
});
