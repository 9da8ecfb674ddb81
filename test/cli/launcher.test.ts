import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const launcher = path.resolve(__dirname, '../../bin/kql.js');

test('bin/kql.js run by the shell as a command writes nothing of its own to standard error', () => {
  // Its second line is both shell and JavaScript; the shell must not try to run `//` as a command.
  const r = spawnSync('sh', [launcher, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, KQL_NO_SNAPSHOT: '1' },
    timeout: 120_000,
  });
  assert.doesNotMatch(r.stderr, /\/\/|not found|denied/);
});

test('bin/kql.js read by Node runs as JavaScript', () => {
  const r = spawnSync(process.execPath, ['--check', launcher], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
