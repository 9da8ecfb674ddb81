// The hold changes V8's process-wide flags: each case that takes it runs in its own child process.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DidOpenTextDocumentNotification } from 'vscode-languageserver/node';
import { holdOptimizer, OPTIMIZER_HOLD_ENV, optimizerHeld } from '../../src/server/optimizerHold';
import { currentBundle } from '../builtBundle';
import { startServer } from './lspHarness';

const PROBE = path.join(__dirname, 'optimizerHoldProbe.ts');

function probe(...args: string[]): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', PROBE, ...args], {
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr.slice(-2000));
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

test('while held V8 does not optimize; once released it does again', () => {
  const r = probe('tiers');
  assert.equal(r.held, true);
  assert.equal(r.optimizedWhileHeld, false, 'TurboFan optimized a function during the hold');
  assert.equal(typeof r.releasedAfterMs, 'number');
  assert.equal(r.optimizedAfter, true, 'TurboFan stayed off after the release');
});

test("a code cache written after the release is accepted by the next start's hold", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-optimizer-hold-'));
  try {
    const file = path.join(dir, 'probe.cache');
    assert.equal(probe('write', file).held, true);
    assert.equal(probe('read', file).rejected, false, 'the cache written under the start flags was rejected');
    // Why the server writes it under the start's flags: written as is, V8 rejects it at every start.
    probe('write', file, 'plain');
    assert.equal(probe('read', file).rejected, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a start that ended while it held leaves its marker, and later starts with that code cache folder never hold', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-optimizer-hold-'));
  try {
    assert.deepEqual(probe('marker', dir), { held: true, markerWhileHeld: true, markerAfter: false });
    // As V8 aborting on a frozen flag would: the process ends between the hold and its release.
    const died = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', PROBE, 'marker', dir, 'die'],
      { encoding: 'utf8' },
    );
    assert.equal(died.status, 3, died.stderr);
    assert.equal(probe('marker', dir).held, false, 'a start after one that died while holding held again');
    assert.equal(probe('marker', dir).held, false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no hold when turned off, or when the process was given its own optimizer flags', () => {
  assert.equal(holdOptimizer({ [OPTIMIZER_HOLD_ENV]: '0' }, []), false);
  assert.equal(holdOptimizer({}, ['--max-opt=2']), false);
  assert.equal(holdOptimizer({}, ['--no-opt']), false);
  assert.equal(holdOptimizer({ NODE_OPTIONS: '--jitless' }, []), false);
  assert.equal(optimizerHeld(), false);
});

const RELEASED = "V8's optimizing compiler back on";

test("the server's diagnostics are those of a server that never held the optimizer, which is back on after the first", async () => {
  const example = fs.readFileSync(path.join(__dirname, '../../examples/vm-insights.kql'), 'utf8');
  // A hostile tail: an unfinished query and an unknown table, checked while (or just after) the hold ends.
  const text = `${example}\n\nVMConnection | where\n\nNoSuchTable | take 1\n`;
  const uri = 'file:///hold/vm-insights.kql';
  const bundle = currentBundle('server.js');
  const results = [];
  for (const env of [{}, { [OPTIMIZER_HOLD_ENV]: '0' }] as Record<string, string>[]) {
    const server = await startServer({ bundle, env });
    try {
      const diagnostics = await server.open(uri, text);
      results.push({ diagnostics, logs: [...server.logs] });
    } finally {
      await server.stop();
    }
  }
  const [held, plain] = results;
  assert.ok(held!.diagnostics.length > 0, 'the hostile tail has errors to report');
  assert.deepEqual(held!.diagnostics, plain!.diagnostics);
  const first = held!.logs.findIndex((l) => l.startsWith('First diagnostics sent'));
  const released = held!.logs.findIndex((l) => l.startsWith(RELEASED));
  assert.ok(first >= 0 && released > first, held!.logs.join('\n'));
  assert.ok(!plain!.logs.some((l) => l.startsWith(RELEASED)), 'a server told not to hold it held it');
});

test('a server given only a document it does not check (a diff view) gives the optimizer back all the same', async () => {
  const server = await startServer({ bundle: currentBundle('server.js') });
  try {
    // No diagnostics, no warm-up (a document is open): only the fallback timer ends the hold.
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: 'git:/hold/vm-insights.kql', languageId: 'kql', version: 1, text: 'VMConnection | take 1' },
    });
    const deadline = Date.now() + 60_000;
    while (!server.logs.some((l) => l.startsWith(RELEASED)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.ok(
      server.logs.some((l) => l.startsWith(RELEASED)),
      server.logs.join('\n'),
    );
    assert.ok(!server.published.some((p) => p.uri.startsWith('git:')), 'a git: document was checked');
  } finally {
    await server.stop();
  }
});
