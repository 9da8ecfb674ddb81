import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { type Io, runCli } from '../../src/cli/cli';
import { KQL_COMMAND } from './kqlCommand';

const NOW = '2026-11-23T12:00:00Z';
// The load cache of these tests' folders goes to a temporary folder, not the user's.
process.env.KQL_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-cache-'));

/** The real command in its own process: for exit codes and standard input. */
function spawnKql(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [...KQL_COMMAND, ...args], {
    encoding: 'utf8',
    input,
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command in this process (the Kusto library loads once), output captured. */
async function kql(args: string[], stderrIsTerminal = false) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: false });
  const err = Object.assign(new PassThrough(), { isTTY: stderrIsTerminal, columns: 100 });
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const code = await runCli(args, { stdout: out, stderr: err, stdin } as unknown as Io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

test("a query argument prints the REST API's JSON when output is not a terminal", () => {
  const r = spawnKql([
    '--now',
    NOW,
    'VMConnection | where Computer == "acme-demo" | summarize n = count(), earliest = min(TimeGenerated) by Direction | order by Direction asc',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const body = JSON.parse(r.stdout) as {
    tables: { name: string; columns: { name: string; type: string }[]; rows: unknown[][] }[];
  };
  assert.equal(body.tables[0]!.name, 'PrimaryResult');
  assert.deepEqual(body.tables[0]!.columns, [
    { name: 'Direction', type: 'string' },
    { name: 'n', type: 'long' },
    { name: 'earliest', type: 'datetime' },
  ]);
  assert.deepEqual(
    body.tables[0]!.rows.map((x) => x[0]),
    ['inbound', 'outbound'],
  );
  assert.equal(body.tables[0]!.rows[0]![2], '2026-11-22T12:00:00Z');
  assert.ok((body.tables[0]!.rows[0]![1] as number) > 1000);
});

test('timespans and dynamic values print as the REST API gives them', async () => {
  const r = await kql(['print t = 1d + 2h + 3m + 4s + 5ms, d = dynamic({"a": [1, 2]})']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).tables[0].rows, [['1.02:03:04.0050000', { a: [1, 2] }]]);
});

test('csv output has a header and quotes fields that need it', async () => {
  const r = await kql(['--format', 'csv', 'print a = "x,y", b = 2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'a,b\r\n"x,y",2\r\n');
});

test('csv output neutralises cells a spreadsheet would run as formulas, keeps negative numbers, and --csv-raw turns it off', async () => {
  const q =
    'print f = "=HYPERLINK(\\"http://x\\")", c = "+cmd|\' /C calc\'!A0", m = "-2+3", a = "@SUM(1+1)", n = -2, s = "-2"';
  const r = await kql(['--format', 'csv', q]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `f,c,m,a,n,s\r\n"'=HYPERLINK(""http://x"")",'+cmd|' /C calc'!A0,'-2+3,'@SUM(1+1),-2,-2\r\n`);
  const raw = await kql(['--format', 'csv', '--csv-raw', q]);
  assert.equal(raw.stdout, `f,c,m,a,n,s\r\n"=HYPERLINK(""http://x"")",+cmd|' /C calc'!A0,-2+3,@SUM(1+1),-2,-2\r\n`);
});

test('table output aligns columns and ends with a row count', async () => {
  const r = await kql([
    '--format',
    'table',
    '--now',
    NOW,
    'ServiceMapProcess_CL | where ExecutableName_s == "curl" | distinct ProductVersion_s | order by ProductVersion_s asc',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    ['ProductVersion_s', '----------------', '7.19.7', '7.29.0', '7.58.0', '7.68.0', '(4 rows)', ''].join('\n'),
  );
});

test('-f runs each blank-line-separated block with a header from its first comment', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-')), 'q.kql');
  fs.writeFileSync(file, '// Machines\nServiceMapComputer_CL | summarize dcount(Computer)\n\nprint x = 42\n');
  const r = await kql(['-f', file, '--format', 'table', '--now', NOW]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^── Machines \(line 1\) ──\ndcount_Computer\n-+\n +29\n\(1 row\)\n\n── line 4 ──\n x\n--\n42\n\(1 row\)\n$/,
  );
});

test('a query from standard input runs', () => {
  const r = spawnKql(['--format', 'csv'], 'print s = strcat("a", "b")');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 's\r\nab\r\n');
});

test("a query error exits 1 with line:column on stderr; in -f mode the line is the file's", async () => {
  const r = spawnKql(['VMConnection | where Computr == "x"']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    "kql: 1:22: The name 'Computr' does not refer to any known column, table, variable or function.\n" +
      '  VMConnection | where Computr == "x"\n' +
      '                       ^^^^^^^\n',
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-')), 'bad.kql');
  fs.writeFileSync(file, 'print 1\n\nprint 2\n| where Nope > 1\n');
  const f = await kql(['-f', file, '--format', 'json']);
  assert.equal(f.code, 1);
  assert.equal(f.stdout.trim().split('\n').length, 1);
  assert.match(f.stderr, new RegExp(`^kql: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:9: The name 'Nope'`));
});

test('usage errors exit 2', async () => {
  for (const args of [
    ['--format', 'xml', 'print 1'],
    ['--bogus'],
    ['--scale', '0', 'print 1'],
    ['--now', 'yesterday', 'print 1'],
    ['a', 'b'],
    ['-f', '/nonexistent.kql'],
  ]) {
    const r = await kql(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^kql: .*\nRun kql --help for usage\.\n$/);
  }
  const help = await kql(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: kql/);
});

test('--data loads exported files and warns about the broken ones', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-data-'));
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.csv'),
    'Computer,Port,Ip\nweb1,80,0.0.0.0\nweb1,443,0.0.0.0\ndb1,1433,10.0.0.4\n',
  );
  fs.writeFileSync(path.join(dir, 'VMConnection.csv'), '');
  fs.writeFileSync(
    path.join(dir, 'ServiceMapComputer_CL.csv'),
    'ComputerName_s,AzureVMSize_s\nweb1,Standard_D2\n"broken,1\n',
  );
  const r = await kql([
    '--data',
    dir,
    '--format',
    'csv',
    'VMBoundPort | summarize Ports = count() by Computer | order by Computer asc',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Computer,Ports\r\ndb1,1\r\nweb1,2\r\n');
  assert.match(r.stderr, /^kql: warning: .*VMConnection\.csv:1:1: the file is empty/);
  // Tables load when a query reads them: the broken record of ServiceMapComputer_CL was not read yet.
  assert.doesNotMatch(r.stderr, /ServiceMapComputer_CL/);
  const s = await kql(['--data', dir, '--format', 'csv', 'ServiceMapComputer_CL | project ComputerName_s']);
  assert.equal(s.stdout, 'ComputerName_s\r\nweb1\r\n');
  assert.match(s.stderr, /kql: warning: .*ServiceMapComputer_CL\.csv:3: a quoted field is never closed/);
});

test('--record-limit MB: a line past it is left out with a warning naming the option; the default loads it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-reclimit-'));
  const line = (c: string) => JSON.stringify({ Computer: c });
  fs.writeFileSync(path.join(dir, 'T_CL.jsonl'), [line('a'), line('x'.repeat(5000)), line('c'), ''].join('\n'));
  const small = await kql(['--data', dir, '--no-cache', '--record-limit', '0.004', '--format', 'csv', 'T_CL | count']);
  assert.equal(small.code, 0, small.stderr);
  assert.equal(small.stdout, 'Count\r\n2\r\n');
  assert.match(
    small.stderr,
    /kql: warning: .*T_CL\.jsonl:2:1: the line is longer than 4,194 bytes, the limit for one record \(kql\.local\.recordLimitMB, kql --record-limit\) \(record skipped\)/,
  );
  const whole = await kql(['--data', dir, '--no-cache', '--format', 'csv', 'T_CL | count']);
  assert.equal(whole.stdout, 'Count\r\n3\r\n');
  for (const bad of ['0', 'x', '2000']) {
    const r = await kql(['--data', dir, '--record-limit', bad, 'T_CL | count']);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /^kql: --record-limit must be a number above 0 and at most 1024/);
  }
});

