import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionRequest, HoverRequest, SemanticTokensRequest } from 'vscode-languageserver/node';
import { MAX_NESTING, nestingDepth, screenBlock } from '../../src/server/guards';
import { startServer, type ServerHarness } from './lspHarness';

describe('guards', () => {
  test('nesting depth ignores brackets in strings and comments', () => {
    assert.equal(nestingDepth('print f(g(1), "((((", \'[[[\', @"(""(") // ((((\n| x'), 2);
    assert.equal(nestingDepth('```\n((((\n```(x)'), 1);
    assert.equal(nestingDepth('('.repeat(10_000), 200), 201, 'stops counting past the limit');
  });

  test('screens out huge and deeply nested blocks with a reason', () => {
    assert.equal(screenBlock('VMConnection | take 1').ok, true);
    assert.match(screenBlock('x'.repeat(1 << 20)).reason ?? '', /1,024 KB, over the 64 KB/);
    assert.match(screenBlock(`print ${'('.repeat(MAX_NESTING + 1)}1`).reason ?? '', /nest more than 128 levels/);
  });
});

describe('hostile documents over LSP', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('a 1 MB single-line document is answered promptly and the give-up is logged', async () => {
    const uri = 'file:///huge.kql';
    const text = `VMConnection | where ${Array.from({ length: 60_000 }, (_, i) => `Computer == "m${i}"`).join(' or ')}`;
    assert.ok(text.length > 1_000_000);
    const diags = await server.open(uri, text);
    assert.equal(diags.length, 1);
    assert.match(
      String(diags[0]!.message),
      /^Not analysed: the query block is 1,\d{3} KB, over the 64 KB the editor analyses/,
    );
    const completion = await server.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 30 },
    });
    assert.deepEqual((completion as { items: unknown[] } | null)?.items ?? [], []);
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 2 },
    });
    assert.equal(hover, null);
    assert.ok(
      server.logs.some((l) => /Skipped a query block: the query block is 1,\d{3} KB/.test(l)),
      server.logs.join('\n'),
    );
  });

  test('10,000 nested parentheses neither crash nor hang the server', async () => {
    const uri = 'file:///nested.kql';
    const text = `print x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n\nVMConnection\n| take 1`;
    const diags = await server.open(uri, text);
    assert.match(String(diags[0]!.message), /^Not analysed: brackets nest more than 128 levels deep/);
    // The other block of the same document still gets full service.
    const items = await server.complete(uri, `${text}\n| where Comp`);
    assert.ok(items.some((i) => i.label === 'Computer'));
    const tokens = await server.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    assert.ok(tokens!.data.length > 0);
    assert.ok(server.logs.some((l) => /brackets nest more than 128 levels deep/.test(l)));
  });

  test('an unclosed 10,000-deep bracket run and binary garbage are survived', async () => {
    await server.open('file:///open.kql', `print ${'('.repeat(10_000)}`);
    const garbage = Array.from({ length: 5000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const diags = await server.open('file:///garbage.kql', garbage);
    assert.ok(Array.isArray(diags));
    // Still serving after all of it.
    const items = await server.complete('file:///after.kql', 'VMConnection | where Comp');
    assert.ok(items.some((i) => i.label === 'Computer'));
    assert.equal(server.child.exitCode, null);
  });
});
