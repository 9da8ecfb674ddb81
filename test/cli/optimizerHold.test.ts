// The `kql` command's optimizer hold (src/cli/optimizerHold.ts). It changes V8's process-wide flags: each
// case that takes it runs in its own child process.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { type Io, runCli } from '../../src/cli/cli';
import { CLI_OPTIMIZER_HOLD_ENV, holdUntilFirstAnalysis } from '../../src/cli/optimizerHold';
import { optimizerHeld } from '../../src/server/optimizerHold';

const PROBE = path.join(__dirname, 'optimizerHoldProbe.ts');

function probe(mode: string): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', PROBE, mode], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(child.status, 0, child.stderr.slice(-2000));
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

test('held from the start, V8 optimizes again once the first analysis has ended', () => {
  const r = probe('analysis');
  assert.equal(r.held, true);
  assert.equal(r.optimizedWhileHeld, false, 'TurboFan optimized a function during the hold');
  assert.ok((r.errors as number) > 0, 'the first query, with an error, was analysed');
  assert.equal(typeof r.releasedMs, 'number', 'the first analysis did not end the hold');
  assert.equal(r.optimizedAfter, true);
  assert.equal(r.optimizedLater, true);
});

test('a first analysis that throws ends the hold all the same', () => {
  const r = probe('failed');
  assert.equal(r.held, true);
  assert.equal(r.threw, true);
  assert.equal(typeof r.releasedMs, 'number');
  assert.equal(r.optimizedAfter, true, 'TurboFan stayed off after a failed first analysis');
});

test('with no analysis, the timer ends the hold', () => {
  const r = probe('timer');
  assert.equal(r.held, true);
  assert.equal(r.optimizedWhileHeld, false);
  assert.equal(typeof r.releasedMs, 'number');
  assert.equal(r.optimizedAfter, true);
});

test('a process given its own optimizer flag, or KQL_HOLD_OPTIMIZER=0, is left alone', () => {
  assert.deepEqual(probe('own'), { held: false, optimized: true });
  assert.equal(holdUntilFirstAnalysis({ [CLI_OPTIMIZER_HOLD_ENV]: '0' }, []), false);
  assert.equal(holdUntilFirstAnalysis({ NODE_OPTIONS: '--max-opt=1' }, []), false);
  assert.equal(holdUntilFirstAnalysis({}, ['--no-opt']), false);
  assert.equal(optimizerHeld(), false);
});

/** runCli in this process with a hold that only counts its calls. */
async function holdsAsked(args: string[]): Promise<{ code: number; asked: number; stderr: string }> {
  let asked = 0;
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: false });
  const err = Object.assign(new PassThrough(), { isTTY: false });
  out.resume();
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const io = { stdout: out, stderr: err, stdin, holdOptimizer: () => asked++ } as unknown as Io;
  const code = await runCli(args, io);
  return { code, asked, stderr };
}

test('kql holds over the sample workspace only: not with --data, not for kql check, not for a usage error', async () => {
  const sample = await holdsAsked(['--format', 'csv', 'print 1']);
  assert.deepEqual([sample.code, sample.asked], [0, 1], sample.stderr);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-hold-'));
  try {
    fs.writeFileSync(path.join(dir, 'T_CL.csv'), 'a,b\n1,2\n');
    const data = await holdsAsked(['--data', dir, '--no-cache', '--format', 'csv', 'T_CL | count']);
    assert.deepEqual([data.code, data.asked], [0, 0], data.stderr);
    fs.writeFileSync(path.join(dir, 'q.kql'), 'print 1\n');
    const check = await holdsAsked(['check', path.join(dir, 'q.kql')]);
    assert.equal(check.asked, 0, check.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const usage = await holdsAsked(['--no-such-option', 'print 1']);
  assert.deepEqual([usage.code === 0, usage.asked], [false, 0]);
});
