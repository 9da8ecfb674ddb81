/**
 * Resource attacks through the shipped worker bundle (dist/engineWorker.js, as the extension runs it):
 * each ends in an error for that query only; the host process survives and the next query works.
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

test('nested strrep, strlen and mv-expand blow-ups end in KqlErrors, and the worker goes on', async () => {
  const backend = new LocalBackend({ source: { kind: 'sample', now: NOW }, workerScript: BUNDLE, memoryLimitBytes: 256 * MB });
  try {
    const big = await backend.run('print n = strlen(strrep(strrep(strrep("abcd", 1024), 1024), 30))');
    assert.deepEqual(big.tables[0]!.rows, [[125829120]]);
    await assert.rejects(backend.run('print n = strlen(strrep(strrep(strrep("abcd", 1024), 1024), 1024))'), (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY' && /strrep\(\).*256 MB/.test(e.message));
    await assert.rejects(backend.run('range i from 1 to 40 step 1 | mv-expand a = range(1, 1048576) | count'), (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY');
    await assert.rejects(backend.run('range x from 1 to 6000000 step 1 | summarize count() by tostring(x) | count'), (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY' && /summarize/.test(e.message));
    await nextQueryWorks(backend);
    assert.equal(backend.restarts, 0);
  } finally {
    backend.dispose();
  }
});

test('a result over the size cap is cut in the worker, with a notice', async () => {
  const backend = new LocalBackend({ source: { kind: 'sample', now: NOW }, workerScript: BUNDLE, resultByteLimit: 1 * MB });
  try {
    const r = await backend.run('range x from 1 to 100000 step 1 | extend s = strrep("x", 1000)');
    const rows = r.tables[0]!.rows.length;
    assert.ok(rows > 100 && rows < 1000, `${rows} rows kept`);
    assert.equal(r.stats.truncated, true);
    assert.ok(r.warnings.some((w) => /larger than 1 MB/.test(w)), r.warnings.join('\n'));
  } finally {
    backend.dispose();
  }
});

