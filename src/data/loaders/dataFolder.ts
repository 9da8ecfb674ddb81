/**
 * The tables of a data folder, found without loading their rows: each `.csv`, `.json`, `.jsonl`,
 * `.parquet` file at the top is one table named after the file, and each tree that Log Analytics' data export
 * rules write (`am-<Table>/…/y=2026/m=11/d=23/h=12/m=00/PT1H.json`, JSON Lines) is one table of all
 * its blobs. Any of them may be gzip-compressed (`.gz`). Columns come from the header (CSV), the REST
 * response's columns, or the keys of the first records (JSON; of every blob's first records for a
 * JSON Lines tree, jsonlTreeHead.ts); types from the schema catalogue for
 * the tables and columns it knows, then the file's own types, else inferred from a sample of rows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KqlType } from '../../engine/values';
import { findColumn, findTable } from '../../schema/catalogue';
import { inferColumnType } from './cells';
import { csvHead } from './csvTable';
import { DataFileError } from './dataFileError';
import { holdsJsonLines } from './jsonLinesSniff';
import { jsonlTreeHead } from './jsonlTreeHead';
import { jsonHead } from './jsonTable';
import type { LoadCache } from './loadCache';
import { missingDataFolderMessage } from './missingFolder';
import { parquetHead } from './parquetSchema';
import { unreadableEntry } from './regularFile';
import { restParts, restTableNames } from './restParts';
import {
  type ColumnSpec,
  type FileFormat,
  formatOf,
  hasHiddenCharacters,
  MAX_COLUMNS,
  type SourceFile,
  showHiddenCharacters,
  type TableSource,
  tableNameOf,
} from './tableSource';

/** How deep export trees are searched (WorkspaceResourceId=/subscriptions/…/workspaces/…/y/m/d/h/m). */
const MAX_DEPTH = 16;

/**
 * How many files and folders a scan looks at before it stops: a data folder set to `/` or the home folder
 * would otherwise be walked to the bottom (16 levels) on every change. A year of hourly data export blobs
 * is about 18,000 entries per table, so real export folders stay far below it.
 */
export const MAX_SCANNED_ENTRIES = 200_000;

/** What a scan may still look at, shared by the folder's top and every tree below it. */
interface ScanBudget {
  left: number;
  /** Set once the budget ran out, so the warning is written once. */
  spent: boolean;
}

/** Takes `n` entries from the budget; false (and the warning, once) when it has run out. */
function spend(budget: ScanBudget, n: number, dir: string, limit: number, warnings: string[]): boolean {
  if (budget.left >= n) {
    budget.left -= n;
    return true;
  }
  if (!budget.spent) {
    budget.spent = true;
    warnings.push(
      `${dir}: stopped looking after ${limit.toLocaleString('en-US')} files and folders; only the tables found by then are read. Is this the folder your exports land in? A data folder should hold only exported files and export trees.`,
    );
  }
  return false;
}

interface Found {
  readonly name: string;
  readonly files: SourceFile[];
}

/** A stand-alone file's format: by its name, but a .json file of JSON Lines (one exported PT1H.json blob) is read as such. */
function standaloneFormat(file: string): FileFormat | undefined {
  const format = formatOf(file);
  return format === 'json' && holdsJsonLines(file) ? 'jsonl' : format;
}

function statFile(file: string, format: FileFormat): SourceFile {
  const st = fs.statSync(file);
  return { path: file, format, size: st.size, mtimeMs: st.mtimeMs };
}

/** The table an export-tree blob belongs to: the `am-<Table>` folder above it, else the first folder under the data folder. */
function exportTreeTable(segments: readonly string[]): string | undefined {
  const am = segments.find((s) => /^am-/i.test(s));
  if (am) {
    return am.slice(3);
  }
  const first = segments[0];
  return first && !/^[ymdh]=\d+$/i.test(first) && !first.includes('=') ? first : undefined;
}

/**
 * Every table's files, by name, in a stable (sorted) order. `dir` may name one exported file (`kql
 * --data export.csv`): it is then the folder's only file.
 */
