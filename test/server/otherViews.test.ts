/**
 * A `.kql` document in VS Code's other views, over real LSP: the old side of a diff, "Compare with Saved"
 * and a merge editor's inputs are documents too (their own URI schemes), and a tab closed while its
 * check runs may be opened again under the same URI at version 1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver/node';
import { positionOf, type ServerHarness, startServer } from './lspHarness';

/** A few queries, the last with an unknown column named after `i`. */
const document = (i: number) =>
  `VMConnection\n| where BytesSent > ${i}\n| take 10\n\nVMProcess\n| take ${i}\n\nVMConnection\n| where nosuchcol${i} > 0\n`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a .kql document in the other views', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
    await server.open('file:///first.kql', 'VMConnection | take 1');
  });
  after(async () => server.stop());

  test("a diff's old side, Compare with Saved and a merge editor's inputs get no diagnostics; hovers stay", async () => {
    const text = document(5);
    const readOnly = [
      // What VS Code's git extension opens as the left side of "Open Changes".
      'git:/work/repo/changed.kql?%7B%22path%22%3A%22%2Fwork%2Frepo%2Fchanged.kql%22%2C%22ref%22%3A%22~%22%7D',
      'showModifications:/work/repo/changed.kql',
      'merge-conflict.conflict-diff:/work/repo/changed.kql',
    ];
    for (const uri of readOnly) void server.open(uri, text).catch(() => undefined);
    // The working copy, opened after them, is checked: by then theirs would have been too.
    const working = await server.open('file:///work/repo/changed.kql', text);
    assert.deepEqual(
      working.map((d) => d.code),
      ['KS142'],
    );
    await sleep(500);
    assert.deepEqual(
      server.published.filter((p) => readOnly.includes(p.uri)),
      [],
      'a read-only view of the file got its own Problems entries',
    );
    const hover = await server.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: readOnly[0]! },
      position: positionOf(text, 'BytesSent'),
    });
    assert.match(JSON.stringify(hover), /BytesSent/);
  });

  test('a document closed while its first check runs and opened again publishes early again, only its new text', async () => {
    const uri = 'file:///work/reopened.kql';
    const oldText = Array.from({ length: 40 }, (_, i) => document(i)).join('\n');
    // Changed on disk while the tab was closed: other unknown columns.
    const newText = Array.from({ length: 40 }, (_, i) => document(i + 1000)).join('\n');
    void server.open(uri, oldText).catch(() => undefined);
    for (let i = 0; i < 3000 && !server.earlyDiagnostics.some((e) => e.uri === uri); i++) await sleep(10);
    assert.ok(
      server.earlyDiagnostics.some((e) => e.uri === uri),
      'the first check published early',
    );
    // Closed and opened again at once, as a tab reopened while a long query's check runs.
    const cleared = server.nextDiagnostics(uri);
    const from = server.published.length;
    const earlyFrom = server.earlyDiagnostics.length;
    server.close(uri);
    void server.open(uri, newText).catch(() => undefined);
    assert.deepEqual(await cleared, []);
    const complete = await server.nextDiagnostics(uri);
    assert.equal(complete.length, 40);
    for (const d of complete) assert.match(String(d.message), /nosuchcol10\d\d\b/);
    assert.ok(
      server.earlyDiagnostics.slice(earlyFrom).some((e) => e.uri === uri),
      'the reopened document published no early squiggles',
    );
    // Let a check of the old text, if one were still running, publish what it has.
    await sleep(1000);
    const stale = server.published
      .slice(from)
      .filter((p) => p.uri === uri)
      .flatMap((p) => p.diagnostics)
      .filter((d) => !/nosuchcol10\d\d\b/.test(String(d.message)));
    assert.deepEqual(
      stale.map((d) => d.message),
      [],
      'squiggles of the closed text after it was opened again',
    );
  });
});
