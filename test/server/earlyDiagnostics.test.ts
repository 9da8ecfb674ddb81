import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlockAnalyzer } from '../../src/server/blockAnalysis';
import { documentDiagnostics, type EarlyPublisher } from '../../src/server/diagnostics';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './lspHarness';

// Three queries, each with one misspelt column: one error per block, in document order.
const TEXT = [
  'VMConnection | where Computr == "a"',
  'VMBoundPort | where Prot == 80',
  'VMComputer | project Cpux',
].join('\n\n');

function recorder(everyMs: number, firstAfterMs = everyMs) {
  const calls: { lines: number[]; checked: number; total: number }[] = [];
  const early: EarlyPublisher = {
    firstAfterMs,
    everyMs,
    publish: async (list: readonly Diagnostic[], checked, total) => {
      calls.push({ lines: list.map((d) => d.range.start.line), checked, total });
    },
  };
  return { calls, early };
}

describe("a document's first check publishes what it has found before it is done", () => {
  test('each early list holds the blocks checked so far; the result holds them all', async () => {
    const doc = TextDocument.create('file:///early.kql', 'kql', 1, TEXT);
    const { calls, early } = recorder(0);
    const all = await documentDiagnostics(doc, new BlockAnalyzer(() => undefined), () => doc, early);
    assert.deepEqual(calls, [
      { lines: [0], checked: 1, total: 3 },
      { lines: [0, 2], checked: 2, total: 3 },
    ]);
    assert.deepEqual(
      all?.filter((d) => d.severity === 1).map((d) => d.range.start.line),
      [0, 2, 4],
    );
  });

  test('blocks already analysed are not waited for, so a re-check publishes nothing early', async () => {
    const doc = TextDocument.create('file:///early2.kql', 'kql', 1, TEXT);
    const analyzer = new BlockAnalyzer(() => undefined);
    await documentDiagnostics(doc, analyzer, () => doc);
    const { calls, early } = recorder(0);
    await documentDiagnostics(doc, analyzer, () => doc, early);
    assert.deepEqual(calls, []);
  });

  test('the first early list comes right after the first query, the next ones after their budget', async () => {
    const doc = TextDocument.create('file:///early4.kql', 'kql', 1, TEXT);
    const { calls, early } = recorder(60_000, 0);
    await documentDiagnostics(doc, new BlockAnalyzer(() => undefined), () => doc, early);
    assert.deepEqual(calls, [{ lines: [0], checked: 1, total: 3 }]);
  });

  test('within its time budget nothing is published early', async () => {
    const doc = TextDocument.create('file:///early3.kql', 'kql', 1, TEXT);
    const { calls, early } = recorder(60_000);
    await documentDiagnostics(doc, new BlockAnalyzer(() => undefined), () => doc, early);
    assert.deepEqual(calls, []);
  });

  test('over LSP: a large first check publishes early, announced, and then completely; an edit never early', async () => {
    const server = await startServer();
    try {
      // 60 queries of a few lines each: their first check takes well over the early-publication budget.
      const many = Array.from(
        { length: 60 },
        (_, i) => `VMConnection\n| where TimeGenerated > ago(${i + 1}h)\n| summarize count() by Computr${i}`,
      ).join('\n\n');
      const uri = 'file:///many.kql';
      const complete = await server.open(uri, many);
      assert.equal(complete.filter((d) => d.severity === 1).length, 60);
      const early = server.earlyDiagnostics.filter((e) => e.uri === uri);
      assert.ok(early.length >= 1, 'an early list was published');
      for (const e of early) assert.ok(e.diagnostics.length < 60, `an early list is partial (${e.diagnostics.length})`);
      assert.ok(
        server.logs.some((l) =>
          /^First diagnostics sent \d+ ms .*, \d+ of 60 queries checked(; its main thread \d+ ms of CPU)?\.$/.test(l),
        ),
      );
      // Logged right after the complete list was sent: it may arrive just after it.
      for (let i = 0; i < 50 && !server.logs.some((l) => l.startsWith('First complete')); i++) await sleep(100);
      assert.ok(server.logs.some((l) => /^First complete diagnostics sent \d+ ms/.test(l)));
      const edited = many.replace('Computr59', 'Computer');
      const before = server.earlyDiagnostics.length;
      const next = server.nextDiagnostics(uri);
      server.change(uri, edited);
      assert.equal((await next).filter((d) => d.severity === 1).length, 59);
      assert.equal(server.earlyDiagnostics.length, before);
    } finally {
      await server.stop();
    }
  });
});
