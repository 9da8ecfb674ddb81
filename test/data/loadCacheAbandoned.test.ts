/**
 * A load cache entry is written to `<entry>.<pid>.tmp` and renamed into place whole. A writer stopped
 * part-way (Ctrl+C during `kql`'s first load) leaves its temporary file behind: the next write into
 * the cache deletes those of processes that are gone, and keeps those still being written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LoadCache } from '../../src/data/loaders';

test('a half-written entry of a writer that is gone is deleted; one of a running writer is kept', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cache-abandoned-'));
  // A process that has ended (and been reaped): its pid no longer runs.
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  const abandoned = path.join(dir, `0123.kqlcache.${gone}.tmp`);
  const writing = path.join(dir, `4567.kqlcache.${process.pid}.tmp`);
  const entry = path.join(dir, '89ab.kqlcache');
  for (const f of [abandoned, writing, entry]) fs.writeFileSync(f, 'x');
  new LoadCache(dir).evict();
  assert.equal(fs.existsSync(abandoned), false);
  assert.equal(fs.existsSync(writing), true);
  assert.equal(fs.existsSync(entry), true);
});
