/**
 * The `kql` CLI's answer to a query, in the shape the grid shows it: column names and each cell's text
 * (src/render/cellText, which the grid uses too). The CLI and the extension run the same local engine
 * over the same sample workspace, so their first rows must agree.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { cellText } from '../../src/render/cellText';
import type { WireValue } from '../../src/results/queryResult';

const repo = path.resolve(__dirname, '../..');

export interface CliTable {
  readonly headers: string[];
  readonly rows: string[][];
}

interface WireTable {
  columns: { name: string }[];
  rows: WireValue[][];
}

interface NamedWireTable extends WireTable {
  name: string;
}

/** Every table of the CLI's answer (a batch, fork, facet…), by name, in the grid's shape. */
export function runKqlCliTables(query: string): { name: string; table: CliTable }[] {
  const result = spawnSync(process.execPath, [path.join(repo, 'bin/kql.js'), '--format', 'json', query], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`kql CLI failed (exit ${result.status}) on ${JSON.stringify(query)}:\n${result.stderr}`);
  }
  const tables = (JSON.parse(result.stdout) as { tables: NamedWireTable[] }).tables;
  return tables.map((t) => ({
    name: t.name,
    table: { headers: t.columns.map((c) => c.name), rows: t.rows.map((r) => r.map((v) => cellText(v))) },
  }));
}

function firstTable(json: unknown): WireTable {
  const doc = json as { tables?: WireTable[] } | WireTable[] | WireTable;
  const table = Array.isArray(doc) ? doc[0] : 'tables' in doc && doc.tables ? doc.tables[0] : (doc as WireTable);
  if (!table || !Array.isArray(table.columns) || !Array.isArray(table.rows)) {
    throw new Error(`the kql CLI's JSON has no table: ${JSON.stringify(json).slice(0, 200)}`);
  }
  return table;
}

export function runKqlCli(query: string, extraArgs: readonly string[] = []): CliTable {
  const result = spawnSync(process.execPath, [path.join(repo, 'bin/kql.js'), '--format', 'json', ...extraArgs, query], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`kql CLI failed (exit ${result.status}) on ${JSON.stringify(query)}:\n${result.stderr}`);
  }
  const table = firstTable(JSON.parse(result.stdout));
  return {
    headers: table.columns.map((c) => c.name),
    rows: table.rows.map((r) => r.map((v) => cellText(v))),
  };
}

export interface CliMatch {
  readonly table: CliTable;
  /** The --now the CLI ran with when it agreed; undefined when no minute agreed. */
  readonly now?: string;
}

/**
 * The extension's engine generates the sample workspace at the minute it first loads it, and traffic
 * figures depend on that minute; the CLI pins it with --now. Tries each minute from now back to
 * `sinceMs` (when the workbench opened, before the engine loaded) and returns the first answer `agrees`
 * accepts, or else the newest answer, for the assertion's diff.
 */
export function cliAnswerSince(query: string, sinceMs: number, agrees: (table: CliTable) => boolean): CliMatch {
  const minute = 60_000;
  let newest: CliTable | undefined;
  for (let t = Math.floor(Date.now() / minute) * minute; t >= Math.floor(sinceMs / minute) * minute; t -= minute) {
    const now = new Date(t).toISOString();
    const table = runKqlCli(query, ['--now', now]);
    newest ??= table;
    if (agrees(table)) {
      return { table, now };
    }
  }
  return { table: newest ?? runKqlCli(query) };
}

/** Whether the CLI's table has these columns and starts with these rows. */
export function sameRows(table: CliTable, headers: readonly string[], rows: readonly (readonly string[])[]): boolean {
  return (
    table.headers.join('\u0000') === headers.join('\u0000') &&
    rows.every((r, i) => table.rows[i]?.join('\u0000') === r.join('\u0000'))
  );
}
