import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { KQL_COMMAND } from './kqlCommand';

test('kql exits only after a slow reader has been handed all of its output', async () => {
  // The command ends with process.exit (no heap teardown); what it wrote must all arrive first.
  const child = spawn(process.execPath, [...KQL_COMMAND, '--format', 'csv', 'range i from 1 to 200000 step 1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lines = 0;
  let last = '';
  child.stdout.on('data', (c: Buffer) => {
    const text = last + c.toString();
    const parts = text.split('\n');
    last = parts.pop() ?? '';
    lines += parts.length;
    // A slow reader: the pipe fills and the command waits on it.
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 2);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(code, 0);
  assert.equal(lines, 200001); // the header and every row
});
