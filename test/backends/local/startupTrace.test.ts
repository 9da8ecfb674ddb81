/**
 * The first query's start-up trace: told once, by the shipped engine over a worker thread and over a
 * child process, with its instants in order, and the library's grammar not built for that query.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalBackend } from '../../../src/backends/local';
import { EngineProcess } from '../../../src/backends/local/engineProcess';
import { parseTraceLine, type StartupTrace, traceLine, tracePhases } from '../../../src/backends/local/startupTrace';
import { BUNDLE, NOW, useShippedWorker } from './shippedWorker';

useShippedWorker();

async function traceOf(startEngine?: () => EngineProcess): Promise<StartupTrace[]> {
  const traces: StartupTrace[] = [];
  const backend = new LocalBackend({
    source: { kind: 'sample', now: NOW },
    workerScript: BUNDLE,
    ...(startEngine ? { startEngine } : {}),
    onStartupTrace: (t) => traces.push(t),
  });
  try {
    backend.warmUp();
    await backend.run('VMBoundPort | distinct Computer, Port, ProcessName');
    await backend.run('VMConnection | count');
    // The trace follows the first answer in the same channel: by the second answer it has come.
    return traces;
  } finally {
    backend.dispose();
  }
}

function assertInOrder(t: StartupTrace): void {
  const order: [string, number | undefined][] = [
    ['requestedAt', t.requestedAt],
    ['startedAt', t.startedAt],
    ['codeAt', t.codeAt],
    ['libraryAt', t.libraryAt],
    ['warmAt', t.warmAt],
  ];
  let last = t.requestedAt - 5; // timeOrigin is a fraction rounded
  for (const [name, at] of order) {
    if (at === undefined) continue;
    assert.ok(at >= last, `${name} (${at}) before the instant preceding it (${last})`);
    last = at;
  }
  assert.ok(t.queryStartedAt >= t.queryArrivedAt && t.answeredAt >= t.queryStartedAt, JSON.stringify(t));
  assert.ok(t.receivedAt >= t.answeredAt && t.queryArrivedAt >= t.runAt, JSON.stringify(t));
  // The engine's first query was answered without Kusto.Language's grammar (src/kql/deferredGrammar.ts).
  assert.equal(t.grammar, 'deferred');
}

test('a worker thread traces its first query once, in order, without building the grammar', async () => {
  const traces = await traceOf();
  assert.equal(traces.length, 1);
  assert.equal(traces[0]!.kind, 'thread');
  // Its own thread's CPU where Linux tells it; the extension host's other threads are not counted.
  if (process.platform === 'linux') assert.ok(traces[0]!.cpuMs! > 0);
  else assert.equal(traces[0]!.cpuMs, undefined);
  assertInOrder(traces[0]!);
});

test('an engine process traces the same, with its CPU', async () => {
  const traces = await traceOf(() => new EngineProcess({ script: BUNDLE, execArgv: [] }));
  assert.equal(traces.length, 1);
  assert.equal(traces[0]!.kind, 'process');
  assert.ok(traces[0]!.cpuMs! > 0);
  assertInOrder(traces[0]!);
});

test('the log line reads back, and the phases are the gaps between the instants', () => {
  const t: StartupTrace = {
    kind: 'thread',
    requestedAt: 1000,
    startedAt: 1010,
    codeAt: 1100,
    libraryAt: 1500,
    warmAt: 2000,
    runAt: 1800,
    queryArrivedAt: 1801,
    queryStartedAt: 2001,
    answeredAt: 2300,
    receivedAt: 2310,
    grammar: 'deferred',
  };
  assert.deepEqual(parseTraceLine(`2026-12-05 [info] ${traceLine(t)}`), t);
  assert.equal(parseTraceLine('Local engine start-up trace: {not json'), undefined);
  assert.deepEqual(
    tracePhases(t).map((p) => p.ms),
    [100, 400, 500, 200, 299, 10],
  );
});
