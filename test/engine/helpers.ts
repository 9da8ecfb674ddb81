import { Database, type ExecuteOptions, type ExecutionResult, executeQuery, Table } from '../../src/engine';
import type { KqlType, Value } from '../../src/engine/values';
import { ticksFromMs } from '../../src/engine/values';
import { withNullPrototypes } from '../../src/results/jsonData';
import { plainBags } from './bagData';

export function ticks(iso: string): number {
  return ticksFromMs(Date.parse(iso));
}

/** A small database: T (events) and Machines, used across the operator tests. */
export function smallDatabase(): Database {
  const events = Table.fromRows(
    [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'BytesSent', type: 'long' },
      { name: 'Direction', type: 'string' },
      { name: 'Tags', type: 'dynamic' },
    ],
    [
      [ticks('2024-01-01T00:10:00Z'), 'web01', 100, 'outbound', ['a', 'b']],
      [ticks('2024-01-01T00:20:00Z'), 'web01', 50, 'inbound', []],
      [ticks('2024-01-01T01:05:00Z'), 'db01', 300, 'outbound', null],
      [ticks('2024-01-01T01:30:00Z'), 'web02', null, 'outbound', ['c']],
      // Bags are null-prototype objects, as the loaders make them.
      [ticks('2024-01-01T02:45:00Z'), 'db01', 200, 'inbound', withNullPrototypes({ k: 1 })],
    ],
    'T',
  );
  const machines = Table.fromRows(
    [
      { name: 'Computer', type: 'string' },
      { name: 'OS', type: 'string' },
      { name: 'Cores', type: 'int' },
    ],
    [
      ['web01', 'Linux', 2],
      ['db01', 'Windows', 8],
      ['app01', 'Linux', 4],
    ],
    'Machines',
  );
  return new Database([events, machines]);
}

export interface Result {
  readonly columns: string[];
  readonly types: KqlType[];
  readonly rows: Value[][];
  readonly result: ExecutionResult;
}

export function run(query: string, db: Database = smallDatabase(), options: ExecuteOptions = {}): Result {
  const result = executeQuery(query, db, { now: ticks('2024-01-01T03:00:00Z'), ...options });
  const table = result.tables[0]!.table;
  return {
    columns: table.columns.map((c) => c.name),
    types: table.columns.map((c) => c.column.type),
    rows: plainBags(table.rows()),
    result,
  };
}
