/**
 * The `kql` CLI's answer to a query, in the shape the grid shows it: column names and each cell's text
 * (src/render/cellText, which the grid uses too). The CLI and the extension run the same local engine
 * over the same sample workspace, so their first rows must agree.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { WireValue } from '../../src/backends/queryBackend';
import { cellText } from '../../src/render/cellText';

const repo = path.resolve(__dirname, '../..');

export interface CliTable {
  readonly headers: string[];
  readonly rows: string[][];
}

interface WireTable {
  columns: { name: string }[];
  rows: WireValue[][];
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
