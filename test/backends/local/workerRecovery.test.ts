/**
 * Through the shipped worker bundle (dist/engineWorker.js): a worker that dies anyway (out of
 * memory, a native crash) is replaced and reported; the host process survives and the next query works.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalBackend } from '../../../src/backends/local';
import { BackendError } from '../../../src/results/errors';
import { BUNDLE, NOW, nextQueryWorks, useShippedWorker } from './shippedWorker';

useShippedWorker();

test('a worker that dies mid-query is replaced and reported; queued queries and the next one run', async () => {
  const lost: string[] = [];
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    onWorkerLost: (why) => lost.push(why),
  });
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
