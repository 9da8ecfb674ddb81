/**
 * A folder of files exported from Log Analytics as a database: its tables and columns are known at
 * once (scanDataFolder), each table's rows are loaded on the first query that reads it, so a query on
 * one table never waits for the others. The `.kql` files at its top may define stored functions
 * (functionFiles.ts), which its queries call. Problems are warnings naming file, line and column; the
 * rest of the folder (and of each file) still loads.
 */
import { type BuildControl, Database } from '../../engine/database';
import type { Table } from '../../engine/table';
import { findTable } from '../../schema/catalogue';
import { fileSource, scanDataFolder } from './dataFolder';
import type { LoadProgress } from './fileBytes';
import { readFunctionFiles } from './functionFiles';
import type { LateColumnType } from './lateColumns';
import type { LoadCache } from './loadCache';
import { namesIn, tablesNamedIn } from './queryTables';
import { buildTable, buildTableAsync, buildTableColumns, needsAsyncBuild } from './tableBuild';
import { describeFiles, type TableSource } from './tableSource';

export const DATA_FILE_EXTENSIONS = ['.csv', '.json', '.jsonl', '.ndjson', '.parquet'] as const;

export interface OpenOptions {
  readonly cache?: LoadCache;
  /** Progress of each table's load (files, rows, bytes). */
  readonly onProgress?: (p: LoadProgress) => void;
}

export interface OpenedFolder {
  readonly database: Database;
  readonly tables: readonly TableSource[];
  /** Scan warnings, then the warnings of each table as it is loaded (the array grows). */
  readonly warnings: string[];
  /**
   * Loads, before `query` runs, the tables it names that only an asynchronous reader can load
   * (Parquet); the query's other tables load when it reads them. `check` throws to stop (cancel).
   */
  prepare(query: string, check?: () => void): Promise<void>;
  /**
   * Loads now the JSON Lines tables `query` names (without the load cache, the columns its text names)
   * and makes the keys their records showed past the files' heads columns of the tables and of the
   * schema (Database.widen), so that `query`, analyzed next, can read them: for a command that runs
   * each query once (kql), where no later query would.
   * Returns the tables that gained columns. `check` throws to stop.
   */
  widenFor(query: string, check?: () => void): string[];
  /**
   * Re-reads the folder's list of files and replaces only the tables whose files changed (added,
   * removed, resized or touched): a table whose files are as they were keeps its loaded rows.
   */
  refresh(): FolderChanges;
}

export interface FolderChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** What identifies a table's files as unchanged: each path, size and modification time. */
function filesKey(source: TableSource): string {
  return source.files.map((f) => `${f.path}\u0000${f.size}\u0000${f.mtimeMs}`).join('\u0001');
}

function tableSchema(dir: string, source: TableSource) {
  const known = findTable(source.name);
  return {
    name: source.name,
    files: describeFiles(dir, source),
    group: known?.group ?? 'Loaded from files',
    description: known?.description ?? '',
    columns: source.columns.map((c) => ({
      name: c.name,
      type: c.type,
      description: (known && known.columns.find((k) => k.name === c.name)?.description) ?? '',
    })),
  };
}

