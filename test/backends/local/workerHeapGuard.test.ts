/**
 * Through the shipped worker bundle (dist/engineWorker.js): a query near the worker's heap limit is
 * stopped by the worker itself, before V8 would abort the whole process; the next query works.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBackend } from '../../../src/backends/local';
import { KqlError } from '../../../src/kql';

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

test('near its heap limit the worker stops the query itself, before V8 would abort the process', async () => {
  // A heap far below the budget, so the heap guard, not the budget, is what stops this query.
  const backend = new LocalBackend({ source: { kind: 'sample', now: NOW }, workerScript: BUNDLE, memoryLimitBytes: 8192 * MB, heapLimitMb: 256 });
  try {
    await assert.rejects(
      backend.run('range x from 1 to 8000000 step 1 | summarize make_list(strcat("value-", x), 100000000)'),
      (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY' && /needs more memory than the embedded engine's heap allows/.test(e.message),
    );
    await nextQueryWorks(backend);
    assert.equal(backend.restarts, 0);
  } finally {
    backend.dispose();
  }
});

