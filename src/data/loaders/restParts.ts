/**
 * A Log Analytics REST response (`{"tables":[…]}`) holds one table per result of the query: the
 * primary result and, for a query with `fork` or several tabular statements, more. Each is a table of
 * the data folder: the primary one (the table named PrimaryResult, else the first) is named after the
 * file, as a one-table response is; each other is `<file>_<its REST name>` (`Results_Table_1`,
 * `Results_Failed` for a fork branch named Failed), or `<file>_<its position>` when unnamed, so that
 * two responses with a `Table_1` each never collide.
 */
import { readContent } from './fileBytes';
import { checkJsonRecords } from './jsonRecordLimit';

export interface RestPart {
  /** The table's position in the response's `tables`. */
  readonly index: number;
  /** The folder's name for it, given the file's table name. */
  readonly name: string;
}

const isRecord = (r: unknown): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r);

/** The position of a response's primary table among its `tables`. */
export function primaryIndex(tables: readonly unknown[]): number {
  const named = tables.findIndex((t) => isRecord(t) && (t.name ?? t.TableName) === 'PrimaryResult');
  return named < 0 ? 0 : named;
}

/** The parts of a response with its tables' REST names (`restNames[i]`: undefined when unnamed). */
export function restParts(fileTable: string, restNames: readonly (string | undefined)[]): RestPart[] {
  const primary = primaryIndex(restNames.map((name) => ({ name })));
  const taken = new Set<string>([fileTable]);
  return restNames.map((rest, index) => {
    let name = index === primary ? fileTable : `${fileTable}_${rest && rest !== '' ? rest : index}`;
    // Two tables of one response with the same REST name (or one named like another's position).
    while (index !== primary && taken.has(name)) {
      name = `${name}_${index}`;
    }
    taken.add(name);
    return { index, name };
  });
}

// A file's REST table names by path, size and time: the folder is re-scanned on every change.
const namesSeen = new Map<string, { stamp: string; names: readonly (string | undefined)[] | undefined }>();

/**
 * The REST names of a `.json` file's tables when it is a response of several tables; undefined for an
 * array of records, a response of one table, or a file that does not parse (its head says why).
 */
export function restTableNames(
  file: string,
  size: number,
  mtimeMs: number,
): readonly (string | undefined)[] | undefined {
  const stamp = `${size}\u0000${mtimeMs}`;
  const seen = namesSeen.get(file);
  if (seen?.stamp === stamp) {
    return seen.names;
  }
  let names: (string | undefined)[] | undefined;
  try {
    checkJsonRecords(file);
    const text = readContent(file)
      .plain.toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    // An array of records, or a response with one "columns" (one table), is parsed once, by its head.
    const first = text.indexOf('"columns"');
    if (text.startsWith('{') && first >= 0 && text.indexOf('"columns"', first + 1) >= 0) {
      const tables = (JSON.parse(text) as { tables?: unknown }).tables;
      if (Array.isArray(tables) && tables.length > 1) {
        names = tables.map((t) => {
          const name = isRecord(t) ? (t.name ?? t.TableName) : undefined;
          return typeof name === 'string' ? name : undefined;
        });
      }
    }
  } catch {
    names = undefined;
  }
  namesSeen.set(file, { stamp, names });
  return names;
}