/** The folder's tables as a database that loads each table on its first use. Throws only when the folder cannot be read. */
export function openDataFolder(dir: string, options: OpenOptions = {}): OpenedFolder {
  let scanned = scanDataFolder(dir, options.cache);
  let functions = readFunctionFiles(dir);
  const warnings: string[] = [];
  // Per table, so a reloaded table's old warnings go with it.
  const buildWarnings = new Map<string, readonly string[]>();
  const collect = () => {
    warnings.length = 0;
    warnings.push(...scanned.warnings, ...functions.warnings, ...[...buildWarnings.values()].flat());
  };
  // Each load of more of a table's columns checks the same records again: a warning is told once.
  const tell = (table: string, list: readonly string[]) => {
    const told = buildWarnings.get(table) ?? [];
    const fresh = list.filter((w) => !told.includes(w));
    buildWarnings.set(table, [...told, ...fresh]);
    warnings.push(...fresh);
  };
  // Tables loaded ahead of their query by `prepare`, until the database takes them.
  const prepared = new Map<string, Table>();
  const entry = (source: TableSource) => {
    // JSON Lines: the columns its last load of some columns found past the files' heads.
    let later: readonly LateColumnType[] = [];
    return {
      name: source.name,
      schema: tableSchema(dir, source),
      build: (control?: BuildControl) => {
        const early = prepared.get(source.name);
        if (early) {
          prepared.delete(source.name);
          return early;
        }
        const built = buildTable(source, { check: control?.check, progress: options.onProgress }, options.cache);
        tell(source.name, built.warnings);
        return built.table;
      },
      // Without a load cache a query loads only the columns it reads (of JSON Lines, it also finds the
      // keys first seen past the files' heads: columns that a later query loads). With one, the first
      // load reads them all, so that every later load of the same files, for any query, comes from the cache.
      buildColumns:
        options.cache || needsAsyncBuild(source)
          ? undefined
          : (columns: readonly string[], control?: BuildControl) => {
              const built = buildTableColumns(source, columns, {
                check: control?.check,
                progress: options.onProgress,
              });
              tell(source.name, built.warnings);
              later = built.late ?? [];
              return built.table;
            },
      laterColumns: () => later,
    };
  };
  collect();
  const database = Database.lazy(scanned.tables.map(entry));
  database.setFunctions(functions.functions);
  const prepare = async (query: string, check?: () => void) => {
    const asyncSources = scanned.tables.filter(needsAsyncBuild);
    const named = new Set(
      tablesNamedIn(
        query,
        asyncSources.map((s) => s.name),
      ),
    );
    for (const source of asyncSources) {
      if (named.has(source.name) && !database.isBuilt(source.name) && !prepared.has(source.name)) {
        const built = await buildTableAsync(source, { check, progress: options.onProgress }, options.cache);
        buildWarnings.set(source.name, built.warnings);
        warnings.push(...built.warnings);
        prepared.set(source.name, built.table);
      }
    }
  };
  const widenFor = (query: string, check?: () => void): string[] => {
    const jsonLines = scanned.tables.filter(isJsonLines).map((s) => s.name);
    for (const name of tablesNamedIn(query, jsonLines)) {
      // The columns the query's text names, so that the query itself seldom loads again (it loads what more it reads).
      const columns = database.schemas.find((s) => s.name === name)!.columns.map((c) => c.name);
      database.table(name, { check }, namesIn(query, columns));
    }
    return database.widen();
  };
  const refresh = (): FolderChanges => {
    const before = new Map(scanned.tables.map((t) => [t.name, filesKey(t)]));
    scanned = scanDataFolder(dir, options.cache);
    const reread = readFunctionFiles(dir);
    if (JSON.stringify(reread.functions) !== JSON.stringify(functions.functions)) {
      database.setFunctions(reread.functions);
    }
    functions = reread;
    const after = new Map(scanned.tables.map((t) => [t.name, t]));
    const added: string[] = [];
    const changed: string[] = [];
    const removed = [...before.keys()].filter((name) => !after.has(name));
    for (const name of removed) {
      database.replace(name);
      buildWarnings.delete(name);
      prepared.delete(name);
    }
    for (const [name, source] of after) {
      const was = before.get(name);
      if (was === filesKey(source)) continue;
      (was === undefined ? added : changed).push(name);
      database.replace(name, entry(source));
      buildWarnings.delete(name);
      prepared.delete(name);
    }
    collect();
    return { added, changed, removed };
  };
  return {
    database,
    get tables() {
      return scanned.tables;
    },
    warnings,
    prepare,
    widenFor,
    refresh,
  };
}

function isJsonLines(source: TableSource): boolean {
  return source.files[0]?.format === 'jsonl';
}

/** Loads one exported file as a table now; throws a DataFileError when the file cannot be read at all. */
export function loadDataFile(file: string): { table: Table; notes: readonly string[] } {
  const built = buildTable(fileSource(file));
  return { table: built.table, notes: built.warnings };
}

/** Loads one exported file of any format (Parquet too) as a table. */
export async function loadDataFileAsync(file: string): Promise<{ table: Table; notes: readonly string[] }> {
  const built = await buildTableAsync(fileSource(file));
  return { table: built.table, notes: built.warnings };
}

export interface LoadedFolder {
  readonly tables: readonly Table[];
  /** One line per file skipped or record left out, each naming the file (and line:column). */
  readonly warnings: readonly string[];
}

/** Loads every table of a folder now (tests, tools). Throws only when the folder itself cannot be read. */
export function loadDataFolder(dir: string, options: OpenOptions = {}): LoadedFolder {
  const opened = openDataFolder(dir, options);
  opened.database.tableNames.forEach((n) => opened.database.table(n));
  // With the columns found past the files' heads.
  opened.database.widen();
  const tables = opened.database.tableNames.map((n) => opened.database.table(n)!);
  return { tables, warnings: opened.warnings };
}

/** Loads every table of a folder, Parquet ones too. */
export async function loadDataFolderAsync(dir: string, options: OpenOptions = {}): Promise<LoadedFolder> {
  const opened = openDataFolder(dir, options);
  await opened.prepare(opened.database.tableNames.map((n) => `['${n}']`).join(' '));
  opened.database.tableNames.forEach((n) => opened.database.table(n));
  opened.database.widen();
  const tables = opened.database.tableNames.map((n) => opened.database.table(n)!);
  return { tables, warnings: opened.warnings };
}
