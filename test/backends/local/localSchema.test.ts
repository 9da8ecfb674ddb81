import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalBackend } from '../../../src/backends/local';
import { hasColumn, schemaColumn } from '../../../src/schema/workspaceSchema';

const WORKER = path.resolve(__dirname, '../../../src/backends/local/engineWorker.ts');

test('the local schema is the loaded files: extra tables and columns, catalogue descriptions, failed files in the note', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-schema-'));
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    'TimeGenerated,Machine,Computer,CostCenter\n2026-11-23T10:00:00Z,m-1,web01,42\n',
  );
  fs.writeFileSync(path.join(dir, 'AppLogs.csv'), 'TimeGenerated,Level\n2026-11-23T10:00:00Z,Error\n');
  // Broken JSON: the file fails as a whole, so its table is not in the schema and the note names it.
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.json'),
    '[{"TimeGenerated":"2026-11-23T10:00:00Z","Port":80},\n{"Port": 81,,}]\n',
  );
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  try {
    const schema = await backend.schema();
    assert.equal(schema.source.kind, 'folder');
    assert.deepEqual(schema.tables.map((t) => t.name).sort(), ['AppLogs', 'VMComputer']);
    assert.ok(hasColumn(schema, 'VMComputer', 'CostCenter'), 'an extra column of a catalogue table');
    assert.ok(!hasColumn(schema, 'VMComputer', 'OperatingSystemFamily'), 'a column the partial export lacks');
    assert.match(schemaColumn(schema, 'VMComputer', 'Computer')!.description, /domain name/);
    assert.ok(hasColumn(schema, 'AppLogs', 'Level'));
    assert.match(schema.source.note ?? '', /VMBoundPort\.json:2:\d+: /);
  } finally {
    backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a changed file reloads in the running worker: the fixed table answers, the schema and note follow, no new backend', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-reload-'));
  fs.writeFileSync(path.join(dir, 'AppLogs.csv'), 'TimeGenerated,Level\n2026-11-23T10:00:00Z,Error\n');
  fs.writeFileSync(path.join(dir, 'MyApp_CL.json'), '[{"Route": "/a", "Ms": 1}, {"Rou');
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  // The worker does not hold the process open; the test waits on it.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const before = await backend.schema();
    assert.deepEqual(
      before.tables.map((t) => t.name),
      ['AppLogs'],
    );
    await assert.rejects(backend.run('MyApp_CL | count'), /MyApp_CL\.json failed to load at 1:\d+/);
    fs.writeFileSync(path.join(dir, 'MyApp_CL.json'), '[{"Route": "/a", "Ms": 1}, {"Route": "/b", "Ms": 2}]');
    assert.equal(backend.reloadFiles(), true);
    const after = await backend.schema();
    assert.deepEqual(after.tables.map((t) => t.name).sort(), ['AppLogs', 'MyApp_CL']);
    assert.equal(after.source.note, undefined);
    const result = await backend.run('MyApp_CL | summarize n = count(), slowest = max(Ms)');
    assert.deepEqual(result.tables[0]!.rows, [[2, 2]]);
  } finally {
    clearInterval(keepAlive);
    backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the sample workspace has no files to reload: the caller rebuilds instead', () => {
  const backend = new LocalBackend({ source: { kind: 'sample' }, workerScript: WORKER });
  try {
    assert.equal(backend.reloadFiles(), false);
  } finally {
    backend.dispose();
  }
});

test('a JSON Lines key first seen past the head joins the schema the editor is given after the query that loaded it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-late-key-'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-late-key-cache-'));
  // Past the head's 2,000 records: only the load sees the key.
  const lines = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify(i < 2500 ? { Seq: i } : { Seq: i, Level: 'warn' }),
  );
  fs.writeFileSync(path.join(dir, 'AppLogs.jsonl'), `${lines.join('\n')}\n`);
  const backend = new LocalBackend({ source: { kind: 'folder', dir, cacheDir }, workerScript: WORKER });
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    assert.ok(!hasColumn(await backend.schema(), 'AppLogs', 'Level'));
    const first = await backend.run('AppLogs | count');
    assert.deepEqual(first.tables[0]!.rows, [[3000]]);
    assert.deepEqual(first.stats.tablesWidened, ['AppLogs']);
    assert.ok(hasColumn(await backend.schema(), 'AppLogs', 'Level'));
    const late = await backend.run('AppLogs | where Level == "warn" | summarize n = count(), earliest = min(Seq)');
    assert.deepEqual(late.tables[0]!.rows, [[500, 2500]]);
    assert.equal(late.stats.tablesWidened, undefined);
  } finally {
    clearInterval(keepAlive);
    backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});
