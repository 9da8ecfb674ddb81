import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { KQL_COMMAND } from './kqlCommand';

// `kql … > file` on a full disk died with an uncaught ENOSPC and Node's stack trace, and `-o FILE` on a
// full disk said only "kql: ENOSPC: no space left on device, write" (which file?) and went on to fail
// the same way for every further query. /dev/full answers every write with ENOSPC.

const full = fs.existsSync('/dev/full');

function run(args: readonly string[], stdout: 'pipe' | number): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [...KQL_COMMAND, ...args], { stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('standard output that cannot be written: exit 1 and why, no stack trace', { skip: !full }, async () => {
  const fd = fs.openSync('/dev/full', 'w');
  try {
    const r = await run(['--format', 'csv', 'print a=1'], fd);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'kql: cannot write the results to standard output: ENOSPC: no space left on device, write\n',
    );
  } finally {
    fs.closeSync(fd);
  }
});

test('--output FILE that cannot be written: exit 1 naming the file, once, not per query', { skip: !full }, async () => {
  const dir = fs.mkdtempSync('/tmp/kql-unwritable-');
  const queries = `${dir}/q.kql`;
  fs.writeFileSync(queries, 'print a=1\n\nprint b=2\n\nprint c=3\n');
  const r = await run(['--format', 'csv', '-o', '/dev/full', '-f', queries], 'pipe');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'kql: --output: cannot write /dev/full: ENOSPC: no space left on device, write\n');
});
