import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { type Io, runCli } from '../../src/cli/cli';

// `cat report.kql | kql -f -` (the usual Unix spelling of "the file is standard input") said
// "Cannot read -: ENOENT", and `cat report.kql | kql` runs the whole text as one query, so a file of
// blank-line-separated queries could not come through a pipe.

async function kql(args: string[], input: string | undefined) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: false });
  const err = Object.assign(new PassThrough(), { isTTY: false });
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: input === undefined });
  if (input !== undefined) stdin.end(input);
  const code = await runCli(args, { stdout: out, stderr: err, stdin } as unknown as Io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

test('-f - reads a file of queries from standard input: each block runs, errors name <stdin> and the line', async () => {
  const r = await kql(['--format', 'csv', '-f', '-'], 'print a = 1\n\nprint b = "x,y"\n\nprint c = nope\n');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '[line 1]\r\na\r\n1\r\n\r\n[line 3]\r\nb\r\n"x,y"\r\n');
  assert.match(r.stderr, /^kql: <stdin>:5:11: /);
});

test('-f - with nothing on standard input, or from a terminal, is a usage error', async () => {
  const empty = await kql(['-f', '-'], '  \n');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /^kql: Standard input holds no query\./);
  const terminal = await kql(['-f', '-'], undefined);
  assert.equal(terminal.code, 2);
  assert.match(terminal.stderr, /^kql: -f -: standard input is a terminal/);
});
