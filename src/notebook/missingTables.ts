/**
 * Which parts of a report a workspace cannot run, and why. A workspace that only has Service Map's
 * tables (or only some of VM insights') makes every part that reads a missing table fail with "the name
 * 'VMConnection' does not refer to any known table"; a report instead says, part by part, which table
 * the part needs, where that table comes from, and what the workspace has, and runs the rest.
 */
import { CATALOGUE, findTable } from '../schema/catalogue';
import { tableOrigin } from '../schema/tableOrigins';

const CATALOGUE_TABLES: readonly string[] = CATALOGUE.map((t) => t.name);

/** The query without its comments and string literals, so a table named in either is not a use of it. */
function codeOnly(text: string): string {
  return text.replace(/\/\/[^\n]*|@?"(?:[^"\\\n]|\\.)*"|@?'(?:[^'\\\n]|\\.)*'|```[\s\S]*?```/g, ' ');
}

/**
 * The catalogue tables the query reads that the workspace does not have, in catalogue order. Only the
 * catalogue's tables are judged: a user's own table the workspace lacks stays an ordinary query error.
 */
export function missingTables(query: string, workspaceTables: Iterable<string>): string[] {
  const have = new Set(workspaceTables);
  const used = new Set(codeOnly(query).match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  return CATALOGUE_TABLES.filter((t) => used.has(t) && !have.has(t));
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * "This part cannot run on this workspace: it reads VMConnection, which the workspace does not have …",
 * naming where each missing table comes from and the catalogue tables the workspace does have.
 */
export function cannotRunNote(missing: readonly string[], workspaceTables: Iterable<string>): string {
  const have = new Set(workspaceTables);
  const origins = [...new Set(missing.map(tableOrigin).filter((o): o is string => o !== undefined))];
  const present = CATALOGUE_TABLES.filter((t) => have.has(t));
  const which =
    missing.length === 1
      ? `${missing[0]}, which the workspace does not have`
      : `${list(missing)}, which the workspace does not have`;
  return [
    `This part cannot run on this workspace: it reads ${which}.`,
    origins.length ? `${missing.length === 1 ? 'That table is' : 'Those tables are'} written by ${list(origins)}.` : '',
    present.length
      ? `Of the tables these reports use, the workspace has ${list(present)}.`
      : 'The workspace has none of the tables these reports use.',
  ]
    .filter((s) => s !== '')
    .join(' ');
}

/** A table as the workspace has it: only its column names matter here. */
export interface WorkspaceTableColumns {
  readonly name: string;
  readonly columns: readonly { readonly name: string }[];
  /** A data folder's table: the files it came from ("VMBoundPort.csv"). */
  readonly files?: string;
}

/** A catalogue column a part reads that the workspace's copy of its table lacks. */
export interface MissingColumn {
  readonly table: string;
  readonly column: string;
  /** The files the workspace's table came from, when a data folder's. */
  readonly files?: string;
}

/**
 * The catalogue columns the query reads that the workspace's tables lack: an export that left out
 * `BytesSent` makes every traffic part of a report fail. A name counts only when no table the query
 * reads has it (a join may take it from the other side) and the query does not make it itself
 * (`extend LinksFailed = 0`, not `summarize BytesSent = sum(BytesSent)`). Names in comments and
 * strings (`column_ifexists("X", …)`) are no use of the column.
 */
export function missingColumns(query: string, workspaceTables: readonly WorkspaceTableColumns[]): MissingColumn[] {
  const code = codeOnly(query);
  const names = new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  const read = workspaceTables.filter((t) => names.has(t.name) && findTable(t.name));
  const has = new Set(read.flatMap((t) => t.columns.map((c) => c.name)));
  // `extend X = 0` makes X; `summarize X = sum(X)` reads it: a made name is assigned from something else.
  const made = (column: string): boolean =>
    [...code.matchAll(new RegExp(`\\b${column}\\s*=(?!=)([^,|\\n]*)`, 'g'))].some(
      (m) => !new RegExp(`\\b${column}\\b`).test(m[1]!),
    );
  const missing: MissingColumn[] = [];
  for (const t of read) {
    for (const c of findTable(t.name)?.columns ?? []) {
      if (names.has(c.name) && !has.has(c.name) && !made(c.name) && !missing.some((m) => m.column === c.name)) {
        missing.push({ table: t.name, column: c.name, ...(t.files ? { files: t.files } : {}) });
      }
    }
  }
  return missing;
}

/**
 * "This part cannot run on this workspace: it reads BytesSent of VMConnection, which …"; on a data folder
 * it names the files each table came from, as the results panel's error does ("VMConnection.csv").
 */
export function cannotRunColumnsNote(missing: readonly MissingColumn[]): string {
  const names = list(missing.map((m) => `${m.column} of ${m.table}`));
  const lacking = `This part cannot run on this workspace: it reads ${names}, which the workspace's ${
    missing.length === 1 ? 'table does' : 'tables do'
  } not have`;
  const byFiles = new Map<string, string[]>();
  for (const m of missing) if (m.files) byFiles.set(m.files, [...(byFiles.get(m.files) ?? []), m.column]);
  if (byFiles.size === 0) {
    return `${lacking} (an export that left ${missing.length === 1 ? 'that column' : 'those columns'} out, say).`;
  }
  const where = [...byFiles].map(
    ([files, columns]) => `${list(columns)} ${columns.length === 1 ? 'is' : 'are'} not in ${files}`,
  );
  return `${lacking}: ${list(where)} (the export left ${missing.length === 1 ? 'it' : 'them'} out).`;
}
