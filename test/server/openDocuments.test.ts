/**
 * The editor's documents over real LSP: many tabs at once, closing them, a renamed file (its old name
 * closed, its new one opened), an untitled document, a file outside any workspace folder and a `.csl`
 * file (package.json gives both extensions the KQL language).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { type ServerHarness, startServer } from './lspHarness';

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A few queries, the last with an unknown column named after `i`. */
const document = (i: number) =>
  `VMConnection\n| where BytesSent > ${i}\n| take 10\n\nVMProcess\n| take ${i}\n\nVMConnection\n| where nosuchcol${i} > 0\n`;

/** The one squiggle of `document(i)`, in words. */
const squiggle = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code}`);

describe('documents the editor opens', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
    await server.open('file:///first.kql', 'VMConnection | take 1');
  });
  after(async () => {
    await server.stop();
  });

  test('50 documents opened at once are each checked; closing them clears their squiggles', async (t) => {
    const pid = server.child.pid!;
    const rssBefore = rssMb(pid);
    const uris = Array.from({ length: 50 }, (_, i) => `file:///tabs/query-${i}.kql`);
    const started = performance.now();
    const checked = uris.map((uri) => server.nextDiagnostics(uri, 600_000));
    uris.forEach((uri, i) => void server.open(uri, document(i)).catch(() => undefined));
    const lists = await Promise.all(checked);
    const lastMs = performance.now() - started;
    t.diagnostic(
      `50 documents: last diagnostics after ${Math.round(lastMs)} ms, RSS ${rssBefore.toFixed(0)} → ${rssMb(pid).toFixed(0)} MB`,
    );
    lists.forEach((list, i) => {
      assert.equal(list.length, 1, `${uris[i]}: ${JSON.stringify(list)}`);
      assert.match(String(list[0]!.message), new RegExp(`nosuchcol${i}\\b`));
      assert.deepEqual(squiggle(list), ['8:8 KS142']);
    });

    const cleared = uris.map((uri) => server.nextDiagnostics(uri));
    for (const uri of uris) server.close(uri);
    for (const list of await Promise.all(cleared)) assert.deepEqual(list, []);
  });

  test('a document closed while its first check runs gets no squiggles after the clearing', async () => {
    const uri = 'file:///closed-early.kql';
    const text = Array.from({ length: 120 }, (_, i) => document(i)).join('\n');
    const published: Diagnostic[][] = [];
    const first = server.nextDiagnostics(uri, 600_000);
    void server.open(uri, text).catch(() => undefined);
    // Close as soon as the check has started: its first early publication is out.
    for (let i = 0; i < 600 && !server.earlyDiagnostics.some((e) => e.uri === uri); i++) await sleep(20);
    server.close(uri);
    published.push(await first);
    // Anything published after the clearing would stay in Problems for a closed file.
    const late = server.nextDiagnostics(uri, 3000).then(
      (d) => d,
      () => undefined,
    );
    assert.deepEqual(published[0], []);
    assert.equal(await late, undefined);
  });

  test('a renamed file: its old name cleared, its new name checked', async () => {
    const text = document(7);
    assert.equal((await server.open('file:///work/old-name.kql', text)).length, 1);
    const cleared = server.nextDiagnostics('file:///work/old-name.kql');
    server.close('file:///work/old-name.kql');
    const renamed = await server.open('file:///work/new-name.kql', text);
    assert.deepEqual(await cleared, []);
    assert.deepEqual(squiggle(renamed), ['8:8 KS142']);
  });

  for (const [what, uri] of [
    ['an untitled document', 'untitled:Untitled-1'],
    ['a file outside the workspace folder', 'file:///tmp/elsewhere/outside.kql'],
    ['a .csl file', 'file:///work/legacy.csl'],
  ] as const) {
    test(`${what} is checked`, async () => {
      assert.deepEqual(squiggle(await server.open(uri, document(3))), ['8:8 KS142']);
    });
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
