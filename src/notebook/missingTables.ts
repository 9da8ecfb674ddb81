/**
 * Which parts of a report a workspace cannot run, and why. A workspace that only has Service Map's
 * tables (or only some of VM insights') makes every part that reads a missing table fail with "the name
 * 'VMConnection' does not refer to any known table"; a report instead says, part by part, which table
 * the part needs, where that table comes from, and what the workspace has, and runs the rest.
 */
import { CATALOGUE } from '../schema/catalogue';
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
