/**
 * Through the shipped worker bundle (dist/engineWorker.js): a worker that dies anyway (out of
 * memory, a native crash) is replaced and reported; the host process survives and the next query works.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBackend } from '../../../src/backends/local';
import { BackendError } from '../../../src/results/errors';

const BUNDLE = path.resolve('dist/engineWorker.js');
const NOW = '2026-11-23T12:00:00Z';
const MB = 1024 * 1024;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

before(() => {
  // The bundle is what ships; rebuild it when the sources are newer (npm run build does the same).
  if (!fs.existsSync(BUNDLE) || fs.statSync(BUNDLE).mtimeMs < newestSource('src')) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    assert.equal(r.status, 0, 'the build failed');
  }
});

async function nextQueryWorks(backend: LocalBackend): Promise<void> {
  const r = await backend.run('print x = 41 + 1');
  assert.deepEqual(r.tables[0]!.rows, [[42]]);
}

test('a worker that dies mid-query is replaced and reported; queued queries and the next one run', async () => {
  const lost: string[] = [];
  const backend = new LocalBackend({ source: { kind: 'sample', now: NOW }, workerScript: BUNDLE, onWorkerLost: (why) => lost.push(why) });
  try {
    await nextQueryWorks(backend);
    const running = backend.run('range x from 1 to 100000000 step 1 | summarize count() by x % 7');
    const queued = backend.run('print y = 7');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // As an out-of-memory abort or a native crash would end it.
    void (backend as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await assert.rejects(running, (e: unknown) => e instanceof BackendError && /local engine stopped/.test(e.message));
    assert.deepEqual((await queued).tables[0]!.rows, [[7]]);
    assert.equal(lost.length, 1);
    assert.equal(backend.restarts, 1);
    await nextQueryWorks(backend);
  } finally {
    backend.dispose();
  }
});
