import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Database, Table } from '../../src/engine';
import { valueToString } from '../../src/engine/valueText';
import { run } from './helpers';

/** Deterministic rows with duplicate and null join keys, null measures and right rows no left row meets. */
function joinDatabase(): Database {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const computers = ['a', 'b', 'c', 'd', null];
  const conns = Array.from({ length: 400 }, (_, i) => [
    computers[Math.floor(next() * computers.length)]!,
    next() < 0.1 ? null : Math.floor(next() * 1000),
    next() < 0.5 ? 'outbound' : 'inbound',
    i,
  ]);
  const machines = Array.from({ length: 30 }, (_, i) => [
    ['a', 'b', 'c', 'e', null][i % 5]!,
    ['Standard_D2', 'Standard_B1', null][i % 3]!,
    i % 4,
  ]);
  return new Database([
    Table.fromRows(
      [
        { name: 'Computer', type: 'string' },
        { name: 'BytesSent', type: 'long' },
        { name: 'Direction', type: 'string' },
        { name: 'Seq', type: 'long' },
      ],
      conns,
      'Conn',
    ),
    Table.fromRows(
      [
        { name: 'ComputerName', type: 'string' },
        { name: 'Size', type: 'string' },
        { name: 'Computer', type: 'long' },
      ],
      machines,
      'Machines',
    ),
  ]);
}

function sortedRows(query: string, db: Database): string[] {
  const r = run(query, db);
  return r.rows.map((row) => row.map((v, i) => valueToString(v, r.types[i]!)).join('|')).sort();
}

describe('summarize over a join, aggregated before joining', () => {
  const db = joinDatabase();
  for (const kind of ['inner', 'leftouter', 'rightouter', 'fullouter', 'innerunique']) {
    test(`${kind}: the same groups and values as joining first`, () => {
      const join = `Conn | join kind=${kind} (Machines) on $left.Computer == $right.ComputerName`;
      const aggregates = [
        'summarize sum(BytesSent), count(), min(BytesSent), max(BytesSent) by Computer, Size',
        'summarize total = sum(BytesSent), n = count() by Size, Direction',
        'summarize sum(BytesSent) by Computer1',
        'summarize count() by ComputerName',
      ];
      for (const agg of aggregates) {
        const eager = sortedRows(`${join} | ${agg}`, db);
        // A filter between join and summarize keeps the plan from taking the eager path.
        const plain = sortedRows(`${join} | where 1 == 1 | ${agg}`, db);
        assert.deepEqual(eager, plain, agg);
        assert.ok(eager.length > 0, agg);
      }
    });
  }

  test("the sample query's shape: a join that would be millions of pairs stays small", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`m${i % 10}`, i]);
    const hourly = Array.from({ length: 10 * 2_000 }, (_, i) => [`m${i % 10}`, `size${i % 10}`]);
    const big = new Database([
      Table.fromRows(
        [
          { name: 'Computer', type: 'string' },
          { name: 'BytesSent', type: 'long' },
        ],
        rows,
        'VMConnection',
      ),
      Table.fromRows(
        [
          { name: 'ComputerName_s', type: 'string' },
          { name: 'AzureVMSize_s', type: 'string' },
        ],
        hourly,
        'ServiceMapComputer_CL',
      ),
    ]);
    // Joined first this is 40 million pairs; aggregated first, 10 partials meet 2,000 rows each.
    const r = run(
      'VMConnection | join kind=fullouter (ServiceMapComputer_CL) on $left.Computer == $right.ComputerName_s | summarize sum(BytesSent) by Computer, AzureVMSize_s | sort by Computer asc',
      big,
    );
    assert.equal(r.rows.length, 10);
    const perMachine = (m: number) =>
      rows.filter((x) => (x[1] as number) % 10 === m).reduce((s, x) => s + (x[1] as number), 0);
    assert.deepEqual(r.rows[0], ['m0', 'size0', perMachine(0) * 2_000]);
    assert.deepEqual(r.columns, ['Computer', 'AzureVMSize_s', 'sum_BytesSent']);
  });
});
