/**
 * Through the shipped worker bundle (dist/engineWorker.js): a query near the worker's heap limit is
 * stopped by the worker itself, before V8 would abort the whole process; the next query works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalBackend } from '../../../src/backends/local';
import { KqlError } from '../../../src/kql';
import { BUNDLE, NOW, MB, nextQueryWorks, useShippedWorker } from './shippedWorker';

useShippedWorker();

test('near its heap limit the worker stops the query itself, before V8 would abort the process', async () => {
  // A heap far below the budget, so the heap guard, not the budget, is what stops this query.
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    memoryLimitBytes: 8192 * MB,
    heapLimitMb: 256,
  });
  try {
    await assert.rejects(
      backend.run('range x from 1 to 8000000 step 1 | summarize make_list(strcat("value-", x), 100000000)'),
      (e: unknown) =>
        e instanceof KqlError &&
        e.code === 'KQL-MEMORY' &&
        /needs more memory than the embedded engine's heap allows/.test(e.message),
    );
    await nextQueryWorks(backend);
    assert.equal(backend.restarts, 0);
  } finally {
    backend.dispose();
  }
});
