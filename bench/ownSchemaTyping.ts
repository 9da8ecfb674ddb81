/**
 * Typing in the middle of a user's 5,000-line file (800 queries, CRLF) on a 400-table × 50-column
 * schema, over LSP with the built server: completion latency at each place VS Code asks (a trigger
 * character, the start of a word), at about 16 characters a second, then the diagnostics after the
 * pause, after a 500-line paste and after its undo. The same typing in a 90-query file of the same
 * queries gives the reference taken in the same run, so the machine's load shows as both rising.
 * Run: `npm run build && npx tsx bench/ownSchemaTyping.ts`.
 */
import * as path from 'node:path';
import { CompletionRequest, DidChangeTextDocumentNotification } from 'vscode-languageserver/node';
import { SchemaNotification, type SchemaParams } from '../src/protocol/lsp';
import { ownQueriesFile, ownSchema } from '../test/e2e/ownSchemaFile';
import { type ServerHarness, startServer } from '../test/server/lspHarness';

const TYPED = '| where Col3_datetime > ago(1h) and Computer has "x" | summarize count() by Col4_datetime';
const EOL = '\r\n';
let runs = 0;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/** The next list published for `uri` after the `from`-th publication. */
async function publishedAfter(server: ServerHarness, uri: string, from: number): Promise<number> {
  for (;;) {
    const found = server.published.slice(from).find((p) => p.uri === uri);
    if (found) return found.diagnostics.length;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function run(server: ServerHarness, queries: number): Promise<void> {
  const uri = `file:///own-${queries}-${++runs}.kql`;
  const lines = ownQueriesFile(queries).split('\n');
  const t0 = performance.now();
  const from = server.published.length;
  server.open(uri, lines.join(EOL)).catch(() => undefined);
  // The complete list: the harness keeps the early, partial ones apart.
  const count = (list: readonly { uri: string }[]) => list.filter((p) => p.uri === uri).length;
  while (count(server.published.slice(from)) <= count(server.earlyDiagnostics)) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const opened = performance.now() - t0;
  let version = 1;
  const send = (line: number, character: number, endLine: number, endCharacter: number, text: string) =>
    server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: ++version },
      contentChanges: [
        { range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, text },
      ],
    });
  // Below the middle custom table query's last line.
  const line = lines.indexOf('| take 10', Math.floor(lines.length / 2));
  await send(line, lines[line]!.length, line, lines[line]!.length, EOL);
  const times: number[] = [];
  for (let col = 0; col < TYPED.length; col++) {
    const ch = TYPED[col]!;
    await send(line + 1, col, line + 1, col, ch);
    const wordStart = /\w/.test(ch) && !/\w/.test(TYPED[col - 1] ?? ' ');
    if (wordStart || ' |(,=."'.includes(ch)) {
      const t = performance.now();
      await server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line: line + 1, character: col + 1 },
      });
      times.push(performance.now() - t);
    }
    await new Promise((r) => setTimeout(r, 60));
  }
  times.sort((a, b) => a - b);
  let mark = server.published.length;
  let t = performance.now();
  await publishedAfter(server, uri, mark);
  const pause = performance.now() - t;
  const paste = ownQueriesFile(100).split('\n').slice(0, 500).join(EOL) + EOL + EOL;
  mark = server.published.length;
  t = performance.now();
  await send(10, 0, 10, 0, paste);
  await publishedAfter(server, uri, mark);
  const pasted = performance.now() - t;
  mark = server.published.length;
  t = performance.now();
  await send(10, 0, 10 + paste.split(EOL).length - 1, 0, '');
  await publishedAfter(server, uri, mark);
  const undone = performance.now() - t;
  console.log(
    `${String(queries).padStart(4)} queries (${lines.length} lines): opened and checked in ${Math.round(opened)} ms; completion n=${times.length} p50 ${percentile(times, 0.5).toFixed(0)} ms p95 ${percentile(times, 0.95).toFixed(0)} ms max ${percentile(times, 1).toFixed(0)} ms; diagnostics ${Math.round(pause)} ms after the pause, ${Math.round(pasted)} ms after a 500-line paste, ${Math.round(undone)} ms after its undo (250 ms of them the debounce)`,
  );
}

async function main(): Promise<void> {
  const server = await startServer({ bundle: path.resolve('dist/server.js') });
  await server.connection.sendNotification(SchemaNotification, {
    source: { kind: 'file', label: '400-table schema', fetchedAt: new Date().toISOString() },
    metadata: ownSchema(),
  } satisfies SchemaParams);
  await run(server, 90);
  const until = Date.now() + 120_000;
  while (!server.logs.some((l) => l.startsWith('Kusto.Language warmed up')) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
  }
  await run(server, 90);
  await run(server, 800);
  await server.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
