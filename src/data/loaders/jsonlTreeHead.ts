/**
 * The columns of a JSON Lines table of many files (a Log Analytics export tree): the union of the keys
 * of each file's first records, in order of first appearance. Exported records leave out empty values
 * and a custom table gains columns over time, so the first blob alone would drop keys that only later
 * blobs have. Only each file's head is read: the rows are read once, by the load.
 */
import { DataFileError } from './dataFileError';
import { type JsonColumn, type JsonHead, jsonlHead } from './jsonTable';

/** The first file with records is sampled as a lone file is; later files only for keys it lacks. */
const FIRST = { rows: 2000, bytes: 4 << 20 };
const LATER = { rows: 500, bytes: 256 << 10 };

/**
 * `adds(key)`: whether a key first seen after the first file with records becomes a column (a table the
 * catalogue knows takes only the catalogue's columns from later files). Throws the first file's problem
 * when no file has a record in its head.
 */
export function jsonlTreeHead(files: readonly string[], adds: (key: string) => boolean): JsonHead {
  const columns: JsonColumn[] = [];
  const index = new Map<string, number>();
  // Rows are as long as the columns were when they were read: a later column is undefined (no value) in them.
  const sample: unknown[][] = [];
  let firstProblem: DataFileError | undefined;
  for (const file of files) {
    const first = columns.length === 0;
    let head: JsonHead;
    try {
      head = jsonlHead(file, first ? FIRST.rows : LATER.rows, first ? FIRST.bytes : LATER.bytes);
    } catch (e) {
      // A later file's problem is reported where its rows load; an empty first blob gives no columns.
      if (!(e instanceof DataFileError)) {
        throw e;
      }
      firstProblem ??= e;
      continue;
    }
    const at = head.columns.map((c) => {
      let j = index.get(c.name);
      if (j === undefined && (first || adds(c.name))) {
        j = columns.push(c) - 1;
        index.set(c.name, j);
      }
      return j;
    });
    for (const row of head.sample) {
      const values: unknown[] = new Array(columns.length).fill(null);
      at.forEach((j, k) => {
        if (j !== undefined) {
          values[j] = row[k];
        }
      });
      sample.push(values);
    }
  }
  if (columns.length === 0) {
    throw firstProblem ?? new DataFileError(files[0] ?? '', 1, 1, 'no JSON record in the first lines of the file');
  }
  return { columns, sample };
}
