import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDataFolder } from '../../src/data/loaders';

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-refresh-'));
  fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'Computer,Version\nweb-01,1.1\n');
  fs.writeFileSync(path.join(dir, 'VMComputer.csv'), 'Computer,Machine\nweb-01,m1\ndb-01,m2\n');
  fs.writeFileSync(path.join(dir, 'MyApp_CL.json'), '[{"Route": "/a", "Ms": 1}, {"Rou');
  return dir;
}

/** Sets a file's modification time apart from its last one, as a later save does (mtime granularity varies). */
function touchLater(file: string, seconds: number): void {
  const t = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(file, t, t);
}

test('a changed file reloads only its own table: the others keep their loaded rows', () => {
  const dir = folder();
  try {
    const opened = openDataFolder(dir);
    const vmComputer = opened.database.table('VMComputer')!;
    assert.equal(opened.database.table('Heartbeat')!.rowCount, 1);
    fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'Computer,Version,OSType\nweb-01,1.1,Linux\ndb-01,1.2,Windows\n');
    touchLater(path.join(dir, 'Heartbeat.csv'), 5);
    assert.deepEqual(opened.refresh(), { added: [], changed: ['Heartbeat'], removed: [] });
    assert.equal(opened.database.isBuilt('Heartbeat'), false, 'the changed table is loaded again on its next use');
    assert.equal(opened.database.isBuilt('VMComputer'), true);
    assert.equal(opened.database.table('VMComputer'), vmComputer, 'the unchanged table is the same loaded table');
    const heartbeat = opened.database.table('Heartbeat')!;
    assert.equal(heartbeat.rowCount, 2);
    assert.deepEqual(
      opened.database.schemas.find((s) => s.name === 'Heartbeat')!.columns.map((c) => c.name),
      ['Computer', 'Version', 'OSType'],
    );
    // Nothing changed: nothing reloads.
    assert.deepEqual(opened.refresh(), { added: [], changed: [], removed: [] });
    assert.equal(opened.database.table('Heartbeat'), heartbeat);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a broken file fixed on disk loads, its warning goes; a deleted file drops its table', () => {
  const dir = folder();
  try {
    const opened = openDataFolder(dir);
    assert.equal(opened.database.tableNames.includes('MyApp_CL'), false);
    assert.ok(
      opened.warnings.some((w) => /MyApp_CL\.json:1:\d+: invalid JSON/.test(w)),
      opened.warnings.join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'MyApp_CL.json'), '[{"Route": "/a", "Ms": 1}, {"Route": "/b", "Ms": 2}]');
    fs.rmSync(path.join(dir, 'VMComputer.csv'));
    assert.deepEqual(opened.refresh(), { added: ['MyApp_CL'], changed: [], removed: ['VMComputer'] });
    assert.equal(opened.database.table('MyApp_CL')!.rowCount, 2);
    assert.equal(opened.database.table('VMComputer'), undefined);
    assert.deepEqual(opened.warnings, []);
    assert.deepEqual(opened.database.tableNames.sort(), ['Heartbeat', 'MyApp_CL']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
