/**
 * What a table of a data folder is made of before it is loaded: its files (one or many, in one
 * format) and its columns with their types, known without reading every row.
 */
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
  const base = file.replace(/\\/g, '/').split('/').pop()!;
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
