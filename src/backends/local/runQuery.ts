/**
 * Runs a query on the engine and shapes the answer as the Log Analytics API does (wire values, the
 * primary result first), the same in the worker and in process (the CLI).
 */

import { tablesNamedIn } from '../../data/loaders/queryTables';
import { executeQuery } from '../../engine';
import type { Database } from '../../engine/database';
import type { Table } from '../../engine/table';
import { ticksFromMs } from '../../engine/values';
import { toWire } from '../../engine/wireValues';
import {
  DEFAULT_ROW_LIMIT,
  type QueryResult,
  type ResultTable,
  type TimeRange,
  type WireValue,
} from '../../results/queryResult';
import { explainFailedTable, parseFailedFile } from './failedFiles';
import { explainFolderGap, type FolderView } from './folderGaps';
import { rowJsonBytes } from './jsonBytes';
import { DEFAULT_RESULT_BYTE_LIMIT, formatBytes } from './resultSize';
import { timeRangeTicks } from './timeRange';

export interface LocalRunOptions {
  readonly timeRange?: TimeRange;
  readonly rowLimit?: number;
  /** Date.now() milliseconds past which the query stops with a QueryTimeoutError. */
  readonly deadline?: number;
  readonly isCancelled?: () => boolean;
  /** "now" for now()/ago() and duration time ranges, in ms; default the current time. */
  readonly nowMs?: number;
  /** Bytes the query may grow in the engine (default 1 GB). */
  readonly memoryLimitBytes?: number;
  /** Values of the query's `declare query_parameters`, by name, as text (engine ExecuteOptions.parameters). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Bytes of each result table's rows as JSON (default 64 MB); the rows past it are dropped with a notice. */
  readonly resultByteLimit?: number;
  /** Shown with the result (e.g. files of the data folder that could not be loaded). */
  readonly warnings?: readonly string[];
  /** The data folder the tables come from, so an error about a table or column it lacks says so. */
  readonly folder?: FolderView;
}

/**
 * The table as wire rows, stopping before the row that would take the rows' JSON (as the REST API
 * writes them) past `byteLimit` (then `cut` is set).
 */
export function toResultTable(
  name: string,
  table: Table,
  byteLimit = Infinity,
): ResultTable & { readonly cut?: boolean } {
  const columns = table.columns.map((c) => ({ name: c.name, type: c.column.type }));
  const rows: WireValue[][] = [];
  const cols = table.columns.map((c) => c.column);
  // The rows' JSON array: its `[`, then each row and the `,` or `]` after it.
  let bytes = 1;
  for (let r = 0; r < table.rowCount; r++) {
    const row: WireValue[] = new Array(cols.length);
    for (let j = 0; j < cols.length; j++) {
      row[j] = toWire(cols[j]!.get(r), cols[j]!.type);
    }
    bytes += rowJsonBytes(row, columns) + 1;
    if (bytes > byteLimit) {
      return { name, columns, rows, cut: true };
    }
    rows.push(row);
  }
  return { name, columns, rows };
}

/**
 * The data folder's warnings that concern this query: those about the files of tables it names, of
 * files that did not load at all (their table is missing from every query), and those that name no
 * file. A skipped line of another table's file would only be noise here (the Problems panel lists it).
 */
function warningsFor(query: string, warnings: readonly string[], db: Database): string[] {
  const files = warnings.map(parseFailedFile);
  const loaded = new Set(db.tableNames);
  const tables = [...new Set(files.flatMap((f) => (f && loaded.has(f.table) ? [f.table] : [])))];
  const named = new Set(tablesNamedIn(query, tables));
  return warnings.filter((_, i) => {
    const f = files[i];
    return f === undefined || !loaded.has(f.table) || named.has(f.table);
  });
}

export function runLocalQuery(db: Database, query: string, options: LocalRunOptions = {}): QueryResult {
  const started = Date.now();
  const nowMs = options.nowMs ?? started;
  let result;
  try {
    result = executeQuery(query, db, {
      now: ticksFromMs(nowMs),
      timeRange: timeRangeTicks(options.timeRange, nowMs),
      rowLimit: options.rowLimit ?? DEFAULT_ROW_LIMIT,
      isCancelled: options.isCancelled,
      deadline: options.deadline,
      memoryLimitBytes: options.memoryLimitBytes,
      parameters: options.parameters,
    });
  } catch (e) {
    const failed = explainFailedTable(e, options.warnings ?? []);
    throw failed === e ? explainFolderGap(e, query, options.folder) : failed;
  }
  const byteLimit = options.resultByteLimit ?? DEFAULT_RESULT_BYTE_LIMIT;
  const warnings = [...warningsFor(query, options.warnings ?? [], db), ...result.warnings];
  let cut = false;
  const tables = result.tables.map((t) => {
    const wire = toResultTable(t.name, t.table, byteLimit);
    if (wire.cut) {
      cut = true;
      warnings.push(
        `The result ${t.name} is larger than ${formatBytes(byteLimit)}; only its first ${wire.rows.length} rows are shown (the size limit).`,
      );
    }
    return { name: wire.name, columns: wire.columns, rows: wire.rows };
  });
  return {
    tables,
    render: result.render,
    stats: {
      backend: 'local',
      durationMs: Date.now() - started,
      rowCount: tables[0]?.rows.length ?? 0,
      truncated: result.truncated || cut,
    },
    warnings,
  };
}
