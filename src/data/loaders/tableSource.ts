/**
 * What a table of a data folder is made of before it is loaded: its files (one or many, in one
 * format) and its columns with their types, known without reading every row.
 */
import * as path from 'node:path';
import type { KqlType } from '../../engine/values';

/**
 * The most columns a table of a data folder may have: Kusto's own limit per table (the Kusto reference,
 * "Columns"), so no Log Analytics export exceeds it. A header of 100,000 columns took two minutes and
 * a gigabyte to load one row.
 */
export const MAX_COLUMNS = 10_000;

export type FileFormat = 'csv' | 'json' | 'jsonl' | 'parquet';

export interface SourceFile {
  readonly path: string;
  readonly format: FileFormat;
  readonly size: number;
  readonly mtimeMs: number;
  /** For a REST response of several tables, the position of this table among its `tables` (else its primary one). */
  readonly table?: number;
}

export interface ColumnSpec {
  readonly name: string;
  readonly type: KqlType;
}

export interface TableSource {
  readonly name: string;
  readonly files: readonly SourceFile[];
  readonly columns: readonly ColumnSpec[];
  /** Columns whose type was inferred from a sample of the rows (not given by the catalogue or the file). */
  readonly inferred: readonly string[];
}

/** The file's format from its name (`.csv`, `.json`, `.jsonl`/`.ndjson`, `.parquet`, each optionally `.gz`). */
export function formatOf(file: string): FileFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.parquet')) return 'parquet';
  return undefined;
}

/** The table name a stand-alone file gives: its name without the format's extensions. */
export function tableNameOf(file: string): string {
  // path.basename: a backslash separates folders on Windows only (on Linux `a\b.csv` is one name).
  const base = path.basename(file);
  return base.replace(/\.gz$/i, '').replace(/\.(csv|jsonl|ndjson|json|parquet)$/i, '');
}

/** The note added to a record's refusal when the column's type was only inferred from a sample. */
export function inferredNoteOf(
  names: readonly string[],
  inferredColumns: readonly string[],
): (column: number, reason: string) => string {
  const inferred = new Set(inferredColumns);
  return (j, reason) =>
    inferred.has(names[j]!) && reason.startsWith('expected')
      ? ` (the column's type was inferred from the first rows)`
      : '';
}

/**
 * Line breaks, other control characters and the bidirectional-text controls (which reorder how the
 * text around them is shown: `evil\u202Evsc.csv` shows as `evilcsv.csv`): no export names a file with
 * them, a table named so could not be told apart in the Schema view or named in a query, so such a
 * file is skipped, its name shown with them escaped.
 */
const HIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function hasHiddenCharacters(name: string): boolean {
  HIDDEN_CHARACTERS.lastIndex = 0;
  return HIDDEN_CHARACTERS.test(name);
}

/** The text with each hidden character (see above) as its escape, `\n` or `\u202E`. */
export function showHiddenCharacters(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * The files a table was loaded from, as the user names them: "VMConnection.csv", or "the 4 files under
 * am-VMProcess/" for an export tree (paths relative to the data folder `dir`).
 */
export function describeFiles(dir: string, source: Pick<TableSource, 'files'>): string {
  const relative = source.files.map((f) => path.relative(dir, f.path).split(path.sep).join('/'));
  if (relative.length === 1) return relative[0]!;
  const top = relative[0]!.split('/')[0]!;
  const under = relative.every((r) => r.startsWith(`${top}/`)) ? ` under ${top}/` : '';
  return `the ${relative.length} files${under}`;
}