function discover(dir: string, warnings: string[], limit: number): Found[] {
  const budget: ScanBudget = { left: limit, spent: false };
  const tables = new Map<string, Found>();
  const add = (name: string, file: SourceFile, standalone: boolean) => {
    const t = tables.get(name);
    if (!t) {
      tables.set(name, { name, files: [file] });
    } else if (standalone) {
      warnings.push(`${file.path}: skipped, table ${name} was already loaded from another file`);
    } else if (t.files[0]!.format !== file.format) {
      warnings.push(`${file.path}: skipped, table ${name} is read from ${t.files[0]!.format} files`);
    } else {
      t.files.push(file);
    }
  };
  const addFile = (file: string) => {
    const format = standaloneFormat(file);
    if (!format) {
      return false;
    }
    const table = tableNameOf(file);
    if (hasHiddenCharacters(table)) {
      warnings.push(
        `${showHiddenCharacters(file)}:1:1: skipped, the file's name holds a line break or a bidirectional-text control (shown escaped): rename the file to load it`,
      );
      return true;
    }
    const stat = statFile(file, format);
    const rest = format === 'json' ? restTableNames(file, stat.size, stat.mtimeMs) : undefined;
    if (rest) {
      for (const part of restParts(table, rest)) {
        add(part.name, { ...stat, table: part.index }, true);
      }
    } else {
      add(table, stat, true);
    }
    return true;
  };
  const given = statOf(dir);
  if (given && !given.isFile() && !given.isDirectory()) {
    throw new Error(`Cannot read the data folder ${dir}: ${unreadableEntry(dir) ?? 'not a file or folder'}`);
  }
  if (given?.isFile()) {
    if (!addFile(dir)) {
      warnings.push(`${dir}: not a .csv, .json, .jsonl or .parquet file (the text ones optionally .gz)`);
    }
    return [...tables.values()];
  }
  let top: fs.Dirent[];
  try {
    top = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      // The export job that creates it may not have run yet: the extension loads it once it appears.
      throw new Error(missingDataFolderMessage(dir));
    }
    throw new Error(`Cannot read the data folder ${dir}: ${(e as Error).message}`);
  }
  // Each folder is walked once: a link back up an export tree would otherwise be walked again at every level.
  const walked = new Set<string>();
  for (const entry of top.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!spend(budget, 1, dir, limit, warnings)) break;
    const file = path.join(dir, entry.name);
    if (isFile(entry, file)) {
      addFile(file);
    } else if (isDirectory(entry, file) && !entry.name.startsWith('.')) {
      const within = (n: number) => spend(budget, n, dir, limit, warnings);
      let blobs = 0;
      walkTree(file, [entry.name], 1, within, walked, warnings, (blob, segments) => {
        if (!segments.some((s) => /^y=\d{4}$/i.test(s))) {
          return;
        }
        const name = exportTreeTable(segments);
        const format = formatOf(blob);
        if (name && format) {
          blobs++;
          // Export blobs are JSON Lines whatever their extension says.
          add(name, statFile(blob, format === 'json' ? 'jsonl' : format), false);
        }
      });
      if (blobs === 0 && formatOf(entry.name)) {
        warnings.push(
          `${file}:1:1: skipped, a folder, not a file (a folder is read only as a Log Analytics export tree, am-<Table>/…/y=…/PT1H.json)`,
        );
      }
    } else if (formatOf(entry.name)) {
      warnings.push(skippedEntry(file));
    }
  }
  return [...tables.values()];
}

/** The entry's target, or undefined for a dangling link or a link loop (skippedEntry says which). */
function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** Links count as what they point to (a folder of links to the real exports is common, wherever they point). */
function isFile(e: fs.Dirent, p: string): boolean {
  return e.isFile() || (e.isSymbolicLink() && (statOf(p)?.isFile() ?? false));
}

function isDirectory(e: fs.Dirent, p: string): boolean {
  return e.isDirectory() || (e.isSymbolicLink() && (statOf(p)?.isDirectory() ?? false));
}

/** The warning for a data file's name on something that is not a regular file (a pipe, a device, a broken link). */
function skippedEntry(file: string): string {
  // file:line:col, as every problem of a file that does not load, so the Problems panel lists it.
  return `${file}:1:1: skipped, ${unreadableEntry(file) ?? 'not a regular file'}`;
}

function walkTree(
  dir: string,
  segments: string[],
  depth: number,
  within: (entries: number) => boolean,
  walked: Set<string>,
  warnings: string[],
  onFile: (file: string, segments: readonly string[]) => void,
): void {
  if (depth > MAX_DEPTH) {
    return;
  }
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync(dir);
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (walked.has(real)) {
    warnings.push(
      `${dir}: skipped, a link to the folder ${real}, which is read already (a loop, or a second link to it)`,
    );
    return;
  }
  walked.add(real);
  if (!within(entries.length)) return;
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (isDirectory(e, p) && !e.name.startsWith('.')) {
      walkTree(p, [...segments, e.name], depth + 1, within, walked, warnings, onFile);
    } else if (isFile(e, p)) {
      onFile(p, segments);
    } else if (formatOf(e.name) && segments.some((s) => /^y=\d{4}$/i.test(s))) {
      warnings.push(skippedEntry(p));
    }
  }
}

