/**
 * A data folder as an export job treats it, under a running engine: not there yet when the engine starts,
 * created with files, deleted, created again. Each change is a reloadFiles() (the extension's folder
 * watch calls it); no new backend is built.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';

const WORKER = path.resolve(__dirname, '../../../src/backends/local/engineWorker.ts');

test('a folder that is not there yet says so, loads once created, says so again when deleted, and loads when back', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'local-lifecycle-'));
  const dir = path.join(parent, 'exports ü');
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  const keepAlive = setInterval(() => undefined, 1000);
  const missing = /The data folder .*exports ü does not exist \(yet\): its tables load once it is created\./;
  try {
    await assert.rejects(backend.run('Heartbeat | count'), missing);
    await assert.rejects(backend.schema(), missing);

    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'Computer,Version\nweb-01,1.1\ndb-01,1.2\n');
    assert.equal(backend.reloadFiles(), true);
    assert.deepEqual((await backend.run('Heartbeat | count')).tables[0]!.rows, [[2]]);

    fs.rmSync(dir, { recursive: true });
    assert.equal(backend.reloadFiles(), true);
    // The deleted folder's tables must not keep answering from memory.
    await assert.rejects(backend.run('Heartbeat | count'), missing);
    await assert.rejects(backend.schema(), missing);

    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'AppLogs.csv'), 'Level\nError\nInfo\nInfo\n');
    assert.equal(backend.reloadFiles(), true);
    assert.deepEqual(
      (await backend.schema()).tables.map((t) => t.name),
      ['AppLogs'],
    );
    assert.deepEqual((await backend.run('AppLogs | count')).tables[0]!.rows, [[3]]);
  } finally {
    clearInterval(keepAlive);
    backend.dispose();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test('a query stopped because the backend was replaced (the data folder setting changed) is told why', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-replaced-'));
  fs.writeFileSync(path.join(dir, 'Heartbeat.csv'), 'Computer\nweb-01\n');
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER });
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const running = backend.run('range i from 1 to 2000000000 step 1 | summarize count()');
    backend.dispose(
      'The backend settings changed while the query ran (e.g. kql.local.dataFolder): run it again on the new ones.',
    );
    await assert.rejects(running, { name: 'QueryCancelledError', message: /settings changed while the query ran/ });
  } finally {
    clearInterval(keepAlive);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
