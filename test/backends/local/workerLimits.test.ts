/**
 * Resource attacks through the shipped worker bundle (dist/engineWorker.js, as the extension runs it):
 * each ends in an error for that query only; the host process survives and the next query works.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import { KqlError } from '../../../src/kql';
import { BUNDLE, MB, NOW, nextQueryWorks, useShippedWorker } from './shippedWorker';

useShippedWorker();

test('nested strrep, strlen and mv-expand blow-ups end in KqlErrors, and the worker goes on', async () => {
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    memoryLimitBytes: 256 * MB,
  });
  try {
    const big = await backend.run('print n = strlen(strrep(strrep(strrep("abcd", 1024), 1024), 30))');
    assert.deepEqual(big.tables[0]!.rows, [[125829120]]);
    await assert.rejects(
      backend.run('print n = strlen(strrep(strrep(strrep("abcd", 1024), 1024), 1024))'),
      (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY' && /strrep\(\).*256 MB/.test(e.message),
    );
    await assert.rejects(
      backend.run('range i from 1 to 40 step 1 | mv-expand a = range(1, 1048576) | count'),
      (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY',
    );
    await assert.rejects(
      backend.run('range x from 1 to 6000000 step 1 | summarize count() by tostring(x) | count'),
      (e: unknown) => e instanceof KqlError && e.code === 'KQL-MEMORY' && /summarize/.test(e.message),
    );
    await nextQueryWorks(backend);
    assert.equal(backend.restarts, 0);
  } finally {
    backend.dispose();
  }
});

test('a result over the size cap is cut in the worker, with a notice', async () => {
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    resultByteLimit: 1 * MB,
  });
  try {
    const r = await backend.run('range x from 1 to 100000 step 1 | extend s = strrep("x", 1000)');
    // Rows count as the JSON the REST API sends, `[x,"x…x"],` about 1,010 bytes: 1 MB holds 1,039.
    assert.equal(r.tables[0]!.rows.length, 1039);
    assert.equal(r.stats.truncated, true);
    assert.ok(
      r.warnings.some((w) => /larger than 1 MB/.test(w)),
      r.warnings.join('\n'),
    );
  } finally {
    backend.dispose();
  }
});
