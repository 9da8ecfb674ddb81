/**
 * A query on a data folder that names what the folder lacks fails in Kusto's words ("The name
 * 'LinksFailed' does not refer to any known column…"), which reads like a typo in the query. When the
 * name is one of the VM insights tables, or a column of one the query reads, the error instead says
 * what is missing from which file, and what the folder has: the user's export left it out.
 */
import { tablesNamedIn } from '../../data/loaders/queryTables';
import { describeFiles, type TableSource } from '../../data/loaders/tableSource';
import { KqlError } from '../../kql/errors';
import { findTable } from '../../schema/catalogue';
import { tableOrigin } from '../../schema/tableOrigins';

/** The data folder as a query sees it: where it is and its tables now (a refresh changes them). */
export interface FolderView {
  readonly dir: string;
  readonly tables: readonly TableSource[];
}

const UNKNOWN_NAME = /The name '([^']+)' does not refer to any known (column|table)/;

function missingTable(name: string, folder: FolderView): string | undefined {
  if (!findTable(name) || folder.tables.some((t) => t.name === name)) return undefined;
  const origin = tableOrigin(name);
  const have = folder.tables.map((t) => t.name).sort((a, b) => a.localeCompare(b));
  const writer = origin ? ` ${name} is written by ${origin}.` : '';
  return `The data folder has no ${name} table (no ${name}.csv, .json, .jsonl or .parquet file, nor an am-${name}/ export tree).${writer} Its tables: ${have.join(', ')}.`;
}

function missingColumn(name: string, query: string, folder: FolderView): string | undefined {
  const read = new Set(
    tablesNamedIn(
      query,
      folder.tables.map((t) => t.name),
    ),
  );
  const gaps = folder.tables.filter(
    (t) =>
      read.has(t.name) &&
      findTable(t.name)?.columns.some((c) => c.name === name) === true &&
      !t.columns.some((c) => c.name === name),
  );
  if (gaps.length === 0) return undefined;
  return gaps
    .map(
      (t) =>
        `${t.name} has no column '${name}' in the data folder: ${describeFiles(folder.dir, t)} was exported without it (VM insights' ${t.name} has it).`,
    )
    .join(' ');
}

/** The error saying what the folder lacks, at the same place; other errors unchanged. */
export function explainFolderGap(error: unknown, query: string, folder: FolderView | undefined): unknown {
  if (!folder || !(error instanceof KqlError)) return error;
  const m = UNKNOWN_NAME.exec(error.message);
  if (!m) return error;
  const note = m[2] === 'table' ? missingTable(m[1]!, folder) : missingColumn(m[1]!, query, folder);
  if (!note) return error;
  // Kusto's wording would only repeat the name, as if the query were wrong.
  return new KqlError(error.code, note, error.range, error.start, error.end);
}
