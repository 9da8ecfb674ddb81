import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import type { EngineChannel } from '../../../src/backends/local/engineProcess';
import { StartGate } from '../../../src/backends/local/startGate';
import type { WorkerRequest, WorkerResponse } from '../../../src/backends/local/workerProtocol';
import { QueryCancelledError } from '../../../src/results/errors';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An engine that answers schema requests and records what it was sent; `started` counts the engines asked for. */
function fakeEngines() {
  const posted: WorkerRequest['type'][] = [];
  let started = 0;
  const startEngine = (): EngineChannel => {
    started++;
    const events = new EventEmitter();
    return {
      postMessage(m: WorkerRequest) {
        posted.push(m.type);
        if (m.type === 'schema') {
          const answer: WorkerResponse = { type: 'schema', id: m.id, tables: [], functions: [], warnings: [] };
          setImmediate(() => events.emit('message', answer));
        }
      },
      terminate: () => undefined,
      on: (event: string, listener: (...a: never[]) => void) => events.on(event, listener as (...a: unknown[]) => void),
      ref: () => undefined,
      unref: () => undefined,
    };
  };
  return { posted, startEngine, started: () => started };
}

test('the gate opens once: the first reason counts, with the time since it was made', async () => {
  let clock = 1000;
  const heard: [string, number][] = [];
  const gate = new StartGate({ capMs: 60_000, now: () => clock, onOpen: (r, ms) => heard.push([r, ms]) });
  assert.equal(gate.isOpen, false);
  clock = 1750;
  gate.open('first diagnostics');
  gate.open('a query');
  assert.equal(await gate.whenOpen, 'first diagnostics');
  assert.equal(gate.reason, 'first diagnostics');
  assert.deepEqual(heard, [['first diagnostics', 750]]);
  gate.dispose();
});

test('with nothing to open it, the gate opens at its cap', async () => {
  const gate = new StartGate({ capMs: 20 });
  assert.match(await gate.whenOpen, /no first diagnostics within 20 ms/);
});

test('a wait ends when the gate opens, or with the abort reason when its signal aborts first', async () => {
  const gate = new StartGate({ capMs: 60_000 });
  const abort = new AbortController();
  const aborted = gate.wait(abort.signal, () => new QueryCancelledError());
  const waiting = gate.wait(undefined, () => new Error('not aborted'));
  abort.abort();
  await assert.rejects(aborted, QueryCancelledError);
  gate.open('now');
  await waiting;
  await gate.wait(undefined, () => new Error('already open'));
  gate.dispose();
});

test("the engine's warm-up and the schema wait for the gate; the user's refresh or the cap opens it", async () => {
  const engines = fakeEngines();
  const gate = new StartGate({ capMs: 60_000 });
  const backend = new LocalBackend({
    source: { kind: 'sample' },
    workerScript: 'unused',
    startEngine: engines.startEngine,
    startGate: gate,
  });
  backend.warmUp();
  const schema = backend.schema();
  await tick();
  assert.equal(engines.started(), 0, 'the engine started before the gate opened');
  gate.open("the language server's first diagnostics");
  const answer = await schema;
  assert.deepEqual(answer.tables, []);
  assert.equal(engines.started(), 1);
  assert.deepEqual(engines.posted, ['load', 'schema']);
  backend.dispose();
});

test('a query opens the gate and starts the engine at once', async () => {
  const engines = fakeEngines();
  const gate = new StartGate({ capMs: 60_000 });
  const backend = new LocalBackend({
    source: { kind: 'sample' },
    workerScript: 'unused',
    startEngine: engines.startEngine,
    startGate: gate,
  });
  backend.warmUp();
  const abort = new AbortController();
  const run = backend.run('print 1', { signal: abort.signal });
  assert.equal(gate.reason, 'a query');
  assert.equal(engines.started(), 1);
  assert.deepEqual(engines.posted, ['load', 'run']);
  await tick();
  assert.equal(engines.started(), 1, 'the warm-up started a second engine');
  abort.abort();
  await assert.rejects(run, QueryCancelledError);
  backend.dispose();
});
