/**
 * The engine's eager start held back (LocalBackend's `eagerStartAfter`, which the extension sets while
 * the language server deserialises its snapshot): the warm-up and the schema wait for it, a query never
 * does, and a backend disposed while held starts nothing.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import type { EngineChannel } from '../../../src/backends/local/engineProcess';
import type { WorkerRequest } from '../../../src/backends/local/workerProtocol';
import { QueryCancelledError } from '../../../src/results/errors';

/** An engine that only records what it is sent. */
class RecordingEngine extends EventEmitter implements EngineChannel {
  readonly sent: WorkerRequest['type'][] = [];
  postMessage(message: WorkerRequest): void {
    this.sent.push(message.type);
  }
  terminate(): void {}
  ref(): void {}
  unref(): void {}
}

function heldBackend(): { backend: LocalBackend; started: RecordingEngine[]; release: () => void } {
  let release!: () => void;
  const hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  const started: RecordingEngine[] = [];
  const backend = new LocalBackend({
    source: { kind: 'sample' },
    workerScript: 'not started in these tests',
    eagerStartAfter: hold,
    startEngine: () => {
      const engine = new RecordingEngine();
      started.push(engine);
      return engine;
    },
  });
  return { backend, started, release };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the warm-up and the schema wait for the hold, then start one engine that is asked for the schema', async () => {
  const { backend, started, release } = heldBackend();
  try {
    backend.warmUp();
    void backend.schema().catch(() => undefined);
    await settle();
    assert.equal(started.length, 0, 'started while held');
    release();
    await settle();
    assert.equal(started.length, 1);
    assert.deepEqual(started[0]!.sent, ['load', 'schema']);
  } finally {
    backend.dispose();
  }
});

test('a query does not wait for the hold', async () => {
  const { backend, started } = heldBackend();
  try {
    backend.warmUp();
    void backend.run('print 1').catch(() => undefined);
    await settle();
    assert.equal(started.length, 1);
    assert.deepEqual(started[0]!.sent, ['load', 'run']);
    // Once the engine runs, a schema asked for is sent to it at once.
    void backend.schema().catch(() => undefined);
    assert.deepEqual(started[0]!.sent, ['load', 'run', 'schema']);
  } finally {
    backend.dispose();
  }
});

test('disposed or cancelled while held: nothing starts when the hold ends', async () => {
  const { backend, started, release } = heldBackend();
  const abort = new AbortController();
  const schema = backend.schema(abort.signal);
  abort.abort();
  await assert.rejects(schema, (e: unknown) => e instanceof QueryCancelledError);
  release();
  await settle();
  assert.equal(started.length, 0, 'a cancelled schema started the engine');
  backend.warmUp();
  backend.dispose();
  await settle();
  assert.equal(started.length, 0, 'a disposed backend started the engine');
});
