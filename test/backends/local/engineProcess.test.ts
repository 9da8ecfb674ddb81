/**
 * The engine in a child process (as started from its startup snapshot in code-server) behind LocalBackend:
 * the same answers over the process's IPC channel, a cancel that ends the process at once (it shares no
 * memory for the worker's flag), a process Node refuses to start falls back to worker threads.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import { EngineProcess, forProcess } from '../../../src/backends/local/engineProcess';
import { BackendError, QueryCancelledError } from '../../../src/results/errors';
import { BUNDLE, NOW, nextQueryWorks, useShippedWorker } from './shippedWorker';

useShippedWorker();

test('a run crosses to a process without its shared cancel flag; other requests unchanged', () => {
  const run = {
    type: 'run' as const,
    id: 1,
    query: 'print 1',
    options: { deadline: 1, timeoutMs: 1 },
    cancel: new SharedArrayBuffer(4),
  };
  assert.deepEqual(forProcess(run), { type: 'run', id: 1, query: 'print 1', options: { deadline: 1, timeoutMs: 1 } });
  const load = { type: 'load' as const, source: { kind: 'sample' as const } };
  assert.equal(forProcess(load), load);
});

test('over a child process: answers, a cancel ends the process at once, the next query gets a new one', async () => {
  const started: EngineProcess[] = [];
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    // Far longer than the test waits: a process must not wait for a flag it cannot see.
    stopGraceMs: 60_000,
    // The shipped engine entry as a plain child process: the same IPC path as one started from the snapshot.
    startEngine: () => {
      const p = new EngineProcess({ script: BUNDLE, execArgv: [] });
      started.push(p);
      return p;
    },
  });
  try {
    const r = await backend.run('VMBoundPort | summarize n = dcount(Port) by Computer | count');
    assert.equal(r.tables[0]!.rows.length, 1);
    assert.ok(Number(r.tables[0]!.rows[0]![0]) > 0);
    const abort = new AbortController();
    const running = backend.run('range x from 1 to 100000000 step 1 | summarize count() by x % 7', {
      signal: abort.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = Date.now();
    abort.abort();
    await assert.rejects(running, (e: unknown) => e instanceof QueryCancelledError);
    assert.ok(Date.now() - before < 5_000, 'the cancel did not wait for the grace period');
    await nextQueryWorks(backend);
    assert.equal(started.length, 2);
    assert.equal(backend.restarts, 1);
  } finally {
    backend.dispose();
  }
});

test('a blob Node refuses: reported once, and the queued query runs in a worker thread instead', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-engine-blob-'));
  const blob = path.join(dir, 'engine.blob');
  fs.writeFileSync(blob, 'not a snapshot');
  const refused: string[] = [];
  const lost: string[] = [];
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    onWorkerLost: (why) => lost.push(why),
    startEngine: () =>
      refused.length
        ? undefined
        : new EngineProcess({
            script: BUNDLE,
            execArgv: ['--snapshot-blob', blob],
            onRefused: (why) => refused.push(why),
          }),
  });
  try {
    const r = await backend.run('print y = 6 * 7');
    assert.deepEqual(r.tables[0]!.rows, [[42]]);
    assert.equal(refused.length, 1);
    assert.equal(lost.length, 1);
  } finally {
    backend.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an engine process killed from outside mid-query: that query names the signal, the next one runs', async () => {
  const started: EngineProcess[] = [];
  const lost: string[] = [];
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    onWorkerLost: (why) => lost.push(why),
    startEngine: () => {
      const p = new EngineProcess({ script: BUNDLE, execArgv: [] });
      started.push(p);
      return p;
    },
  });
  try {
    await backend.run('print 1');
    const running = backend.run('range x from 1 to 100000000 step 1 | summarize count() by x % 7');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // What a user's `kill -9 <pid>` (or the OOM killer) does: not a terminate() of ours.
    process.kill(started[0]!.pid!, 'SIGKILL');
    await assert.rejects(running, (e: unknown) => {
      assert.ok(e instanceof BackendError, String(e));
      assert.match(e.message, /local engine stopped while running this query \(its process was killed by SIGKILL\)/);
      assert.match(e.message, /run the query again/);
      return true;
    });
    assert.deepEqual(lost, ['its process was killed by SIGKILL']);
    await nextQueryWorks(backend);
    assert.equal(started.length, 2);
  } finally {
    backend.dispose();
  }
});

/**
 * An engine process that `signal` ends before it said it is ready (as the e2e's kill -9 met a process
 * still starting under load): what the owner is told, and where the queued query then runs.
 */
async function killedBeforeReady(signal: NodeJS.Signals): Promise<{ refused: string[]; processes: number }> {
  const refused: string[] = [];
  let processes = 0;
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    // As the extension does: after a refusal the engine starts as a worker thread.
    startEngine: () => {
      if (refused.length) return undefined;
      const p = new EngineProcess({ script: BUNDLE, execArgv: [], onRefused: (why) => refused.push(why) });
      // The first one at once, before its code has run, so before it can say it is ready.
      if (processes++ === 0) process.kill(p.pid!, signal);
      return p;
    },
  });
  try {
    const r = await backend.run('print y = 6 * 7');
    assert.deepEqual(r.tables[0]!.rows, [[42]]);
    return { refused, processes };
  } finally {
    backend.dispose();
  }
}

test('an engine process killed from outside before it was ready is no refusal: the queued query runs on a new process', async () => {
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    const { refused, processes } = await killedBeforeReady(signal);
    assert.deepEqual(refused, [], `${signal} was taken for Node refusing the blob`);
    assert.equal(processes, 2, `${signal}: the query ran in a worker thread instead of a new process`);
  }
});

test('an engine process that aborts before it was ready is still a refusal (as V8 does on a damaged blob)', async () => {
  const { refused, processes } = await killedBeforeReady('SIGABRT');
  assert.equal(refused.length, 1);
  assert.equal(processes, 1);
});
