/**
 * A query on a data folder that reads a VM insights table or column the user's export left out says
 * which table or column is missing and from which file, not Kusto's "does not refer to any known …",
 * which reads like a typo in the query.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadData } from '../../../src/backends/local/dataSource';
import { runLocalQuery } from '../../../src/backends/local/runQuery';
import { KqlError } from '../../../src/kql/errors';

function exportsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-gaps-'));
  // VMConnection exported without LinksFailed; VMProcess as a data export tree of two hours.
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    'TimeGenerated,Computer,Direction,RemoteIp,BytesSent\n2026-12-05T10:00:00Z,web-01,outbound,10.0.0.9,100\n',
  );
  for (const h of ['08', '09']) {
    const leaf = path.join(dir, `am-VMProcess/WorkspaceResourceId=/x/y=2026/m=12/d=05/h=${h}/m=00`);
    fs.mkdirSync(leaf, { recursive: true });
    fs.writeFileSync(path.join(leaf, 'PT1H.json'), '{"TimeGenerated":"2026-12-05T08:00:00Z","Computer":"web-01"}\n');
  }
  fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'TimeGenerated,Computer\n2026-12-05T10:00:00Z,web-01\n');
  return dir;
}

function errorOf(dir: string, query: string): KqlError {
  const data = loadData({ kind: 'folder', dir });
  try {
    runLocalQuery(data.database, query, { folder: data.folder, warnings: data.warnings });
  } catch (e) {
    assert.ok(e instanceof KqlError, String(e));
    return e;
  }
  assert.fail('the query ran');
}

test('a VM insights column the export left out names the table, the column and the file', () => {
  const dir = exportsFolder();
  const e = errorOf(dir, 'VMConnection\n| summarize Failed = sum(LinksFailed) by Computer');
  assert.equal(
    e.message,
    "VMConnection has no column 'LinksFailed' in the data folder: VMConnection.csv was exported without it (VM insights' VMConnection has it).",
  );
  // Still at the column's place in the query, for the squiggle and the panel's line:column.
  assert.deepEqual([e.range.start.line, e.range.start.character], [1, 25]);
});

test('a left-out column where a bool is expected names the column, not "A value of type bool expected."', () => {
  // The Open ports report's wildcard part on a VMBoundPort export without IsWildcardBind: Kusto lists the
  // type error first, at the same place as the unknown name that causes it.
  const dir = exportsFolder();
  const e = errorOf(dir, 'VMConnection\n| summarize n = count() by Bind = iff(LinksFailed, "failed", "ok")');
  assert.equal(
    e.message,
    "VMConnection has no column 'LinksFailed' in the data folder: VMConnection.csv was exported without it (VM insights' VMConnection has it).",
  );
  assert.deepEqual([e.range.start.line, e.range.start.character], [1, 38]);
  // A type error of a column the export has stays Kusto's.
  assert.equal(errorOf(dir, 'VMConnection | where Computer').message, 'The expression must have the type bool.');
});

test('a column missing from an export tree names the tree', () => {
  const dir = exportsFolder();
  const e = errorOf(dir, 'VMProcess | project Computer, ExecutableName');
  assert.match(
    e.message,
    /^VMProcess has no column 'ExecutableName' in the data folder: the 2 files under am-VMProcess\/ /,
  );
});

test('a VM insights table the folder has no file for says which files would hold it, what writes it and what the folder has', () => {
  const dir = exportsFolder();
  const e = errorOf(dir, 'ServiceMapComputer_CL | count');
  assert.equal(
    e.message,
    'The data folder has no ServiceMapComputer_CL table (no ServiceMapComputer_CL.csv, .json, .jsonl or .parquet file, nor an am-ServiceMapComputer_CL/ export tree). ServiceMapComputer_CL is written by the Service Map solution. Its tables: Heartbeat, VMConnection, VMProcess.',
  );
});

test("a misspelt column or table of the user's own stays Kusto's error", () => {
  const dir = exportsFolder();
  assert.equal(
    errorOf(dir, 'VMConnection | project Computr').message,
    "The name 'Computr' does not refer to any known column, table, variable or function.",
  );
  assert.equal(
    errorOf(dir, 'Heartbeats | count').message,
    "The name 'Heartbeats' does not refer to any known table, tabular variable or function.",
  );
  // A VM insights column of a table the query does not read is no gap of the folder's.
  assert.match(errorOf(dir, 'Heartbeat | project LinksFailed').message, /^The name 'LinksFailed' does not refer/);
});
