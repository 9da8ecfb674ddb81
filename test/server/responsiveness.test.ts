/**
 * Whole-document work (semantic tokens, formatting) on a 0.5 MB document of ~1,700 queries must not
 * hold up other requests: over real LSP, hovers on another document sent while the tokens are being
 * computed are all answered before the tokens are, and a cancelled request stops with LSP's cancel
 * error. Assertions are on order and ratio, not on wall-clock thresholds.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  CancellationTokenSource,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  HoverRequest,
  LSPErrorCodes,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
} from 'vscode-languageserver/node';
import { splitQueryBlocks } from '../../src/kql';
import { startServer, type ServerHarness } from './lspHarness';

/** About `bytes` of the sample queries, each block made distinct so none is answered from the cache. */
function bigDocument(bytes: number): string {
  const seeds = splitQueryBlocks(fs.readFileSync('examples/vm-insights.kql', 'utf8')).map((b) => b.text);
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const block = `${seeds[i % seeds.length]}\n| where ${i} >= 0`;
    out.push(block);
    size += block.length + 2;
  }
  return out.join('\n\n');
}

const SMALL_URI = 'file:///small.kql';
const SMALL = 'VMConnection\n| where Computer == "acme-demo"';
const hoverSmall = { textDocument: { uri: SMALL_URI }, position: { line: 1, character: 10 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('responsiveness while a big document is tokenised or formatted', () => {
  let server: ServerHarness;
  let big: string;
  let n = 0;
  before(async () => {
    server = await startServer();
    big = bigDocument(500_000);
    await server.open(SMALL_URI, SMALL);
    // The library's one-off warm-up after it loads is not what is measured here.
    for (let i = 0; i < 600 && !server.logs.some((l) => /warmed up|Warm-up failed/.test(l)); i++) await sleep(50);
  });
  after(async () => {
    await server.stop();
  });
  // Closing ends the document's background check, so one test's work does not run into the next.
  afterEach(() => {
    void server.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri: `file:///big-${n}.kql` },
    });
  });

  /** Opens a fresh copy of the big document (its own blocks, never cached) without waiting for its check. */
  function openBig(): string {
    const uri = `file:///big-${n}.kql`;
    const text = big.replace(/\| where (\d+) >= 0/g, `| where $1 >= ${++n}`);
    void server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'kql', version: 1, text },
    });
    return uri;
  }

  /** Sends `hovers` hovers on the small document, one every `everyMs`, while `work` runs; records the order of answers. */
  async function hoversDuring(work: Promise<unknown>, hovers: number, everyMs: number) {
    const order: string[] = [];
    const started = performance.now();
    let workMs = 0;
    const workDone = work.then(() => {
      order.push('work');
      workMs = performance.now() - started;
    });
    const hoverMs: number[] = [];
    const answers: Promise<void>[] = [];
    for (let i = 0; i < hovers; i++) {
      const sent = performance.now();
      answers.push(
        server.connection.sendRequest(HoverRequest.type, hoverSmall).then((h) => {
          assert.ok(h, 'the hover has content');
          order.push(`hover${i}`);
          hoverMs.push(performance.now() - sent);
        }),
      );
      await sleep(everyMs);
    }
    await Promise.all([...answers, workDone]);
    return { order, workMs, slowestHoverMs: Math.max(...hoverMs) };
  }

  test('hovers on another document are answered while semantic tokens of 0.5 MB are computed', async (t) => {
    assert.ok(big.length >= 500_000);
    const uri = openBig();
    const tokens = server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    const { order, workMs, slowestHoverMs } = await hoversDuring(tokens, 5, 150);
    assert.deepEqual(
      order,
      ['hover0', 'hover1', 'hover2', 'hover3', 'hover4', 'work'],
      `answers in order ${order.join(', ')}`,
    );
    t.diagnostic(`slowest hover ${Math.round(slowestHoverMs)} ms while the tokens took ${Math.round(workMs)} ms`);
    assert.ok(
      slowestHoverMs * 2 < workMs,
      `slowest hover ${Math.round(slowestHoverMs)} ms, tokens ${Math.round(workMs)} ms`,
    );
    assert.ok((await tokens)!.data.length > 0, 'the blocks done within the budget are coloured');
  });

  test('a range request colours just the visible blocks', async () => {
    const uri = openBig();
    const range = { start: { line: 40, character: 0 }, end: { line: 80, character: 0 } };
    const tokens = await server.connection.sendRequest(SemanticTokensRangeRequest.type, {
      textDocument: { uri },
      range,
    });
    let line = 0;
    const lines: number[] = [];
    for (let i = 0; i < tokens!.data.length; i += 5) lines.push((line += tokens!.data[i]!));
    assert.ok(lines.length > 20, `${lines.length} tokens`);
    // Whole blocks are classified: a block that starts above the range may contribute its first lines.
    const firstBlockStart = splitQueryBlocks(big).find((b) => b.endLine >= 40)!.startLine;
    assert.ok(lines[0]! >= firstBlockStart && lines.at(-1)! <= 90, `tokens on lines ${lines[0]}…${lines.at(-1)}`);
  });

  test('a cancelled semantic tokens request stops with the cancel error', async () => {
    const uri = openBig();
    const source = new CancellationTokenSource();
    const tokens = server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } }, source.token);
    await sleep(200);
    source.cancel();
    await assert.rejects(tokens, (e: { code?: number }) => e.code === LSPErrorCodes.RequestCancelled);
    assert.ok(await server.connection.sendRequest(HoverRequest.type, hoverSmall));
  });

  test('hovers are answered while a 0.5 MB document is formatted', async () => {
    const uri = openBig();
    const format = server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
    const { order } = await hoversDuring(format, 3, 150);
    assert.deepEqual(order, ['hover0', 'hover1', 'hover2', 'work'], `answers in order ${order.join(', ')}`);
    assert.ok(Array.isArray(await format));
  });
});
