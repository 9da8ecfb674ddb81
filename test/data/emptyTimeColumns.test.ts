import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDataFolder, scanDataFolder } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';

// A header-only export (a query that matched nothing) has no values to infer its types from: every
// column read as string, so `where TimeGenerated > ago(1d)` on it failed with "The operator '>' is not
// defined for the operand types string and datetime", and so did a union with a table that has rows.
// The portal marks its datetime columns in the header ("TimeGenerated [UTC]"), and TimeGenerated is a
// datetime in every Log Analytics table.

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-empty-time-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const typesOf = (dir: string, table: string) =>
  scanDataFolder(dir)
    .tables.find((t) => t.name === table)!
    .columns.map((c) => `${c.name}:${c.type}`);

test("a header-only portal CSV: a '[UTC]' or '[Local Time]' column is a datetime, the others strings", () => {
  const dir = folder({ 'Empty.csv': 'TimeGenerated [UTC],Computer,LastSeen [Local Time],Count\r\n' });
  assert.deepEqual(typesOf(dir, 'Empty'), [
    'TimeGenerated:datetime',
    'Computer:string',
    'LastSeen:datetime',
    'Count:string',
  ]);
  const db = openDataFolder(dir).database;
  const r = executeQuery('Empty | where TimeGenerated > ago(1d) and LastSeen < now() | count', db);
  assert.deepEqual(r.tables[0]!.table.rows(), [[0]]);
});

test('TimeGenerated with no value in a file of rows (CSV without [UTC], JSON Lines) is a datetime', () => {
  const dir = folder({
    'NoTime.csv': 'TimeGenerated,Computer\nx,a\n'.replace('x', ''),
    'Lines.jsonl': '{"TimeGenerated":null,"Computer":"a"}\n',
  });
  assert.deepEqual(typesOf(dir, 'NoTime'), ['TimeGenerated:datetime', 'Computer:string']);
  assert.deepEqual(typesOf(dir, 'Lines'), ['TimeGenerated:datetime', 'Computer:string']);
  const db = openDataFolder(dir).database;
  const r = executeQuery('union NoTime, Lines | where isnull(TimeGenerated) | count', db);
  assert.deepEqual(r.tables[0]!.table.rows(), [[2]]);
});

test("values still decide: a '[UTC]' column of text stays a string; an empty column without a hint stays a string", () => {
  const dir = folder({ 'Odd.csv': 'When [UTC],Note\nnot a time,\n' });
  assert.deepEqual(typesOf(dir, 'Odd'), ['When:string', 'Note:string']);
});
