// Kusto.Language's binder throws on graph-match/graph-shortest-paths over an input it cannot type as a
// graph. The server skipped such a block (no squiggles until Run); it now binds it as the engine's
// analyze() does (src/kql/graphInputCrash.ts), so the editor shows the errors a Run gives.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type CompletionList,
  CompletionRequest,
  type Diagnostic,
  DiagnosticSeverity,
  DocumentFormattingRequest,
  type Hover,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { analyze, globalsFor, kusto } from '../../src/kql';
import { positionOf, type ServerHarness, startServer } from './lspHarness';

const TIME_TRAVEL = `graph_time_travel(datetime(2022-06-01))
| graph-match (employee)-[hasManager*2..5]-(manager)
  where employee.name == "Bob"
  project employee = employee.name, reportingPath = hasManager.manager`;

/** Queries whose prefixes the user types; many of them make the binder throw. */
const TYPED = [
  'VMConnection | graph-match (a)-->(b) project a',
  'T | graph-match (a)-[e]->(b) where a.x == 1 project a',
  'VMConnection | graph-shortest-paths (a)-[e*1..3]->(b) project a',
  'let G = VMConnection; G | graph-match (a)-->(b) project a',
  'VMConnection | make-graph SourceIp --> DestinationIp | graph-match (a)-->(b) project a | graph-match (a) project a',
];

/** Three graph queries with a valid graph operator and an invalid one, typed a character at a time. */
const MIXED = [
  'let bad = VMConnection | graph-match (a)-->(b) project a; let good = VMConnection | make-graph SourceIp --> DestinationIp | graph-match (s)-[e]->(d) where e.BytesSent > 0 project n = node_id(s); good',
  'union (VMConnection | graph-match (a)-->(b) project a), (VMConnection | make-graph SourceIp --> DestinationIp | graph-match (s)-->(d) project n = node_id(d))',
  'graph_time_travel(datetime(2022-06-01)) | graph-shortest-paths (a)-[e*1..3]->(b) project a; VMConnection | make-graph SourceIp --> DestinationIp | graph-shortest-paths (x)-[e*1..2]->(y) project n = node_id(x)',
];

// Every prefix took about half of this file's time (277 s of CI's unit tests on a loaded machine, where a
// prefix walk timed out). By default a walk keeps each prefix that ends on a token's last character (a
// word's end, or any operator or bracket: where a graph pattern changes shape) and every 4th of the rest
// (mid-word and after a space, which bind as the word or the prefix before them); KQL_THOROUGH=1 walks
// every prefix.
const STRIDE = process.env.KQL_THOROUGH ? 1 : 4;

/** Whether a walk types the prefix ending at `q[i]`: see STRIDE. */
function walked(q: string, i: number): boolean {
  const word = /\w/;
  const tokenEnd = q[i] !== ' ' && (!word.test(q[i]!) || i + 1 === q.length || !word.test(q[i + 1]!));
  return tokenEnd || i % STRIDE === 0;
}

/** The walked prefixes of the queries that are a block of their own (a block of `let` statements alone
 * joins the next). */
function prefixesOf(queries: readonly string[]): string[] {
  return queries
    .flatMap((q) =>
      Array.from({ length: q.length }, (_, i) => i).flatMap((i) => (walked(q, i) ? [q.slice(0, i + 1)] : [])),
    )
    .filter((p) => p.trim() !== '' && !/;\s*$/.test(p));
}

function bindThrows(text: string): boolean {
  try {
    kusto().KustoCode.ParseAndAnalyze(text, globalsFor(), null as never);
    return false;
  } catch {
    return true;
  }
}

/** Errors as `line:char-line:char code message`, in text order. */
function errorLines(diags: readonly Pick<Diagnostic, 'range' | 'code' | 'message' | 'severity'>[]): string[] {
  return diags
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => {
      const { start, end } = d.range;
      return `${start.line}:${start.character}-${end.line}:${end.character} ${d.code} ${d.message}`;
    })
    .sort(byPosition);
}

const byPosition = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** analyze()'s errors for a query placed at `line` of a document. */
function engineErrors(text: string, line: number): string[] {
  return errorLines(
    analyze(text).diagnostics.map((d) => ({
      code: d.code,
      message: d.message,
      severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      range: {
        start: { line: d.range.start.line + line, character: d.range.start.character },
        end: { line: d.range.end.line + line, character: d.range.end.character },
      },
    })),
  );
}