test('--data reports load progress on stderr when it is a terminal, and clears the line before the output', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-progress-'));
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.csv'),
    `Computer,Port\n${Array.from({ length: 1000 }, (_, i) => `m${i},${i}`).join('\n')}\n`,
  );
  const tty = await kql(['--data', dir, '--no-cache', '--format', 'csv', 'VMBoundPort | count'], true);
  assert.equal(tty.stdout, 'Count\r\n1000\r\n');
  assert.match(tty.stderr, /\r\x1b\[KLoading VMBoundPort: \w+ rows, [\d.]+ of [\d.]+ MB/);
  assert.ok(tty.stderr.endsWith('\r\x1b[K'), JSON.stringify(tty.stderr));
  const piped = await kql(['--data', dir, '--no-cache', '--format', 'csv', 'VMBoundPort | count']);
  assert.equal(piped.stderr, '');
});

test('--explain prints the plan as lowered and after each optimizer rule, and runs nothing', async () => {
  const r = await kql([
    '--explain',
    '--now',
    NOW,
    'VMConnection | extend h = hourofday(TimeGenerated) | where Computer == "acme-demo" | count',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^== lowered ==\ncount\n {2}where \(Computer == "acme-demo"\)\n {4}extend h = hourofday\(TimeGenerated\)\n/,
  );
  assert.match(
    r.stdout,
    /== push filters below projections ==\ncount\n {2}extend h = hourofday\(TimeGenerated\)\n {4}where \(Computer == "acme-demo"\)\n/,
  );
  assert.match(
    r.stdout,
    /== prune unused columns ==\ncount\n {2}where \(Computer == "acme-demo"\)\n {4}table VMConnection \(reads Computer\)\n/,
  );
});

test("-f runs a notebook's cells in order, each with the let statements of the cells above it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-nb-'));
  const file = path.join(dir, 'report.kqlnb');
  fs.writeFileSync(
    file,
    JSON.stringify({
      cells: [
        { kind: 'markdown', source: ['# Parameters'] },
        { kind: 'code', language: 'kql', source: ['let Wanted = "inbound";\n', 'let Top = 1;'] },
        { kind: 'markdown', source: ['## Per direction'] },
        {
          kind: 'code',
          language: 'kql',
          source: ['VMConnection | where Direction == Wanted | summarize n = count() by Direction | take Top'],
        },
      ],
    }),
  );
  const r = await kql(['--now', NOW, '--format', 'table', '-f', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /── cell 2: Parameters ──\ndefines: Wanted, Top\n/);
  assert.match(r.stdout, /── cell 4: Per direction ──\nDirection +n\n-+ +-+\ninbound /);

  fs.writeFileSync(
    file,
    JSON.stringify({
      cells: [
        { kind: 'code', source: ['let Wanted = "inbound";'] },
        { kind: 'code', source: ['VMConnection\n', '| where Direction == Unknown'] },
      ],
    }),
  );
  const bad = await kql(['--now', NOW, '-f', file]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /report\.kqlnb:cell 2:2:22: The name 'Unknown'/);

  fs.writeFileSync(file, '{"cells": [{"kind": "code", "source": 1}]}');
  const broken = await kql(['-f', file]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /report\.kqlnb: Cell 1: "source" must be a list of lines/);
  fs.rmSync(dir, { recursive: true });
});

/** Runs kql on a large result, reads its first chunk and closes the pipe, as `head` does. */
async function readerStopsEarly(format: string) {
  const child = spawn(process.execPath, [...KQL_COMMAND, '--format', format, 'range i from 1 to 300000 step 1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  // Read the first chunk, then close the pipe as `head` does.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stderr };
}

test('a reader that stops early (kql … | head) ends the command quietly, not with an EPIPE crash', async () => {
  const { code, stderr } = await readerStopsEarly('csv');
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

test('--param gives declare query_parameters their values; a parameter without one takes its default', async () => {
  const q =
    'declare query_parameters(n:long = 2, who:string = "x"); range i from 1 to n step 1 | summarize c = count() | extend who';
  assert.deepEqual(JSON.parse((await kql([q])).stdout).tables[0].rows, [[2, 'x']]);
  const r = await kql(['--param', 'n=5', '--param', 'who=it\'s "me"', q]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).tables[0].rows, [[5, 'it\'s "me"']]);
  const bad = await kql(['--param', 'n=five', q]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /1:26: The value given for the query parameter 'n' is not a long literal: "five"/);
  const usage = await kql(['--param', 'n', q]);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--param takes NAME=VALUE/);
  assert.match((await kql(['--param', 'n=1', '--param', 'n=2', q])).stderr, /--param n is given twice/);
});

const FORK = 'range i from 1 to 3 step 1 | fork Small = (where i < 3) Big = (where i >= 3 | project j = i * 10)';

test('a result of several tables names each: [Name] above it as a table, in JSON its "name"', async () => {
  const table = await kql(['--format', 'table', FORK]);
  assert.equal(table.code, 0, table.stderr);
  assert.equal(
    table.stdout,
    ['[Small]', 'i', '-', '1', '2', '(2 rows)', '', '[Big]', ' j', '--', '30', '(1 row)', ''].join('\n'),
  );
  const json = await kql(['--format', 'json', FORK]);
  assert.deepEqual(
    (JSON.parse(json.stdout) as { tables: { name: string; rows: unknown[][] }[] }).tables.map((t) => [t.name, t.rows]),
    [
      ['Small', [[1], [2]]],
      ['Big', [[30]]],
    ],
  );
});

test('csv of several tables: each after a [Name] line, split by an empty line no table holds', async () => {
  const r = await kql(['--format', 'csv', FORK]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '[Small]\r\ni\r\n1\r\n2\r\n\r\n[Big]\r\nj\r\n30\r\n');
  // A batch's unnamed tables, and a one-column table whose cell is empty: "" keeps the row a row.
  const batch = await kql(['--format', 'csv', 'print s = ""; print t = "x, y"']);
  assert.equal(batch.stdout, '[PrimaryResult]\r\ns\r\n""\r\n\r\n[Table_1]\r\nt\r\n"x, y"\r\n');
  const sections = batch.stdout.trimEnd().split('\r\n\r\n');
  assert.deepEqual(
    sections.map((s) => s.split('\r\n')[0]),
    ['[PrimaryResult]', '[Table_1]'],
  );
  // One table stays plain CSV, for the tools that read it.
  assert.equal((await kql(['--format', 'csv', 'print s = ""'])).stdout, 's\r\n""\r\n');
});

test('--explain binds --param values as the run does, and a parameter without one fails as the run does', async () => {
  const q = 'declare query_parameters(n:long, who:string = "x"); range i from 1 to n step 1 | extend who';
  const plan = await kql(['--explain', '--param', 'n=4', '--param', 'who=me', q]);
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /^== lowered ==\nextend who = "me"\n {2}range i from 1 to 4 step 1\n/);
  const run = await kql([q]);
  const explained = await kql(['--explain', q]);
  assert.equal(run.code, 1);
  assert.equal(explained.code, 1);
  assert.match(run.stderr, /1:26: The query parameter 'n' has no value here/);
  assert.equal(explained.stderr, run.stderr);
  assert.equal(explained.stdout, '');
});

test('--output writes what would be printed to a file, its .csv or .json name picking the format', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-out-'));
  const csv = path.join(dir, 'fork.csv');
  fs.writeFileSync(csv, 'an older file, emptied first\r\n'.repeat(10));
  const r = await kql(['--output', csv, FORK]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(fs.readFileSync(csv, 'utf8'), (await kql(['--format', 'csv', FORK])).stdout);
  const json = path.join(dir, 'fork.json');
  await kql(['-o', json, FORK]);
  assert.deepEqual(
    (JSON.parse(fs.readFileSync(json, 'utf8')) as { tables: { name: string }[] }).tables.map((t) => t.name),
    ['Small', 'Big'],
  );
  // --format wins over the name; a name of no known format gets JSON, as a pipe does.
  const table = path.join(dir, 'fork.csv.txt');
  await kql(['-o', table, '--format', 'table', FORK]);
  assert.equal(fs.readFileSync(table, 'utf8'), (await kql(['--format', 'table', FORK])).stdout);
  await kql(['-o', table, FORK]);
  assert.equal(fs.readFileSync(table, 'utf8'), (await kql([FORK])).stdout);
  // Errors stay on stderr; a file that cannot be written says so and runs nothing.
  const bad = await kql(['-o', path.join(dir, 'bad.csv'), 'print x = nosuchcolumn']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /1:11: .*nosuchcolumn/);
  const unwritable = await kql(['-o', path.join(dir, 'no', 'such', 'dir.csv'), FORK]);
  assert.equal(unwritable.code, 1);
  assert.match(unwritable.stderr, /^kql: --output: cannot write .*dir\.csv: ENOENT/);
});

test('csv of several queries (-f): each result headed by its place, split by an empty line', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-')), 'q.kql');
  fs.writeFileSync(file, `print a = 1\n\n// Two legs\n${FORK}\n`);
  const r = await kql(['-f', file, '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    '[line 1]\r\na\r\n1\r\n\r\n[Two legs (line 3): Small]\r\ni\r\n1\r\n2\r\n\r\n[Two legs (line 3): Big]\r\nj\r\n30\r\n',
  );
  // One query stays as before: plain CSV for one table.
  fs.writeFileSync(file, 'print a = 1\n');
  assert.equal((await kql(['-f', file, '--format', 'csv'])).stdout, 'a\r\n1\r\n');
});

test('exit statuses tell a data problem (3) from a usage error (2) and a failing query (1)', async () => {
  const missing = await kql(['--data', path.join(os.tmpdir(), 'kql-no-such-folder'), 'print 1']);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /^kql: --data: .*kql-no-such-folder does not exist\.\n$/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-empty-'));
  fs.writeFileSync(path.join(empty, 'notes.txt'), 'not an export\n');
  const none = await kql(['--data', empty, 'print 1']);
  assert.equal(none.code, 3);
  assert.match(
    none.stderr,
    /No table could be loaded from [^\n]*\n[^\n]*: no \.csv, \.json, \.jsonl or \.parquet files/,
  );
  assert.equal((await kql(['--bogus'])).stderr, "kql: Unknown option '--bogus'.\nRun kql --help for usage.\n");
  assert.equal((await kql(['print x = nope'])).code, 1);
  const query = path.join(empty, 'q.kql');
  fs.writeFileSync(query, 'print 1\n');
  const check = await kql(['check', '--data', path.join(os.tmpdir(), 'kql-no-such-folder'), query]);
  assert.equal(check.code, 3);
});

test('--data may name one exported file, which is then the only table', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-file-'));
  const file = path.join(dir, 'VMBoundPort.csv');
  fs.writeFileSync(file, 'Computer,Port\nweb1,80\nweb1,443\n');
  fs.writeFileSync(path.join(dir, 'Other_CL.csv'), 'A\n1\n');
  const r = await kql(['--data', file, '--format', 'csv', 'VMBoundPort | count']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Count\r\n2\r\n');
  assert.equal((await kql(['--data', file, 'Other_CL | count'])).code, 1, 'the folder around it is not read');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'x\n');
  const wrong = await kql(['--data', path.join(dir, 'notes.txt'), 'print 1']);
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /notes\.txt: not a \.csv, \.json, \.jsonl or \.parquet file/);
});

