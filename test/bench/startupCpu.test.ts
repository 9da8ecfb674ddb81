/**
 * The start-up trace's step lines (bench/startupCpu.ts): what the language server's main thread did over
 * a step, from its scheduler figures, and which processes had the cores.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CpuShares, serverState, stepLine } from '../../bench/startupCpu';

const shares = (wallMs: number, runMs: number, queuedMs: number, byRole: [string, number][] = []): CpuShares => ({
  wallMs,
  byRole: new Map(byRole),
  machineMs: byRole.reduce((a, [, ms]) => a + ms, 0),
  server: { runMs, queuedMs },
});

test('serverState: the longest of on a core, waiting for one and asleep names the step', () => {
  assert.deepEqual(serverState(shares(1000, 100, 850)), { state: 'starved', sleptMs: 50 });
  assert.deepEqual(serverState(shares(1000, 700, 200)), { state: 'running', sleptMs: 100 });
  assert.deepEqual(serverState(shares(1000, 100, 100)), { state: 'asleep', sleptMs: 800 });
  // Figures past the window (a sample's rounding) never give a negative sleep.
  assert.deepEqual(serverState(shares(100, 80, 40)), { state: 'running', sleptMs: 0 });
});

test("stepLine: none for a short step or no samples; else the server's main thread, then each process's CPU (the browser's summed), largest first", () => {
  assert.equal(stepLine(undefined, 2, 500), undefined);
  assert.equal(stepLine(shares(150, 10, 10), 2, 40), undefined);
  const line = stepLine(
    shares(1000, 120, 800, [
      ['language server', 130],
      ['browser renderer', 300],
      ['browser GPU', 100],
      ['extension host', 250],
      ['code-server server', 5],
    ]),
    2,
    1000,
  );
  assert.equal(
    line,
    "[1000 ms of samples: server's main thread STARVED: on a core 120 ms, waiting for one 800 ms, asleep 80 ms | CPU: browser 400 ms, extension host 250 ms, language server 130 ms, rest of the machine 0 ms, idle 1215 ms]",
  );
});
