/**
 * Runs a query on the engine and shapes the answer as the Log Analytics API does (wire values, the
 * primary result first), the same in the worker and in process (the CLI).
 */
import { toWire } from '../../engine/wireValues';
import { executeQuery } from '../../engine';
import type { Database } from '../../engine/database';
import type { Table } from '../../engine/table';
import { TICKS_PER_MILLISECOND } from '../../engine/values';
import { DEFAULT_ROW_LIMIT, type QueryResult, type ResultTable, type TimeRange, type WireValue } from '../../results/queryResult';
import { explainFailedTable } from './failedFiles';
import { timeRangeTicks } from './timeRange';

export interface LocalRunOptions {
  readonly timeRange?: TimeRange;
  readonly rowLimit?: number;
  /** Date.now() milliseconds past which the query stops with a QueryTimeoutError. */
  readonly deadline?: number;
  readonly isCancelled?: () => boolean;
  /** "now" for now()/ago() and duration time ranges, in ms; default the current time. */
  readonly nowMs?: number;
  /** Shown with the result (e.g. files of the data folder that could not be loaded). */
  readonly warnings?: readonly string[];
}

export function toResultTable(name: string, table: Table): ResultTable {
  const columns = table.columns.map((c) => ({ name: c.name, type: c.column.type }));
  const rows: WireValue[][] = new Array(table.rowCount);
  const cols = table.columns.map((c) => c.column);
  for (let r = 0; r < table.rowCount; r++) {
    const row: WireValue[] = new Array(cols.length);
    for (let j = 0; j < cols.length; j++) {
      row[j] = toWire(cols[j]!.get(r), cols[j]!.type);
    }
    rows[r] = row;
  }
  return { name, columns, rows };
}

export function runLocalQuery(db: Database, query: string, options: LocalRunOptions = {}): QueryResult {
  const started = Date.now();
  const nowMs = options.nowMs ?? started;
  let result;
  try {
    result = executeQuery(query, db, {
      now: nowMs * TICKS_PER_MILLISECOND,
      timeRange: timeRangeTicks(options.timeRange, nowMs),
      rowLimit: options.rowLimit ?? DEFAULT_ROW_LIMIT,
      isCancelled: options.isCancelled,
      deadline: options.deadline,
    });
  } catch (e) {
    throw explainFailedTable(e, options.warnings ?? []);
  }
  const tables = result.tables.map((t) => toResultTable(t.name, t.table));
  return {
    tables,
    render: result.render,
    stats: { backend: 'local', durationMs: Date.now() - started, rowCount: tables[0]?.rows.length ?? 0, truncated: result.truncated },
    warnings: [...(options.warnings ?? []), ...result.warnings],
  };
}
