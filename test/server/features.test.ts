import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  SymbolKind,
  type DocumentSymbol,
  type MarkupContent,
} from 'vscode-languageserver/node';
import { positionOf, startServer, type ServerHarness } from './lspHarness';

const LEGEND = [
  'comment',
  'keyword',
  'string',
  'number',
  'operator',
  'type',
  'variable',
  'parameter',
  'function',
  'property',
  'class',
  'namespace',
  'macro',
  'enumMember',
];

/** Decodes LSP's relative token encoding into [line, char, text, type]. */
function decode(text: string, data: number[]): [number, number, string, string][] {
  const lines = text.split('\n');
  const out: [number, number, string, string][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    char = data[i]! === 0 ? char + data[i + 1]! : data[i + 1]!;
    out.push([line, char, lines[line]!.slice(char, char + data[i + 2]!), LEGEND[data[i + 3]!]!]);
  }
  return out;
}

describe('hover, signature help, tokens, symbols, folding, formatting over LSP', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  const hover = async (uri: string, text: string, marker: string) => {
    await server.open(uri, text);
    const h = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: positionOf(text, marker),
    });
    return (h?.contents as MarkupContent | undefined)?.value ?? '';
  };

  test('hover on a column shows its type and the catalogue description', async () => {
    const text = 'VMConnection\n| where Computer == "x"';
    const value = await hover('file:///h1.kql', text, 'Computer');
    assert.equal(value, '```kql\nComputer: string\n```\n\nFully-qualified domain name of the reporting machine.');
  });

  test('hover on a table shows its description; on a function its signature', async () => {
    const text = 'VMBoundPort\n| extend n = strlen(ProcessName)';
    assert.match(await hover('file:///h2.kql', text, 'VMBoundPort'), /^```kql\n\(table\) VMBoundPort: table\(/);
    assert.equal(await hover('file:///h2.kql', text, 'strlen'), '```kql\n(function) strlen(string): long\n```');
  });

  test('signature help names the function and the active parameter', async () => {
    const text = 'VMConnection\n| summarize count() by bin(TimeGenerated, 1h)';
    await server.open('file:///s1.kql', text);
    const at = positionOf(text, '1h)');
    const help = await server.connection.sendRequest(SignatureHelpRequest.type, {
      textDocument: { uri: 'file:///s1.kql' },
      position: at,
    });
    assert.ok(help);
    assert.match(help.signatures[help.activeSignature ?? 0]!.label, /^bin\(value: .+, roundTo: .+\)$/);
    assert.equal(help.activeParameter, 1);
  });

  test('semantic tokens colour tables, columns, functions, literals and operators', async () => {
    const text = 'VMConnection\n| where Computer == "x" and BytesSent > 10\n| summarize count() by Computer';
    await server.open('file:///t1.kql', text);
    const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, {
      textDocument: { uri: 'file:///t1.kql' },
    });
    const decoded = decode(text, tokens!.data);
    for (const expected of [
      [0, 0, 'VMConnection', 'class'],
      [1, 2, 'where', 'keyword'],
      [1, 8, 'Computer', 'property'],
      [1, 17, '==', 'operator'],
      [1, 20, '"x"', 'string'],
      [1, 40, '10', 'number'],
      [2, 12, 'count', 'function'],
    ]) {
      assert.ok(
        decoded.some((t) => JSON.stringify(t) === JSON.stringify(expected)),
        `${JSON.stringify(expected)} in ${JSON.stringify(decoded)}`,
      );
    }
  });

  test('document symbols: one per block named by its comment, lets as children', async () => {
    const text =
      '// Bytes by machine\nlet since = ago(1h);\nVMConnection\n| where TimeGenerated > since\n\nVMBoundPort\n| take 5';
    await server.open('file:///y1.kql', text);
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: 'file:///y1.kql' },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Bytes by machine', 'VMBoundPort'],
    );
    assert.deepEqual(
      symbols[0]!.children!.map((c) => [c.name, c.kind]),
      [['since', SymbolKind.Variable]],
    );
    assert.deepEqual(symbols[1]!.range, { start: { line: 5, character: 0 }, end: { line: 6, character: 8 } });
  });

  test('folding ranges span each multi-line block', async () => {
    const text = 'VMConnection\n| take 1\n\nVMBoundPort\n\nVMComputer\n| take 1\n| take 2';
    await server.open('file:///f1.kql', text);
    const ranges = await server.connection.sendRequest(FoldingRangeRequest.type, {
      textDocument: { uri: 'file:///f1.kql' },
    });
    assert.deepEqual(
      ranges!.map((r) => [r.startLine, r.endLine]),
      [
        [0, 1],
        [5, 7],
      ],
    );
  });

  test('Format Document puts each operator on its own line and spaces operators', async () => {
    const text =
      'VMConnection|where Computer=="x"and BytesSent>0|summarize count() by Computer\n\nVMBoundPort\n| take 5';
    await server.open('file:///fmt.kql', text);
    const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: 'file:///fmt.kql' },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.equal(edits!.length, 1, 'the already formatted block is untouched');
    assert.deepEqual(edits![0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 77 } });
    assert.equal(
      edits![0]!.newText,
      'VMConnection\n| where Computer == "x" and BytesSent > 0\n| summarize count() by Computer',
    );
  });
});