describe('a block whose binding throws, over LSP', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test("graph_time_travel without its function: the engine's two errors, where the engine puts them", async () => {
    assert.ok(bindThrows(TIME_TRAVEL), 'the library no longer throws on this query: the test is moot');
    const diags = await server.open('file:///g1.kql', TIME_TRAVEL);
    assert.deepEqual(errorLines(diags), engineErrors(TIME_TRAVEL, 0));
    assert.deepEqual(
      diags.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code),
      ['KS211', 'KQL-GRAPH'],
    );
    assert.ok(!diags.some((d) => d.code === 'KQL-SKIPPED'), JSON.stringify(diags));
  });

  test('prefixes of a few graph queries, as typed (see STRIDE): the same errors as the engine, none skipped', async () => {
    // A block of `let` statements alone belongs to the next block (blocks.ts): those prefixes are left out.
    const prefixes = prefixesOf(TYPED);
    const throwing = prefixes.filter(bindThrows);
    assert.ok(throwing.length >= 50, `only ${throwing.length} prefixes make the binder throw`);
    // One block per prefix, blank lines between them: block i starts at line 2i.
    const diags = await server.open('file:///g2.kql', prefixes.join('\n\n'));
    assert.ok(!diags.some((d) => d.code === 'KQL-SKIPPED'), 'a block was skipped');
    assert.deepEqual(errorLines(diags), prefixes.flatMap((p, i) => engineErrors(p, 2 * i)).sort(byPosition));
    assert.ok(!server.logs.some((l) => /Gave up analysing/.test(l)), server.logs.join('\n'));
  });

  test('hover before the operator still works; completion in it and formatting leave the block alone', async () => {
    const uri = 'file:///g3.kql';
    const text = 'VMConnection\n| where BytesSent > 0\n| graph-match (a)-->(b) project a';
    const diags = await server.open(uri, text);
    assert.deepEqual(
      diags.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => [d.code, d.range.start.line]),
      [['KQL-GRAPH', 2]],
    );
    const hover = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'BytesSent'),
    })) as Hover | null;
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /BytesSent: long/);
    // After the blanked operator the library typed the query without it: no answer rather than a wrong one.
    const inOperator = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'project a'),
    })) as Hover | null;
    assert.equal(inOperator, null);
    const completion = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, '(b)'),
    });
    assert.deepEqual((completion as CompletionList | null)?.items ?? [], []);
    const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.deepEqual(edits ?? [], []);
    // The server is still there and checks the next document.
    const next = await server.open('file:///g4.kql', 'VMConnection | where Computr == "x"');
    assert.equal(next.filter((d) => d.severity === DiagnosticSeverity.Error).length, 1);
  });

  test('a valid graph operator after an invalid one: its own error, not flagged, hover and completion in it', async () => {
    const uri = 'file:///g5.kql';
    const text = `let bad = VMConnection | graph-match (a)-->(b) project a;
let good = VMConnection | make-graph SourceIp --> DestinationIp | graph-match (s)-[e]->(d) where e.BytesSnt > 0 project n = node_id(s);
good`;
    assert.ok(bindThrows(text), 'the library no longer throws on this query: the test is moot');
    const diags = await server.open(uri, text);
    assert.deepEqual(
      diags
        .filter((d) => d.severity === DiagnosticSeverity.Error)
        .map((d) => [d.code, d.range.start.line])
        .sort((a, b) => Number(a[1]) - Number(b[1])),
      [
        ['KQL-GRAPH', 0],
        // The misspelt edge property in the valid operator.
        ['KS142', 1],
      ],
    );
    assert.deepEqual(errorLines(diags), engineErrors(text, 0));
    const hover = (await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, 'DestinationIp'),
    })) as Hover | null;
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /DestinationIp: string/);
    const items = await server.complete(uri, text.replace('e.BytesSnt', 'e.▮BytesSnt'), '▮');
    assert.ok(
      items.some((i) => i.label === 'BytesSent'),
      items
        .map((i) => i.label)
        .slice(0, 20)
        .join(', '),
    );
  });

  test('two invalid graph operators are both flagged', async () => {
    const text =
      'union (VMConnection | graph-match (a)-->(b) project a), (VMConnection | graph-shortest-paths (a)-[e*1..2]->(b) project a)';
    const diags = await server.open('file:///g6.kql', text);
    assert.deepEqual(
      diags.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => [d.code, d.range.start.character]),
      [
        ['KQL-GRAPH', text.indexOf('| graph-match')],
        ['KQL-GRAPH', text.indexOf('| graph-shortest-paths')],
      ],
    );
  });

  test('prefixes of three mixed graph queries (see STRIDE): nothing flagged past what is typed, none skipped', async () => {
    const prefixes = prefixesOf(MIXED);
    assert.ok(prefixes.filter(bindThrows).length >= 100, 'too few prefixes make the binder throw');
    const diags = await server.open('file:///g7.kql', prefixes.join('\n\n'));
    assert.ok(!diags.some((d) => d.code === 'KQL-SKIPPED'), 'a block was skipped');
    for (const d of diags) {
      const { start, end } = d.range;
      const typed = prefixes[start.line / 2];
      assert.ok(
        typed !== undefined && end.line === start.line && end.character <= typed.length,
        `${JSON.stringify(d.range)} ${d.message} past ${typed}`,
      );
    }
    // Each is the engine's too (analyze() binds through the same function): compared on whole queries below.
    assert.ok(!server.logs.some((l) => /Gave up/.test(l)), server.logs.join('\n'));
  });

  test('typing the three a character at a time, completing where a walk stops: the server answers throughout', async () => {
    const uri = 'file:///g8.kql';
    await server.open(uri, '');
    const typed = MIXED.join('\n\n');
    let line = 0;
    let character = 0;
    for (const [i, ch] of [...typed].entries()) {
      server.insert(uri, { line, character }, ch);
      if (ch === '\n') {
        line++;
        character = 0;
      } else {
        character++;
      }
      // Every character is typed; completion is asked where a walk stops (see STRIDE) and at the end.
      if (i + 1 < typed.length && !walked(typed, i)) continue;
      const list = await server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: { line, character },
      });
      assert.ok(list === null || Array.isArray(list) || Array.isArray((list as CompletionList).items));
    }
    const diags = await server.nextDiagnostics(uri);
    assert.deepEqual(
      errorLines(diags),
      MIXED.flatMap((q, i) => engineErrors(q, 2 * i)),
    );
    assert.equal(server.child.exitCode, null);
    assert.ok(!server.logs.some((l) => /Gave up/.test(l)), server.logs.join('\n'));
  });
});
