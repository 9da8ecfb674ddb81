/**
 * Loads one table of a data folder: from the load cache when it holds the same files, else from the
 * files, in one pass each, straight into typed columns (then stored in the cache for next time).
 */
import { Table } from '../../engine/table';
import type { KqlType } from '../../engine/values';
import { findColumn, findTable } from '../../schema/catalogue';
import { type ColumnAppender, columnAppender } from './columnAppenders';
import { appendCsvFileSplit, csvParts } from './csvSplit';
import { appendCsvFile } from './csvTable';
import { DataFileError, RefusedFileError } from './dataFileError';
import { FileWarnings, type LoadControl } from './fileBytes';
import { appendJsonFile, appendJsonlFile } from './jsonTable';
import { LateColumns, type LateColumnType } from './lateColumns';
import { loadCheck } from './loadTimeout';
import type { LoadCache } from './loadCache';
import { appendParquetFile } from './parquetTable';
import { SkippedColumn } from './skippedColumn';
import { inferredNoteOf, type SourceFile, type TableSource } from './tableSource';

export interface BuiltTable {
  readonly table: Table;
  /** Records left out or changed, each with file:line:column; files that could not be read. */
  readonly warnings: readonly string[];
  readonly fromCache: boolean;
  /** JSON Lines: every column found past the files' heads, whether this load kept it or not. */
  readonly late?: readonly LateColumnType[];
}

interface Build {
  readonly source: TableSource;
  readonly control: LoadControl;
  readonly names: string[];
  readonly appenders: ColumnAppender[];
  readonly inferredNote: (j: number, reason: string) => string;
  readonly warnings: string[];
  /** For JSON Lines: keys the columns lack, which become columns (lateColumns.ts). */
  readonly late?: LateColumns;
  readonly totalBytes: number;
  doneBytes: number;
  rows: number;
}

/**
 * The type a late key of the table gets: the catalogue's for its columns (a table it knows takes no
 * other key, as the scan of its files' heads does), else null (inferred from its values).
 */
function lateColumnType(table: string): (key: string) => KqlType | null | undefined {
  const known = findTable(table);
  return (key) => (known ? findColumn(known, key)?.type : null);
}

/**
 * `only`: the columns to keep (the others are checked, not kept); all of them when undefined. Its
 * names the files' heads lack are JSON Lines keys first seen later, kept if found.
 */
function startBuild(source: TableSource, control: LoadControl, only?: ReadonlySet<string>): Build {
  const names = source.columns.map((c) => c.name);
  return {
    source,
    control,
    names,
    appenders: source.columns.map((c) =>
      !only || only.has(c.name) ? columnAppender(c.type) : new SkippedColumn(c.type),
    ),
    inferredNote: inferredNoteOf(names, source.inferred),
    warnings: [],
    late: source.files[0]?.format === 'jsonl' ? new LateColumns(lateColumnType(source.name), only) : undefined,
    totalBytes: source.files.reduce((a, f) => a + f.size, 0),
    doneBytes: 0,
    rows: 0,
  };
}

interface FileRead {
  readonly warnings: FileWarnings;
  /** Progress within the file (bytes read, rows so far); also where a cancellation throws. */
  readonly report: (read: number, fileRows: number) => void;
}

function beginFile(b: Build, index: number): FileRead {
  const { source, control } = b;
  let readNow = 0;
  let rowsNow = 0;
  // A timeout during the load names the table and how far it got (loadTimeout.ts).
  const check = loadCheck(
    control,
    source.name,
    () => b.doneBytes + readNow,
    b.totalBytes,
    () => ({
      filesDone: index,
      files: source.files.length,
      rows: b.rows + rowsNow,
    }),
  );
  check?.();
  return {
    warnings: new FileWarnings(b.warnings),
    report: (read, fileRows) => {
      readNow = read;
      rowsNow = fileRows;
      check?.();
      control.progress?.({
        table: source.name,
        filesDone: index,
        files: source.files.length,
        rows: b.rows + fileRows,
        bytes: b.doneBytes + read,
        totalBytes: b.totalBytes,
      });
    },
  };
}

/** Rows of a text file (CSV, JSON, JSON Lines), read synchronously. */
function appendTextFile(b: Build, file: SourceFile, f: FileRead): number {
  const { names, appenders, inferredNote } = b;
  if (file.format === 'csv') {
    const parts = csvParts(file.path, file.size);
    if (parts > 1) {
      const columns = {
        types: b.source.columns.map((c) => c.type),
        keep: appenders.map((a) => !(a instanceof SkippedColumn)),
        inferred: b.source.inferred,
      };
      return appendCsvFileSplit(
        file.path,
        names,
        appenders,
        f.warnings,
        inferredNote,
        f.report,
        file.size,
        parts,
        columns,
      );
    }
    return appendCsvFile(file.path, names, appenders, f.warnings, inferredNote, f.report, file.size);
  }
  if (file.format === 'jsonl') {
    b.late?.level(b.rows);
    return appendJsonlFile(file.path, names, appenders, f.warnings, inferredNote, f.report, b.late);
  }
  if (file.format === 'json') {
    return appendJsonFile(file.path, names, appenders, f.warnings, inferredNote, file.table);
  }
  throw new Error(
    `Table ${b.source.name} is read from ${file.format} files, which load before the query that reads them runs, not during it`,
  );
}