/** Columns and types of a table from its first file (every file's head for JSON Lines) and the catalogue. */
function columnsOf(found: Found): { columns: ColumnSpec[]; inferred: string[] } {
  const first = found.files[0]!;
  const known = findTable(found.name);
  // emptyType: the type of a column no sampled value gives one (a header-only export, a column never set).
  let names: { name: string; restType?: KqlType; emptyType?: KqlType }[];
  let sample: readonly (readonly unknown[])[];
  if (first.format === 'csv') {
    const head = csvHead(first.path);
    names = head.names.map((name, j) => ({ name, emptyType: head.datetimes[j] ? 'datetime' : undefined }));
    sample = head.sample;
  } else if (first.format === 'jsonl') {
    const head = jsonlTreeHead(
      found.files.map((f) => f.path),
      (key) => !known || findColumn(known, key) !== undefined,
    );
    names = [...head.columns];
    sample = head.sample;
  } else if (first.format === 'json') {
    const head = jsonHead(first.path, first.table);
    names = [...head.columns];
    sample = head.sample;
  } else {
    // Parquet says each column's type in its footer: nothing is inferred from rows.
    names = parquetHead(first.path).columns.map((c) => ({ name: c.name, restType: c.type }));
    sample = [];
  }
  if (names.length > MAX_COLUMNS) {
    throw new DataFileError(
      first.path,
      1,
      1,
      `${names.length.toLocaleString('en-US')} columns, more than the ${MAX_COLUMNS.toLocaleString('en-US')} a Kusto table may have: not loaded`,
    );
  }
  const inferred: string[] = [];
  const columns = names.map((c, j) => {
    const fromCatalogue = known && findColumn(known, c.name)?.type;
    const type = fromCatalogue ?? c.restType;
    if (type) {
      return { name: c.name, type };
    }
    inferred.push(c.name);
    const values = sample.map((r) => r[j]);
    const empty = values.every((v) => v === null || v === undefined || v === '');
    // TimeGenerated is a datetime in every Log Analytics table.
    const emptyType = c.emptyType ?? (c.name === 'TimeGenerated' ? 'datetime' : undefined);
    return { name: c.name, type: empty && emptyType ? emptyType : inferColumnType(values) };
  });
  return { columns, inferred };
}

/** A table read from the files given (see columnsOf for where its columns come from); throws a DataFileError when it cannot be read. */
export function tableSourceOf(name: string, files: readonly SourceFile[]): TableSource {
  return { name, files, ...columnsOf({ name, files: [...files] }) };
}

/** One file as a table source, named after the file. */
export function fileSource(file: string): TableSource {
  const format = standaloneFormat(file);
  if (!format) {
    throw new DataFileError(file, 1, 1, 'not a .csv, .json, .jsonl or .parquet file (the text ones optionally .gz)');
  }
  let source: SourceFile;
  try {
    source = statFile(file, format);
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  const name = tableNameOf(file);
  return tableSourceOf(findTable(name)?.name ?? name, [source]);
}

export interface ScannedFolder {
  /** The tables found, with their columns: no rows are read (beyond a sample for inferring types). */
  readonly tables: readonly TableSource[];
  /** One line per file skipped (file:line:column and why). */
  readonly warnings: readonly string[];
}

/**
 * Finds the folder's tables and their columns; a table known to the load cache is not read at all. At
 * most `maxEntries` files and folders are looked at (a warning says when the scan stopped there).
 */
export function scanDataFolder(dir: string, cache?: LoadCache, maxEntries = MAX_SCANNED_ENTRIES): ScannedFolder {
  const warnings: string[] = [];
  const tables: TableSource[] = [];
  for (const found of discover(dir, warnings, maxEntries)) {
    const name = findTable(found.name)?.name ?? found.name;
    const cached = cache?.schema(name, found.files);
    if (cached) {
      tables.push({ name, files: found.files, columns: cached.columns, inferred: cached.inferred });
      continue;
    }
    try {
      tables.push(tableSourceOf(name, found.files));
    } catch (e) {
      warnings.push(e instanceof DataFileError ? e.message : `${found.files[0]!.path}: ${(e as Error).message}`);
    }
  }
  if (tables.length === 0 && warnings.length === 0) {
    warnings.push(`${dir}: no .csv, .json, .jsonl or .parquet files (or Log Analytics export trees) to load`);
  }
  return { tables, warnings };
}
