/** `kql -f report.kqlnb` on a workspace that lacks some of the tables a report reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli, type Io } from '../../src/cli/cli';
import { REPORTS, reportFile } from '../../src/notebook';

process.env.KQL_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-parts-cache-'));
const root = path.resolve(__dirname, '../..');

async function kql(args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: false });
  const err = Object.assign(new PassThrough(), { isTTY: false });
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await runCli(args, { stdout: out, stderr: err, stdin: new PassThrough() } as unknown as Io);
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout, stderr };
}

/** A workspace of Service Map's tables only: the legacy solution, no VM insights tables. */
const serviceMapOnly = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-service-map-only-'));
  fs.writeFileSync(
    path.join(dir, 'ServiceMapComputer_CL.csv'),
    'TimeGenerated,ResourceName_s,ComputerName_s\n2026-11-23T10:00:00Z,m-1,web1\n2026-11-23T10:00:00Z,m-2,db1\n',
  );
  fs.writeFileSync(
    path.join(dir, 'ServiceMapProcess_CL.csv'),
    'TimeGenerated,MachineResourceName_s,ExecutableName_s\n2026-11-23T10:00:00Z,m-1,nginx\n',
  );
  return dir;
})();

test('a part that reads a missing table says so and is skipped; the parts that can run, run; exit 0', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kql-parts-')), 'mixed.kqlnb');
  fs.writeFileSync(
    file,
    JSON.stringify({
      cells: [
        { kind: 'code', language: 'kql', source: ['let Wanted = "web1";'] },
        { kind: 'markdown', source: ['## Connections'] },
        { kind: 'code', language: 'kql', source: ['VMConnection | where Computer == Wanted | count'] },
        { kind: 'markdown', source: ['## Inventory'] },
        {
          kind: 'code',
          language: 'kql',
          source: ['ServiceMapComputer_CL | where ComputerName_s == Wanted | project ComputerName_s'],
        },
      ],
    }),
  );
  const r = await kql(['--data', serviceMapOnly, '--format', 'table', '-f', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /── cell 3: Connections ──\nThis part cannot run on this workspace: it reads VMConnection, which the workspace does not have\. That table is written by VM insights with processes and dependencies \(the Dependency agent\)\. Of the tables these reports use, the workspace has ServiceMapComputer_CL and ServiceMapProcess_CL\.\n/,
  );
  assert.match(r.stdout, /── cell 5: Inventory ──\nComputerName_s\n-+\nweb1\n\(1 row\)/);
  assert.doesNotMatch(r.stderr, /does not refer to any known table/);

  // Machine-readable output stays clean: the note goes to stderr.
  const json = await kql(['--data', serviceMapOnly, '--format', 'json', '-f', file]);
  assert.equal(json.code, 0, json.stderr);
  assert.match(json.stderr, /kql: cell 3: Connections: This part cannot run on this workspace: it reads VMConnection/);
});

test('every shipped report on a Service Map-only workspace says which parts cannot run, with no raw errors', async () => {
  for (const report of REPORTS) {
    const r = await kql(['--data', serviceMapOnly, '--format', 'table', '-f', reportFile(root, report)]);
    assert.equal(r.code, 0, `${report.id}: ${r.stderr}`);
    assert.equal(r.stderr, '', report.id);
    assert.match(r.stdout, /defines: TimeRange, Computers/, report.id);
    assert.match(r.stdout, /This part cannot run on this workspace: it reads VM\w+/, report.id);
  }
});

test('on the sample workspace no part of a report is skipped', async () => {
  const r = await kql(['--now', '2026-11-23T12:00:00Z', '--format', 'table', '-f', reportFile(root, REPORTS[0]!)]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /cannot run/);
});
