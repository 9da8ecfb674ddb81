/**
 * A Log Analytics REST response of several tables (a query with `fork`, or several tabular statements):
 * each is a table of the folder, the primary one named after the file, the others after the file and
 * their REST names.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';
import { LoadCache, loadDataFile, loadDataFolder, scanDataFolder } from '../../src/data/loaders';

const table = (name: string | undefined, columns: [string, string][], rows: unknown[][]) => ({
  ...(name === undefined ? {} : { name }),
  columns: columns.map(([n, type]) => ({ name: n, type })),
  rows,
});

// The primary result second, as a response may order them; the third table unnamed.
const response = JSON.stringify(
  {
    tables: [
      table('Failed', [['Computer', 'string']], [['vm-1'], ['vm-2']]),
      table(
        'PrimaryResult',
        [
          ['Computer', 'string'],
          ['Count', 'long'],
        ],
        [['vm-1', 3]],
      ),
      table(undefined, [['Port', 'int']], [[443], ['x'], [80]]),
    ],
  },
  null,
  1,
);

function folder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-rest-'));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const rowsOf = (t: { rows(): unknown[][] }) =>
  t.rows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));

test('each table of a REST response loads: the primary one as the file, the others as <file>_<REST name> or _<position>', () => {
  const dir = folder({ 'Results.json': response, 'Other.json': response });
  const loaded = loadDataFolder(dir);
  const byName = new Map(loaded.tables.map((t) => [t.name, t]));
  assert.deepEqual([...byName.keys()].sort(), [
    'Other',
    'Other_2',
    'Other_Failed',
    'Results',
    'Results_2',
    'Results_Failed',
  ]);
  assert.deepEqual(rowsOf(byName.get('Results')!), [['vm-1', 3]]);
  assert.deepEqual(byName.get('Results')!.schema, [
    { name: 'Computer', type: 'string' },
    { name: 'Count', type: 'long' },
  ]);
  assert.deepEqual(rowsOf(byName.get('Results_Failed')!), [['vm-1'], ['vm-2']]);
  assert.deepEqual(rowsOf(byName.get('Results_2')!), [[443], [80]]);
  // A bad row of a later table names its own line in the file (where the row's array opens).
  const row = response.lastIndexOf('[', response.indexOf('"x"'));
  const line = response.slice(0, row).split('\n').length;
  assert.ok(
    loaded.warnings.some((w) => w.includes(`Results.json:${line}:`) && w.includes('Port')),
    loaded.warnings.join('\n'),
  );
  assert.ok(!loaded.warnings.some((w) => w.includes('only the first')));
});

test('a gzip-compressed response of several tables loads each, and again from the load cache', () => {
  const dir = folder({ 'Results.json.gz': zlib.gzipSync(response) });
  const cache = new LoadCache(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-rest-cache-')));
  const first = loadDataFolder(dir, { cache });
  const again = loadDataFolder(dir, { cache });
  for (const loaded of [first, again]) {
    assert.deepEqual(loaded.tables.map((t) => t.name).sort(), ['Results', 'Results_2', 'Results_Failed']);
    assert.deepEqual(rowsOf(loaded.tables.find((t) => t.name === 'Results_Failed')!), [['vm-1'], ['vm-2']]);
  }
  assert.deepEqual(
    scanDataFolder(dir, cache)
      .tables.map((t) => [t.name, t.columns.map((c) => c.name)])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [
      ['Results', ['Computer', 'Count']],
      ['Results_2', ['Port']],
      ['Results_Failed', ['Computer']],
    ],
  );
});

test('one file loaded on its own gives its primary table; a one-table response stays one table', () => {
  const dir = folder({
    'Results.json': response,
    'One.json': JSON.stringify({ tables: [table('Other', [['a', 'long']], [[1]])] }),
  });
  assert.deepEqual(rowsOf(loadDataFile(path.join(dir, 'Results.json')).table), [['vm-1', 3]]);
  assert.deepEqual(
    loadDataFolder(dir)
      .tables.map((t) => t.name)
      .sort(),
    ['One', 'Results', 'Results_2', 'Results_Failed'],
  );
});