test('a query error shows the line of the query with carets under the place, tabs kept', async () => {
  const r = await kql(['print\tx = 1\n| where\tnope > 1']);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    "kql: 2:9: The name 'nope' does not refer to any known column, table, variable or function.\n" +
      '  | where\tnope > 1\n' +
      '         \t^^^^\n',
  );
});

test('--format table fits a narrow terminal (40 columns), hiding the columns that do not fit', async () => {
  let stdout = '';
  const out = Object.assign(new PassThrough(), { isTTY: true, columns: 40 });
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  const err = Object.assign(new PassThrough(), { isTTY: false });
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const q = 'print Computer = "acme-demo", Direction = "inbound", BytesSent = 597659, RemoteIp = "73.162.40.18"';
  const code = await runCli([q], { stdout: out, stderr: err, stdin } as unknown as Io);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.ok(
    lines.slice(0, -1).every((l) => l.length <= 40),
    stdout,
  );
  assert.match(lines[0]!, /^Computer\s+Direction\s+BytesSent$/);
  assert.equal(lines.at(-1), '(1 row; 1 more column not shown: use --format json or csv)');
});

test('progress is not drawn when TERM=dumb (no escape codes in a log), as when stderr is not a terminal', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-dumb-'));
  fs.writeFileSync(path.join(dir, 'T_CL.csv'), `A\n${Array.from({ length: 3000 }, (_, i) => i).join('\n')}\n`);
  const term = process.env.TERM;
  process.env.TERM = 'dumb';
  try {
    const r = await kql(['--data', dir, '--no-cache', '--format', 'csv', 'T_CL | count'], true);
    assert.equal(r.stdout, 'Count\r\n3000\r\n');
    assert.equal(r.stderr, '');
  } finally {
    process.env.TERM = term;
  }
});

