/**
 * Through the real engine worker: a run cancelled while a table loads comes back saying which table,
 * how far (files, rows, MB) and which tables had loaded before it; the editor words it from this
 * (results/stopPoint.ts). Before, the worker protocol carried only "cancelled" or the time limit.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import { QueryCancelledError } from '../../../src/results/errors';

const WORKER = path.resolve(__dirname, '../../../src/backends/local/engineWorker.ts');

function exportsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-stop-detail-'));
  fs.writeFileSync(path.join(dir, 'Small.csv'), 'Computer,Bytes\nweb-01,1\ndb-01,2\n');
  const rows = Array.from({ length: 600_000 }, (_, i) => `2026-11-30T00:00:00Z,web${i % 7}.contoso.com,${i}`);
  fs.writeFileSync(path.join(dir, 'Big.csv'), `TimeGenerated,Computer,Bytes\n${rows.join('\n')}\n`);
  return dir;
}

test('a run cancelled while Big loads says so, after Small had loaded', async () => {
  const dir = exportsFolder();
  const backend = new LocalBackend({ source: { kind: 'folder', dir }, workerScript: WORKER, timeoutMs: 300_000 });
  try {
    const abort = new AbortController();
    let caught: unknown;
    try {
      await backend.run('union Small, Big | count', {
        signal: abort.signal,
        // The first report of Big's load: the user presses Cancel.
        onProgress: (message) => {
          if (/^Loading Big: .* of /.test(message)) abort.abort();
        },
      });
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof QueryCancelledError, String(caught));
    const stop = caught.stop;
    assert.ok(stop?.stage === 'load', JSON.stringify(stop));
    assert.equal(stop.table, 'Big');
    assert.ok(stop.totalBytes > 10 * 1048576 && stop.bytes < stop.totalBytes, JSON.stringify(stop));
    assert.ok(stop.rows !== undefined && stop.rows < 600_000, JSON.stringify(stop));
    assert.deepEqual(stop.loaded, ['Small']);
  } finally {
    await backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
