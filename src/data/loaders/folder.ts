/**
 * Loads a folder of files exported from Log Analytics: each `.csv` or `.json` file is one table named
 * after the file. Column types come from the schema catalogue for the tables and columns it knows, then
 * from the REST response's column types, else they are inferred. A file that cannot be read is reported
 * as a warning naming file, line and column, and the other files still load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { columnBuilder } from '../../engine/column';
import { Table } from '../../engine/table';
import type { KqlType } from '../../engine/values';
import { findColumn, findTable } from '../../schema/catalogue';
import { convertCell, inferColumnType } from './cells';
import { readCsv } from './csvFile';
import { DataFileError } from './dataFileError';
import { readJson } from './jsonFile';
import type { RawTable } from './rawTable';

export const DATA_FILE_EXTENSIONS = ['.csv', '.json'] as const;

function typedTable(file: string, tableName: string, raw: RawTable): Table {
  const known = findTable(tableName);
  const types: KqlType[] = raw.columns.map((c, j) => {
    const fromCatalogue = known && findColumn(known, c.name)?.type;
    return fromCatalogue ?? c.restType ?? inferColumnType(raw.rows.map((r) => r[j]));
  });
  const builders = types.map((t) => columnBuilder(t, raw.rows.length));
  raw.rows.forEach((row, i) => {
    if (row.length !== raw.columns.length) {
      const { line } = raw.position(i, 0);
      throw new DataFileError(file, line, 1, `the row has ${row.length} values; the header has ${raw.columns.length} columns`);
    }
    for (let j = 0; j < types.length; j++) {
      const cell = convertCell(row[j], types[j]!);
      if ('error' in cell) {
        const { line, column } = raw.position(i, j);
        throw new DataFileError(file, line, column, `${raw.columns[j]!.name}: ${cell.error}`);
      }
      builders[j]!.push(cell.value);
    }
  });
  return new Table(
    raw.columns.map((c, j) => ({ name: c.name, column: builders[j]!.finish() })),
    raw.rows.length,
    known?.name ?? tableName,
  );
}

/** Loads one exported file as a table; throws a DataFileError that says where the file is broken. */
export function loadDataFile(file: string): { table: Table; notes: readonly string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataFileError(file, 1, 1, `cannot read the file: ${(e as Error).message}`);
  }
  const ext = path.extname(file).toLowerCase();
  const raw = ext === '.csv' ? readCsv(file, text) : readJson(file, text);
  const name = path.basename(file, path.extname(file));
  return { table: typedTable(file, name, raw), notes: raw.notes };
}

export interface LoadedFolder {
  readonly tables: readonly Table[];
  /** One line per file skipped or partly loaded, each naming the file (and line:column). */
  readonly warnings: readonly string[];
}

/** Loads every exported file of a folder. Throws only when the folder itself cannot be read. */
export function loadDataFolder(dir: string): LoadedFolder {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).sort();
  } catch (e) {
    throw new Error(`Cannot read the data folder ${dir}: ${(e as Error).message}`);
  }
  const tables = new Map<string, Table>();
  const warnings: string[] = [];
  for (const entry of entries) {
    const file = path.join(dir, entry);
    if (!(DATA_FILE_EXTENSIONS as readonly string[]).includes(path.extname(entry).toLowerCase()) || !fs.statSync(file).isFile()) {
      continue;
    }
    try {
      const { table, notes } = loadDataFile(file);
      warnings.push(...notes);
      if (tables.has(table.name!)) {
        warnings.push(`${file}: skipped, table ${table.name} was already loaded from another file`);
        continue;
      }
      tables.set(table.name!, table);
    } catch (e) {
      warnings.push(e instanceof DataFileError ? e.message : `${file}: ${(e as Error).message}`);
    }
  }
  if (tables.size === 0 && warnings.length === 0) {
    warnings.push(`${dir}: no .csv or .json files to load`);
  }
  return { tables: [...tables.values()], warnings };
}
