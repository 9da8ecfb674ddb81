/**
 * What the worker tests share: the shipped bundle (dist/engineWorker.js, as the extension runs it),
 * rebuilt when the sources are newer, and the check that a backend still answers after an attack.
 */
import { before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LocalBackend } from '../../../src/backends/local';

export const BUNDLE = path.resolve('dist/engineWorker.js');
export const NOW = '2026-11-23T12:00:00Z';
export const MB = 1024 * 1024;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Registers a before() hook that rebuilds the bundle when the sources are newer (npm run build does the same). */
export function useShippedWorker(): void {
  before(() => {
    if (!fs.existsSync(BUNDLE) || fs.statSync(BUNDLE).mtimeMs < newestSource('src')) {
      const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
      assert.equal(r.status, 0, 'the build failed');
    }
  });
}

export async function nextQueryWorks(backend: LocalBackend): Promise<void> {
  const r = await backend.run('print x = 41 + 1');
  assert.deepEqual(r.tables[0]!.rows, [[42]]);
}
