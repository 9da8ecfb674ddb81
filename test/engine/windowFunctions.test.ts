import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { run, ticks } from './helpers';

// The examples of the Kusto reference pages, with their documented outputs.
const SALARIES = `datatable (name:string, month:int, salary:long) [
  "Alice", 1, 1000, "Bob", 1, 1000, "Alice", 2, 2000, "Bob", 2, 1950, "Alice", 3, 1400, "Bob", 3, 1450]`;
const DEPARTURES = `datatable (Airport:string, Airline:string, Departures:long) [
  "SEA", "LH", 3, "SEA", "LY", 100, "SEA", "UA", 3, "SEA", "BA", 2, "SEA", "EL", 3, "AMS", "EL", 1, "AMS", "BA", 1]`;

describe('window functions over serialized rows', () => {
  test('row_cumsum sums in row order and restarts where told', () => {
    assert.deepEqual(
      run('datatable (a:long) [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] | where a % 2 == 0 | serialize cs = row_cumsum(a)').rows,
      [
        [2, 2],
        [4, 6],
        [6, 12],
        [8, 20],
        [10, 30],
      ],
    );
    assert.deepEqual(
      run(
        `${SALARIES} | order by name asc, month asc | extend total = row_cumsum(salary, name != prev(name)) | project total`,
      ).rows,
      [[1000], [3000], [4400], [1000], [2950], [4400]],
    );
  });

  test('row_cumsum skips null terms and keeps the type of its term', () => {
    const r = run('datatable (x:real) [1.5, real(null), 2] | serialize s = row_cumsum(x)');
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      [1.5, 1.5, 3.5],
    );
    assert.deepEqual(r.types, ['real', 'real']);
  });

  test('row_number restarts at its start value where the condition is true', () => {
    const r = run('T | serialize | project Direction, n = row_number(10, Direction != prev(Direction))');
    assert.deepEqual(r.rows, [
      ['outbound', 10],
      ['inbound', 10],
      ['outbound', 10],
      ['outbound', 11],
      ['inbound', 10],
    ]);
  });

  test('row_rank_dense and row_rank_min, whole and partitioned', () => {
    const whole = run(
      `${DEPARTURES} | where Airport == "SEA" | sort by Departures asc | extend Dense = row_rank_dense(Departures), Min = row_rank_min(Departures) | project Departures, Dense, Min`,
    );
    assert.deepEqual(whole.rows, [
      [2, 1, 1],
      [3, 2, 2],
      [3, 2, 2],
      [3, 2, 2],
      [100, 3, 5],
    ]);
    const partitioned = run(
      `${DEPARTURES} | sort by Airport desc, Departures asc | extend Rank = row_rank_dense(Departures, prev(Airport) != Airport) | project Airport, Rank`,
    );
    assert.deepEqual(
      partitioned.rows.map((row) => row[1]),
      [1, 2, 2, 2, 3, 1, 1],
    );
    const items =
      run(`datatable(Category:string, Item:string, Value:int) ["A", "item1", 10, "A", "item2", 10, "A", "item3", 5, "A", "item4", 20, "B", "item2", 5, "B", "item1", 7]
      | sort by Category asc, Value asc | extend rank = row_rank_min(Value, Category != prev(Category)) | project Category, Value, rank`);
    assert.deepEqual(items.rows, [
      ['A', 5, 1],
      ['A', 10, 2],
      ['A', 10, 2],
      ['A', 20, 4],
      ['B', 5, 1],
      ['B', 7, 2],
    ]);
  });

  test('row_window_session starts sessions by distance from the first and from the neighbour', () => {
    const r = run(`datatable (ID:string, Timestamp:datetime) [
        "1", datetime(2024-04-11 10:00:00), "2", datetime(2024-04-11 10:18:00), "1", datetime(2024-04-11 11:00:00),
        "3", datetime(2024-04-11 11:30:00), "2", datetime(2024-04-11 13:30:00), "2", datetime(2024-04-11 10:16:00)]
      | sort by ID asc, Timestamp asc
      | extend SessionStarted = row_window_session(Timestamp, 1h, 5m, ID != prev(ID))`);
    const at = (hhmm: string) => ticks(`2024-04-11T${hhmm}:00Z`);
    assert.deepEqual(r.rows, [
      ['1', at('10:00'), at('10:00')],
      ['1', at('11:00'), at('11:00')],
      ['2', at('10:16'), at('10:16')],
      ['2', at('10:18'), at('10:16')],
      ['2', at('13:30'), at('13:30')],
      ['3', at('11:30'), at('11:30')],
    ]);
  });

  test('row_window_session: a null value ends the session and the next value starts one', () => {
    const r =
      run(`datatable (t:datetime) [datetime(2024-01-01 00:00), datetime(2024-01-01 00:01), datetime(null), datetime(2024-01-01 00:02)]
      | serialize s = row_window_session(t, 1h, 5m)`);
    const at = (mm: string) => ticks(`2024-01-01T00:${mm}:00Z`);
    assert.deepEqual(
      r.rows.map((row) => row[1]),
      [at('00'), at('00'), null, at('02')],
    );
  });

  test('a window function is computed over the rows in order, whichever rows a filter asks for', () => {
    // where evaluates its predicate row by row over the serialized input: the running sum at each row
    // is the sum of every row before it, kept or not.
    const r = run('range x from 1 to 6 step 1 | where row_cumsum(x) > 10 | project x');
    assert.deepEqual(r.rows, [[5], [6]]);
  });
});
