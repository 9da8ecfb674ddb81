/** `kql check`: the exact output format and every exit code, in its own process as CI runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli, type Io } from '../../src/cli/cli';
import { metadataFixture } from '../backends/metadataFixture';
import { KQL_COMMAND } from './kqlCommand';

/** The command in this process (the Kusto library loads once); its return value is the exit status. */
async function kqlCheck(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: false });
  const err = Object.assign(new PassThrough(), { isTTY: false });
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await runCli(['check', ...args], {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
  } as unknown as Io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-check-'));
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

const good = write('good.kql', 'VMConnection\n| summarize sum(BytesSent) by Computer\n\nVMBoundPort | distinct Port\n');
const bad = write(
  'bad.kql',
  [
    '// first query is fine',
    'VMConnection | take 5',
    '',
    '// a misspelt column in the second',
    'VMBoundPort',
    '| where Prot == 443',
    '',
    'Heartbeat | take 1',
  ].join('\n'),
);
const heartbeat = write(
  'heartbeat.kql',
  'Heartbeat | summarize count() by Computer\n\nHeartbeatOf("web-1") | project OSType\n',
);

test('no findings: nothing on stdout, a summary on stderr, exit 0', async () => {
  const r = await kqlCheck([good]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /0 errors, 0 warnings in 1 file \(schema: Sample workspace\)/);
});

test('errors print as file:line:col: error: message [code], at their lines in the file; exit 1', async () => {
  const r = await kqlCheck([good, bad]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      `${bad}:6:9: error: The name 'Prot' does not refer to any known column, table, variable or function. [KS142]`,
      `${bad}:8:1: error: The name 'Heartbeat' does not refer to any known table, tabular variable or function. [KS204]`,
      '',
    ].join('\n'),
  );
});

test('warnings alone exit 0 and print as warning', async () => {
  const file = write('warn.kql', '\nVMConnection | join VMBoundPort on Computer\n');
  const r = await kqlCheck([file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    `${file}:2:16: warning: Avoid using joins without specifying the join kind. The default join behavior may be unexpected. [KS508]\n`,
  );
});

test('--schema FILE checks against a metadata-API schema: its tables and saved functions bind', async () => {
  const schema = write('schema.json', JSON.stringify(metadataFixture()));
  const r = await kqlCheck(['--schema', schema, heartbeat]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /0 errors.*schema\.json/);
  assert.equal((await kqlCheck([heartbeat])).code, 1);
});

test("--data DIR checks against the exported files' tables and their extra columns", async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-check-data-'));
  fs.writeFileSync(
    path.join(data, 'AppLogs.csv'),
    'TimeGenerated,Level,Message\n2026-11-23T10:00:00Z,Error,disk full\n',
  );
  const file = write('applogs.kql', 'AppLogs | where Level == "Error" | project Message\n');
  const r = await kqlCheck(['--data', data, file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal((await kqlCheck([file])).code, 1);
});

test('--data DIR binds the stored functions its .kql files define', async () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-check-data-'));
  fs.writeFileSync(path.join(data, 'AppLogs.csv'), 'Level,Message\nError,disk full\n');
  fs.writeFileSync(
    path.join(data, 'errors.kql'),
    '.create-or-alter function Errors() { AppLogs | where Level == "Error" }',
  );
  const file = write('errors-of.kql', 'Errors() | project Message\n');
  const r = await kqlCheck(['--data', data, file]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('usage errors exit 2 and say what is wrong', async () => {
  const cases: [string[], RegExp][] = [
    [[], /No file to check/],
    [['--data', dir, '--schema', 'x.json', good], /either --data or --schema/],
    [['--bogus', good], /Unknown option '--bogus'/],
    [[path.join(dir, 'missing.kql')], /cannot read .*missing\.kql/],
    [
      ['--schema', write('broken.json', '{"tables": [{"name": 1}]}'), good],
      /--schema: .*broken\.json \$\.tables\[0\]\.name: expected a string/,
    ],
  ];
  for (const [args, message] of cases) {
    const r = await kqlCheck(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('the real command exits with the status it reports (1 on an error)', () => {
  const r = spawnSync(process.execPath, [...KQL_COMMAND, 'check', bad], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /bad\.kql:6:9: error: /);
});

/** A .kqlnb file of these cells (markdown when the text starts with '#'). */
const notebook = (name: string, cells: string[]): string =>
  write(
    name,
    JSON.stringify({
      kqlNotebook: 1,
      cells: cells.map((source) =>
        source.startsWith('#')
          ? { kind: 'markdown', language: 'markdown', source }
          : { kind: 'code', language: 'kql', source },
      ),
    }),
  );

test('a notebook: each cell sees the lets above it; findings print as file:cell N:line:col inside the cell; exit 1', async () => {
  const file = notebook('report.kqlnb', [
    '# Parameters',
    'let TimeRange = 1d;\n\nlet WantedPort = 443;',
    'VMConnection\n| where TimeGenerated > ago(TimeRange)\n| where DestinationPort == WantedPort',
    '# A misspelt column and a name no cell above defines',
    'VMBoundPort\n| where Prot == WantedPort\n| take Limit',
  ]);
  const r = await kqlCheck([file]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(
    r.stdout,
    [
      `${file}:cell 5:2:9: error: The name 'Prot' does not refer to any known column, table, variable or function. [KS142]`,
      `${file}:cell 5:3:8: error: The name 'Limit' does not refer to any known column, table, variable or function. [KS142]`,
      '',
    ].join('\n'),
  );
  assert.match(r.stderr, /2 errors, 0 warnings in 1 file/);
});

test('a notebook: a cell does not see the lets of the cells below it', async () => {
  const file = notebook('order.kqlnb', ['VMConnection | take Limit', 'let Limit = 5;']);
  const r = await kqlCheck([file]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /order\.kqlnb:cell 1:1:21: error: The name 'Limit' does not refer/);
  assert.doesNotMatch(r.stdout, /cell 2/);
});

test('a clean notebook (a cell of lets only is valid) exits 0; so do the shipped reports', async () => {
  const file = notebook('clean.kqlnb', [
    'let Computers = dynamic(["*"]);',
    'VMComputer\n| where "*" in (Computers) or Computer in (Computers)\n| project Computer',
  ]);
  const reports = fs
    .readdirSync(path.resolve(__dirname, '../../reports'))
    .map((f) => path.resolve(__dirname, '../../reports', f));
  const r = await kqlCheck([file, ...reports]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
});

test('a notebook that is not valid JSON is an error at 1:1 with the reason; exit 1', async () => {
  const file = write('broken.kqlnb', '{"cells": [{"kind": "code", "source": 5}]}');
  const r = await kqlCheck([file]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, `${file}:1:1: error: Cell 1: "source" must be a list of lines [KQLNB]\n`);
});