/** A file that fails part-way keeps its records before the problem; anything but a file's problem goes on up. */
function fileFailed(b: Build, e: unknown, f: FileRead): void {
  if (!(e instanceof DataFileError)) {
    throw e;
  }
  // The columns are brought level; a refused file's records are all dropped (b.rows: the rows before it).
  const n = e instanceof RefusedFileError ? b.rows : Math.min(...b.appenders.map((a) => a.length));
  b.appenders.forEach((a) => {
    while (a.length > n) {
      a.pop();
    }
  });
  b.rows = n;
  f.warnings.add(e.message);
}

function endFile(b: Build, file: SourceFile, f: FileRead): void {
  f.warnings.close(file.path);
  b.doneBytes += file.size;
}

function finishBuild(b: Build, cache: LoadCache | undefined): BuiltTable {
  const { source, control, appenders, rows, warnings } = b;
  control.progress?.({
    table: source.name,
    filesDone: source.files.length,
    files: source.files.length,
    rows,
    bytes: b.totalBytes,
    totalBytes: b.totalBytes,
  });
  const kept = source.columns.flatMap((c, j) =>
    appenders[j] instanceof SkippedColumn ? [] : [{ name: c.name, column: appenders[j]!.finish() }],
  );
  const late = b.late?.finish(rows, (w) => warnings.push(w)) ?? [];
  const table = new Table([...kept, ...late], rows, source.name);
  if (kept.length === source.columns.length) {
    const inferred = [...source.inferred, ...late.filter((c) => c.inferred).map((c) => c.name)];
    cache?.write(source.name, source.files, table, inferred, warnings);
  }
  return { table, warnings, fromCache: false, late: b.late?.found() };
}

function fromCache(source: TableSource, cache: LoadCache | undefined): BuiltTable | undefined {
  const cached = cache?.read(source.name, source.files);
  return cached && { table: cached.table, warnings: cached.warnings, fromCache: true };
}

/** Whether the table has files only `buildTableAsync` reads (Parquet). */
export function needsAsyncBuild(source: TableSource): boolean {
  return source.files.some((f) => f.format === 'parquet');
}

/** Builds a table of text files (CSV, JSON, JSON Lines) now; Parquet tables need `buildTableAsync`. */
export function buildTable(source: TableSource, control: LoadControl = {}, cache?: LoadCache): BuiltTable {
  const cached = fromCache(source, cache);
  if (cached) {
    return cached;
  }
  return buildText(startBuild(source, control), cache);
}

/**
 * Builds only the columns named (in the table's order, then JSON Lines keys first seen past the heads,
 * in the order found) from text files, with the rows the whole table would have: the other columns'
 * values are checked as they would be, not kept. Never cached.
 */
export function buildTableColumns(
  source: TableSource,
  columns: readonly string[],
  control: LoadControl = {},
): BuiltTable {
  return buildText(startBuild(source, control, new Set(columns)), undefined);
}

function buildText(b: Build, cache: LoadCache | undefined): BuiltTable {
  const { source } = b;
  source.files.forEach((file, index) => {
    const f = beginFile(b, index);
    try {
      b.rows += appendTextFile(b, file, f);
    } catch (e) {
      fileFailed(b, e, f);
    }
    endFile(b, file, f);
  });
  return finishBuild(b, cache);
}

/** Builds a table of any format, Parquet included (hyparquet decodes asynchronously). */
export async function buildTableAsync(
  source: TableSource,
  control: LoadControl = {},
  cache?: LoadCache,
): Promise<BuiltTable> {
  const cached = fromCache(source, cache);
  if (cached) {
    return cached;
  }
  const b = startBuild(source, control);
  for (const [index, file] of source.files.entries()) {
    const f = beginFile(b, index);
    try {
      // A Parquet file's progress is by row group: its share of the file's bytes.
      b.rows +=
        file.format === 'parquet'
          ? await appendParquetFile(
              file.path,
              b.names,
              b.appenders,
              f.warnings,
              b.inferredNote,
              (done, groups, fileRows) => f.report(Math.round((file.size * done) / groups), fileRows),
            )
          : appendTextFile(b, file, f);
    } catch (e) {
      fileFailed(b, e, f);
    }
    endFile(b, file, f);
  }
  return finishBuild(b, cache);
}
