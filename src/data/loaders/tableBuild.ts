/**
 * Loads one table of a data folder: from the load cache when it holds the same files, else from the
 * files, in one pass each, straight into typed columns (then stored in the cache for next time).
 */
import { Table } from '../../engine/table';
import { columnAppender } from './columnAppenders';
import { appendCsvFile } from './csvTable';
import { DataFileError } from './dataFileError';
import { FileWarnings, type LoadControl } from './fileBytes';
import { appendJsonFile, appendJsonlFile } from './jsonTable';
import type { LoadCache } from './loadCache';
import type { TableSource } from './tableSource';

export interface BuiltTable {
  readonly table: Table;
  /** Records left out or changed, each with file:line:column; files that could not be read. */
  readonly warnings: readonly string[];
  readonly fromCache: boolean;
}

export function buildTable(source: TableSource, control: LoadControl = {}, cache?: LoadCache): BuiltTable {
  const cached = cache?.read(source.name, source.files);
  if (cached) {
    return { table: cached.table, warnings: cached.warnings, fromCache: true };
  }
  const names = source.columns.map((c) => c.name);
  const appenders = source.columns.map((c) => columnAppender(c.type));
  const inferred = new Set(source.inferred);
  const inferredNote = (j: number, reason: string) => (inferred.has(names[j]!) && reason.startsWith('expected') ? ` (the column's type was inferred from the first rows)` : '');
  const warnings: string[] = [];
  const totalBytes = source.files.reduce((a, f) => a + f.size, 0);
  let doneBytes = 0;
  let rows = 0;
  source.files.forEach((file, index) => {
    control.check?.();
    const fileWarnings = new FileWarnings(warnings);
    const onWindow = (read: number, fileRows: number) => {
      control.check?.();
      control.progress?.({ table: source.name, filesDone: index, files: source.files.length, rows: rows + fileRows, bytes: doneBytes + read, totalBytes });
    };
    try {
      if (file.format === 'csv') {
        rows += appendCsvFile(file.path, names, appenders, fileWarnings, inferredNote, onWindow, file.size);
      } else if (file.format === 'jsonl') {
        rows += appendJsonlFile(file.path, names, appenders, fileWarnings, inferredNote, onWindow);
      } else if (file.format === 'json') {
        rows += appendJsonFile(file.path, names, appenders, fileWarnings, inferredNote);
      } else {
        throw new DataFileError(file.path, 1, 1, `${file.format} files are not read yet`);
      }
    } catch (e) {
      if (!(e instanceof DataFileError)) {
        throw e;
      }
      // The file's records appended before the problem stay; the columns are brought level.
      const n = Math.min(...appenders.map((a) => a.length));
      appenders.forEach((a) => {
        while (a.length > n) {
          a.pop();
        }
      });
      rows = n;
      fileWarnings.add(e.message);
    }
    fileWarnings.close(file.path);
    doneBytes += file.size;
  });
  control.progress?.({ table: source.name, filesDone: source.files.length, files: source.files.length, rows, bytes: totalBytes, totalBytes });
  const table = new Table(source.columns.map((c, j) => ({ name: c.name, column: appenders[j]!.finish() })), rows, source.name);
  cache?.write(source.name, source.files, table, source.inferred, warnings);
  return { table, warnings, fromCache: false };
}
