/**
 * A user's large, messy `.kql` file over real LSP: more queries than the server keeps analyses of, typed
 * at its end, and squiggles on CRLF/tab/unicode text. CPU figures are the server process's own, read
 * from /proc, and compared as a ratio within the run.
 */

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { SemanticTokensRequest } from 'vscode-languageserver/node';
import { analysisCapacityFrom } from '../../src/server/blockAnalysis';
import { type ServerHarness, startServer } from './lspHarness';

/** The server's user+system CPU in ms (Linux clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The server here keeps 80 analyses (KQL_ANALYSIS_CAPACITY, a test seam; 400 by default), so a file of 100
 * queries is past the bound: the 450 queries this took before cost two minutes of CI's unit tests.
 */
const KEPT = 80;
const QUERIES = 100;

describe('a large messy file', () => {
  let server: ServerHarness;
  before(async () => {
    process.env.KQL_ANALYSIS_CAPACITY = String(KEPT);
    try {
      server = await startServer();
    } finally {
      delete process.env.KQL_ANALYSIS_CAPACITY;
    }
    await server.open('file:///first.kql', 'VMConnection | take 1');
    // The library's one-off warm-up is not what is measured here.
    for (let i = 0; i < 1200 && !server.logs.some((l) => /warmed up|Warm-up failed/.test(l)); i++) await sleep(50);
  });
  after(async () => {
    await server.stop();
  });

  test('typing at the end of more queries than the server keeps analyses of re-checks only the query typed in', async (t) => {
    // More queries than the analyses the server keeps: each used to be analysed again on every check.
    assert.ok(QUERIES > KEPT);
    const queries = Array.from(
      { length: QUERIES },
      (_, i) => `VMConnection\r\n| where BytesSent > ${i}\r\n| take ${i}`,
    );
    const text = `${queries.join('\r\n\r\n')}\r\n`;
    const uri = 'file:///many-queries.kql';
    const pid = server.child.pid!;
    const beforeOpen = cpuMs(pid);
    const opened = server.nextDiagnostics(uri, 600_000);
    void server.open(uri, text).catch(() => undefined);
    assert.deepEqual(await opened, []);
    const openCpu = cpuMs(pid) - beforeOpen;

    const beforeKey = cpuMs(pid);
    // A new query below the last one, after a blank line.
    const lastLine = queries.length * 4 - 1;
    const typed = server.nextDiagnostics(uri, 600_000);
    server.insert(uri, { line: lastLine, character: 0 }, '\r\nVMConnection | where nosuchcol');
    const diags = await typed;
    const keyCpu = cpuMs(pid) - beforeKey;
    assert.equal(diags.length, 1, JSON.stringify(diags));
    assert.deepEqual(diags[0]!.range, {
      start: { line: lastLine + 1, character: 21 },
      end: { line: lastLine + 1, character: 30 },
    });
    t.diagnostic(`server CPU: open ${openCpu} ms, the keystroke's check ${keyCpu} ms`);
    assert.ok(keyCpu * 4 < openCpu, `the keystroke's check took ${keyCpu} ms of CPU, the open's ${openCpu} ms`);
  });

  test('semantic tokens of more queries than the server keeps analyses of are classified once, then reach the end of the file cheaply', async (t) => {
    const queries = Array.from({ length: QUERIES }, (_, i) => `VMBoundPort\r\n| where Port == ${i}\r\n| take ${i}`);
    const text = `${queries.join('\r\n\r\n')}\r\n`;
    const uri = 'file:///many-tokens.kql';
    const lastQueryLine = queries.length * 4 - 4;
    const pid = server.child.pid!;
    const opened = server.nextDiagnostics(uri, 600_000);
    void server.open(uri, text).catch(() => undefined);
    await opened;
    /** A full request as VS Code makes after each edit: its CPU and the last line it coloured. */
    const fullRequest = async () => {
      const before = cpuMs(pid);
      const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
      let line = 0;
      for (let i = 0; i < tokens!.data.length; i += 5) line += tokens!.data[i]!;
      return { cpu: cpuMs(pid) - before, lastLine: line };
    };
    const first = await fullRequest();
    // Each request goes on within its time budget from where the last one stopped.
    let rounds = 1;
    for (let last = first; last.lastLine < lastQueryLine && rounds < 20; rounds++) last = await fullRequest();
    const settled = await fullRequest();
    t.diagnostic(`server CPU: first full request ${first.cpu} ms, after ${rounds} requests ${settled.cpu} ms`);
    assert.ok(settled.lastLine >= lastQueryLine, `coloured up to line ${settled.lastLine} of ${lastQueryLine}`);
    assert.ok(settled.cpu * 4 < first.cpu, `first request ${first.cpu} ms of CPU, a later one ${settled.cpu} ms`);
  });

  test('squiggles land on the right characters after CRLF, tabs, a BOM and surrogate pairs', async () => {
    const text =
      '\uFEFF// 👩‍💻 Straße\r\nVMConnection\r\n\t| where Computer == "e\u0301😀"\t| extend y = nosuchcol\r\n';
    const diags = await server.open('file:///messy.kql', text);
    assert.equal(diags.length, 1, JSON.stringify(diags));
    const line = text.split('\r\n')[2]!;
    const { start, end } = diags[0]!.range;
    assert.equal(start.line, 2);
    // LSP positions count UTF-16 code units, as JavaScript strings do.
    assert.equal(line.slice(start.character, end.character), 'nosuchcol');
  });
});

describe('the first file opened is a large one', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test("completion's grammar is built after the first squiggles, not after the whole file is checked", async () => {
    const queries = Array.from({ length: 450 }, (_, i) => `VMProcess\r\n| where ProcessId > ${i}\r\n| take ${i}`);
    const uri = 'file:///first-large.kql';
    const checked = server.nextDiagnostics(uri, 600_000);
    void server.open(uri, `${queries.join('\r\n\r\n')}\r\n`).catch(() => undefined);
    await checked;
    // The server logs its first complete diagnostics right after sending them.
    const isComplete = (l: string) => l.startsWith('First complete diagnostics sent');
    for (let i = 0; i < 200 && !server.logs.some(isComplete); i++) await sleep(50);
    const warmed = server.logs.findIndex((l) => /^Kusto\.Language warmed up .*completion grammar built/.test(l));
    const complete = server.logs.findIndex(isComplete);
    assert.ok(complete > 0, server.logs.join('\n'));
    assert.ok(warmed >= 0 && warmed < complete, server.logs.filter((l) => !l.startsWith('Early')).join('\n'));
  });
});

test('KQL_ANALYSIS_CAPACITY is a positive integer or the default', () => {
  assert.equal(analysisCapacityFrom('80'), 80);
  for (const bad of [undefined, '', '0', '-5', '1.5', 'abc', ' ', 'Infinity', '1e400']) {
    assert.equal(analysisCapacityFrom(bad), undefined, String(bad));
  }
});
