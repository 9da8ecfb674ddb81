import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { LoadCache, openDataFolder, scanDataFolder } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';

function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-formats-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const HOUR =
  'WorkspaceResourceId=/subscriptions/s/resourcegroups/rg/providers/microsoft.operationalinsights/workspaces/ws/y=2026/m=11/d=23';
const line = (o: object) => `${JSON.stringify(o)}\n`;

test('a Log Analytics data export tree loads as one table of all its PT1H.json blobs (JSON Lines, gzip too)', () => {
  const dir = tree({
    [`am-VMBoundPort/${HOUR}/h=10/m=00/PT1H.json`]:
      line({ TimeGenerated: '2026-11-23T10:05:00Z', Computer: 'web1', Port: 80 }) +
      line({ TimeGenerated: '2026-11-23T10:06:00Z', Computer: 'web1', Port: 443 }),
    [`am-VMBoundPort/${HOUR}/h=11/m=00/PT1H.json.gz`]: zlib.gzipSync(
      line({ TimeGenerated: '2026-11-23T11:00:00Z', Computer: 'db1', Port: 1433 }),
    ),
  });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(
    scanned.tables.map((t) => [t.name, t.files.length, t.files[0]!.format]),
    [['VMBoundPort', 2, 'jsonl']],
  );
  assert.deepEqual(scanned.tables[0]!.columns, [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'Computer', type: 'string' },
    { name: 'Port', type: 'int' },
  ]);
  const db = openDataFolder(dir).database;
  const r = executeQuery(
    'VMBoundPort | summarize n = count(), ports = make_set(Port) by Computer | order by Computer asc',
    db,
  );
  assert.deepEqual(r.tables[0]!.table.rows(), [
    ['db1', 1, [1433]],
    ['web1', 2, [80, 443]],
  ]);
});

test('JSON Lines: a broken line is a warning at its line and column; keys absent from a record are null', () => {
  const dir = tree({ 'Events.jsonl': `${line({ a: 1, b: 'x' })}{"a": 2, "b": }\n${line({ a: 3 })}` });
  const opened = openDataFolder(dir);
  const t = opened.database.table('Events')!;
  assert.deepEqual(t.rows(), [
    [1, 'x'],
    [3, ''],
  ]);
  assert.deepEqual(opened.warnings, [
    `${path.join(dir, 'Events.jsonl')}:2:15: invalid JSON: unexpected "}": expected a value (record skipped)`,
  ]);
});

test('a gzip-compressed CSV export loads like the plain file', () => {
  const dir = tree({ 'VMBoundPort.csv.gz': zlib.gzipSync('Computer,Port\nweb1,80\ndb1,1433\n') });
  const t = openDataFolder(dir).database.table('VMBoundPort')!;
  assert.deepEqual(t.rows(), [
    ['web1', 80],
    ['db1', 1433],
  ]);
});

test('tables load on first use: a query on one table does not read the others', () => {
  const dir = tree({
    'VMBoundPort.csv': 'Computer,Port\nweb1,80\n',
    'VMConnection.csv': 'Computer,BytesSent\nweb1,10\n',
  });
  const opened = openDataFolder(dir);
  assert.deepEqual(
    opened.tables.map((t) => t.columns.map((c) => c.name)),
    [
      ['Computer', 'Port'],
      ['Computer', 'BytesSent'],
    ],
  );
  // A query that shows every column (a narrower one loads only its columns: the table is then not whole).
  executeQuery('VMBoundPort | take 5', opened.database);
  assert.equal(opened.database.isBuilt('VMBoundPort'), true);
  assert.equal(opened.database.isBuilt('VMConnection'), false);
});

test('a cancelled load stops, and the next query loads the table', () => {
  const rows = ['Computer,Port', ...Array.from({ length: 5000 }, (_, i) => `m${i},${i}`)];
  const dir = tree({ 'VMBoundPort.csv': rows.join('\n') });
  const opened = openDataFolder(dir);
  assert.throws(() => executeQuery('VMBoundPort | count', opened.database, { isCancelled: () => true }), /cancel/i);
  assert.equal(opened.database.isBuilt('VMBoundPort'), false);
  assert.deepEqual(executeQuery('VMBoundPort | count', opened.database).tables[0]!.table.rows(), [[5000]]);
});

test('the load cache: the second load reads the cached columns, a changed file is loaded again, and clear empties it', () => {
  const dir = tree({
    'VMBoundPort.csv': 'Computer,Port,Tags\nweb1,80,"[""a""]"\ndb1,,{}\n',
    'Custom.csv': 'x,when\n1,2026-11-23T00:00:00Z\n',
  });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cache-'));
  const cache = new LoadCache(cacheDir);
  const file = path.join(dir, 'VMBoundPort.csv');
  const stamp = new Date('2026-01-01T00:00:00Z');
  fs.utimesSync(file, stamp, stamp);
  const first = openDataFolder(dir, { cache });
  const expected = first.database.tableNames.map((n) => first.database.table(n)!.rows());
  assert.equal(fs.readdirSync(cacheDir).length, 2);
  // A cached table is read without touching its file: make the file unreadable as CSV but keep size and mtime.
  fs.writeFileSync(file, 'X'.repeat(fs.statSync(file).size));
  fs.utimesSync(file, stamp, stamp);
  const second = openDataFolder(dir, { cache });
  assert.deepEqual(
    second.database.tableNames.map((n) => second.database.table(n)!.rows()),
    expected,
  );
  assert.deepEqual(second.tables.find((t) => t.name === 'Custom')!.columns, [
    { name: 'x', type: 'long' },
    { name: 'when', type: 'datetime' },
  ]);
  // A changed file (new mtime) is loaded again.
  fs.writeFileSync(file, 'Computer,Port\nweb2,8080\n');
  const third = openDataFolder(dir, { cache });
  assert.deepEqual(third.database.table('VMBoundPort')!.rows(), [['web2', 8080]]);
  assert.ok(cache.clear() > 0);
  assert.deepEqual(fs.readdirSync(cacheDir), []);
});

test('the load cache stays within its size bound, dropping the least recently used entries', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 4; i++) {
    files[`T${i}.csv`] = `a,b\n${Array.from({ length: 2000 }, (_, r) => `${r},text${r}`).join('\n')}\n`;
  }
  const dir = tree(files);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cache-'));
  const cache = new LoadCache(cacheDir, 60_000);
  const opened = openDataFolder(dir, { cache });
  for (const n of opened.database.tableNames) {
    opened.database.table(n);
  }
  const total = fs.readdirSync(cacheDir).reduce((a, f) => a + fs.statSync(path.join(cacheDir, f)).size, 0);
  assert.ok(total <= 60_000, `cache holds ${total} bytes`);
  assert.ok(fs.readdirSync(cacheDir).length >= 1);
});

test('a folder of links to the exported files loads them as files', () => {
  const real = tree({ 'VMBoundPort.csv': 'Computer,Port\nweb1,80\n' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-links-'));
  fs.symlinkSync(path.join(real, 'VMBoundPort.csv'), path.join(dir, 'VMBoundPort.csv'));
  assert.deepEqual(openDataFolder(dir).database.table('VMBoundPort')!.rows(), [['web1', 80]]);
});
