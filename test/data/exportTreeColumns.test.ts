import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LoadCache, openDataFolder, scanDataFolder } from '../../src/data/loaders';
import { executeQuery } from '../../src/engine';

// A data export tree's blobs need not share their keys: exported records leave out empty values, and a
// custom table gains columns. The table's columns are the union over its blobs.

const line = (o: object) => `${JSON.stringify(o)}\n`;
const blob = (table: string, hour: number) =>
  `am-${table}/y=2026/m=11/d=23/h=${String(hour).padStart(2, '0')}/m=00/PT1H.json`;

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-tree-columns-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const rows = (dir: string, query: string, cache?: LoadCache) => {
  const opened = openDataFolder(dir, { cache });
  return { rows: executeQuery(query, opened.database).tables[0]!.table.rows(), warnings: opened.warnings };
};

test('a key only the third blob has is a column, null in the earlier blobs, and no warning', () => {
  const dir = tree({
    [blob('App_CL', 10)]: line({ Name: 'a', Size: 1 }),
    [blob('App_CL', 11)]: line({ Name: 'b', Size: 2 }),
    [blob('App_CL', 12)]: line({ Name: 'c', Size: 3, Region: 'west' }) + line({ Name: 'd', Size: 4 }),
  });
  assert.deepEqual(scanDataFolder(dir).tables[0]!.columns, [
    { name: 'Name', type: 'string' },
    { name: 'Size', type: 'long' },
    { name: 'Region', type: 'string' },
  ]);
  const r = rows(dir, 'App_CL | project Name, Region, absent = isempty(Region)');
  assert.deepEqual(r.rows, [
    ['a', '', true],
    ['b', '', true],
    ['c', 'west', false],
    ['d', '', true],
  ]);
  assert.deepEqual(r.warnings, []);
});

test("a column's type is inferred over the values of every blob, not the first one's alone", () => {
  const dir = tree({
    [blob('App_CL', 10)]: line({ Code: 1, Ratio: 2 }),
    [blob('App_CL', 11)]: line({ Code: 'E42', Ratio: 2.5 }),
  });
  assert.deepEqual(scanDataFolder(dir).tables[0]!.columns, [
    { name: 'Code', type: 'string' },
    { name: 'Ratio', type: 'real' },
  ]);
  const r = rows(dir, 'App_CL | project Code, Ratio');
  assert.deepEqual(r.rows, [
    ['1', 2],
    ['E42', 2.5],
  ]);
  assert.deepEqual(r.warnings, []);
});

test('an empty first blob does not lose the table: the next blob gives the columns', () => {
  const dir = tree({
    [blob('App_CL', 10)]: '',
    [blob('App_CL', 11)]: line({ Name: 'b', Size: 2 }),
  });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(scanned.warnings, []);
  assert.deepEqual(scanned.tables[0]!.columns, [
    { name: 'Name', type: 'string' },
    { name: 'Size', type: 'long' },
  ]);
  assert.deepEqual(rows(dir, 'App_CL | project Name, Size').rows, [['b', 2]]);
});

test('a tree whose every blob is empty is a warning, not a table', () => {
  const dir = tree({ [blob('App_CL', 10)]: '', [blob('App_CL', 11)]: '\n' });
  const scanned = scanDataFolder(dir);
  assert.deepEqual(scanned.tables, []);
  assert.match(scanned.warnings.join('\n'), /h=10.*PT1H\.json:1:1: no JSON record in the first lines of the file/);
});

test("a catalogue table takes only the catalogue's columns from later blobs; other keys stay a warning", () => {
  const dir = tree({
    [blob('VMBoundPort', 10)]: line({ Computer: 'web1', Port: 80 }),
    [blob('VMBoundPort', 11)]: line({ Computer: 'web2', Port: 443, Ip: '10.0.0.2', Extra: 'x' }),
  });
  assert.deepEqual(scanDataFolder(dir).tables[0]!.columns, [
    { name: 'Computer', type: 'string' },
    { name: 'Port', type: 'int' },
    { name: 'Ip', type: 'string' },
  ]);
  const r = rows(dir, 'VMBoundPort | project Computer, Ip');
  assert.deepEqual(r.rows, [
    ['web1', ''],
    ['web2', '10.0.0.2'],
  ]);
  assert.match(r.warnings.join('\n'), /h=11.*PT1H\.json:1: key "Extra" is not a column of the table/);
});

test('the load cache keeps the union of columns, and a changed later blob rebuilds with its new key', () => {
  const dir = tree({
    [blob('App_CL', 10)]: line({ Name: 'a' }),
    [blob('App_CL', 11)]: line({ Name: 'b', Level: 3 }),
  });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-tree-columns-cache-'));
  const cache = new LoadCache(cacheDir);
  assert.deepEqual(rows(dir, 'App_CL | project Name, Level', cache).rows, [
    ['a', null],
    ['b', 3],
  ]);
  const cached = scanDataFolder(dir, cache).tables[0]!;
  assert.deepEqual(cache.schema('App_CL', cached.files)?.columns, [
    { name: 'Name', type: 'string' },
    { name: 'Level', type: 'long' },
  ]);
  const later = path.join(dir, blob('App_CL', 11));
  fs.writeFileSync(later, line({ Name: 'b', Level: 3, Zone: 'z1' }));
  // Same size and time would hide the change from the cache key: the test's write must change one of them.
  fs.utimesSync(later, new Date(), new Date(Date.now() + 5000));
  assert.deepEqual(
    scanDataFolder(dir, cache).tables[0]!.columns.map((c) => c.name),
    ['Name', 'Level', 'Zone'],
  );
  assert.deepEqual(rows(dir, 'App_CL | project Name, Zone', cache).rows, [
    ['a', ''],
    ['b', 'z1'],
  ]);
});
