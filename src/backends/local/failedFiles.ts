/**
 * Files of the data folder that failed to load, read back from the loader's warnings
 * (`file:line:col: reason`), so the Problems panel can point at them and a query on a table whose
 * file failed says so instead of only "unknown table".
 */
import * as path from 'node:path';
import { KqlError } from '../../kql/errors';

export interface FailedFile {
  readonly file: string;
  /** The table the file holds (or would have held): its name without the extension, or its export tree's `am-<Table>`. */
  readonly table: string;
  readonly line: number;
  /** 1 when the warning names only a line (a quote never closed: the rest of the file from there). */
  readonly column: number;
  readonly reason: string;
}

const WARNING = /^(.+\.(?:csv|json|jsonl|ndjson|parquet)(?:\.gz)?):(\d+)(?::(\d+))?: (.*)$/is;

export function parseFailedFile(warning: string): FailedFile | undefined {
  const m = WARNING.exec(warning);
  if (!m) return undefined;
  const file = m[1]!;
  const tree = file.split(/[\\/]/).find((s) => /^am-./i.test(s));
  const name = path.basename(file).replace(/\.gz$/i, '');
  return {
    file,
    table: tree ? tree.slice(3) : name.slice(0, name.length - path.extname(name).length),
    line: Number(m[2]),
    column: m[3] === undefined ? 1 : Number(m[3]),
    reason: m[4]!,
  };
}

const UNKNOWN_TABLE = /The name '([^']+)' does not refer to any known (?:table|column, table)/;

/**
 * The query's error, naming the file when it is about a table whose file failed to load:
 * "VMBoundPort.csv failed to load at 3:6: … (The name 'VMBoundPort' does not refer to …)".
 */
export function explainFailedTable(error: unknown, warnings: readonly string[]): unknown {
  if (!(error instanceof KqlError)) return error;
  const name = UNKNOWN_TABLE.exec(error.message)?.[1];
  if (!name) return error;
  const failed = warnings.map(parseFailedFile).find((f) => f?.table === name);
  if (!failed) return error;
  const message = `${path.basename(failed.file)} failed to load at ${failed.line}:${failed.column}: ${failed.reason} (${error.message})`;
  return new KqlError(error.code, message, error.range, error.start, error.end);
}