test('a JSON Lines key first seen past the heads is a column on the first run, with the load cache and without', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-cli-late-'));
  const hour = path.join(dir, 'am-App_CL/y=2026/m=11/d=23/h=10/m=00');
  fs.mkdirSync(hour, { recursive: true });
  const lines = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify(i < 2500 ? { Seq: i } : { Seq: i, Zone: `z${i % 2}` }),
  );
  fs.writeFileSync(path.join(hour, 'PT1H.json'), `${lines.join('\n')}\n`);
  for (const cache of [['--no-cache'], [], []]) {
    const r = await kql([
      '--data',
      dir,
      ...cache,
      '--format',
      'csv',
      'App_CL | summarize n = count() by Zone | order by Zone asc',
    ]);
    assert.equal(r.code, 0, `${cache.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, 'Zone,n\r\n,2500\r\nz0,250\r\nz1,250\r\n');
    assert.equal(r.stderr, '');
  }
});

for (const format of ['json', 'table']) {
  test(`a reader that stops early ends --format ${format} quietly too`, async () => {
    const { code, stderr } = await readerStopsEarly(format);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
}

test('results are written in pieces of 2,000 rows that join into the same JSON, CSV and table', async () => {
  const q = 'range i from 1 to 4500 step 1 | extend s = strcat("r", i)';
  const json = await kql(['--format', 'json', q]);
  const rows = JSON.parse(json.stdout).tables[0].rows as unknown[][];
  assert.equal(rows.length, 4500);
  assert.deepEqual(
    [rows[1999], rows[2000], rows[4499]],
    [
      [2000, 'r2000'],
      [2001, 'r2001'],
      [4500, 'r4500'],
    ],
  );
  const csv = await kql(['--format', 'csv', q]);
  const lines = csv.stdout.split('\r\n');
  assert.deepEqual(
    [lines.length, lines[2000], lines[2001], lines[4500], lines[4501]],
    [4502, '2000,r2000', '2001,r2001', '4500,r4500', ''],
  );
  const table = await kql(['--format', 'table', q]);
  const shown = table.stdout.split('\n');
  assert.deepEqual(
    [shown.length, shown[2001], shown[2002], shown[4502]],
    [4504, '2000  r2000', '2001  r2001', '(4500 rows)'],
  );
});
