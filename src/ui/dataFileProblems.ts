/**
 * The Problems panel's entries for a data folder's files, from the loader's warnings. A file whose
 * table is not in the folder's schema did not load at all (an error); a warning about a file whose
 * table did load is about some of its lines (a record skipped, the rest of a file after a quote never
 * closed: a warning), so it does not say the table "did not load".
 */
import { type FailedFile, parseFailedFile } from '../backends/local/failedFiles';

export interface DataFileProblem extends FailedFile {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** One entry per distinct warning line that names a file and line, in the order given. */
export function dataFileProblems(lines: Iterable<string>, loadedTables: ReadonlySet<string>): DataFileProblem[] {
  const seen = new Set<string>();
  const problems: DataFileProblem[] = [];
  for (const line of lines) {
    if (seen.has(line)) continue;
    seen.add(line);
    const failed = parseFailedFile(line);
    if (!failed) continue;
    const loaded = loadedTables.has(failed.table);
    problems.push({
      ...failed,
      severity: loaded ? 'warning' : 'error',
      message: loaded ? `${failed.table}: ${failed.reason}` : `${failed.table} did not load: ${failed.reason}`,
    });
  }
  return problems;
}

/** How many distinct files did not load at all. */
export function failedFileCount(lines: Iterable<string>, loadedTables: ReadonlySet<string>): number {
  return new Set(
    dataFileProblems(lines, loadedTables)
      .filter((p) => p.severity === 'error')
      .map((p) => p.file),
  ).size;
}
