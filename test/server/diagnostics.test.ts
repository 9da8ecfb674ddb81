import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { Database, executeQuery } from '../../src/engine';
import { isKqlError } from '../../src/kql';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import { startServer, type ServerHarness } from './lspHarness';

function only(diags: Diagnostic[], severity = DiagnosticSeverity.Error): Diagnostic[] {
  return diags.filter((d) => d.severity === severity);
}

describe('diagnostics over LSP', () => {
  let server: ServerHarness;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server.stop();
  });

  test('every sample query is free of errors', async () => {
    const text = SAMPLE_QUERIES.map(sampleQueryText).join('\n\n');
    const diags = await server.open('file:///samples.kql', text);
    assert.deepEqual(
      only(diags).map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
    );
  });

  test("a misspelt column is flagged on the name, with Kusto's message", async () => {
    const diags = only(await server.open('file:///d1.kql', 'VMConnection | where Computr == "x"'));
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0]!.range, { start: { line: 0, character: 21 }, end: { line: 0, character: 28 } });
    assert.equal(
      diags[0]!.message,
      "The name 'Computr' does not refer to any known column, table, variable or function.",
    );
    assert.equal(diags[0]!.code, 'KS142');
  });

  test('a missing pipe is a syntax error at the operator', async () => {
    const diags = only(await server.open('file:///d2.kql', 'VMConnection where Computer == "x"'));
    assert.ok(diags.length >= 1);
    assert.deepEqual(diags[0]!.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 18 } });
    assert.ok(
      diags.some((d) => d.message === 'The operator cannot be the first operator in a query.'),
      JSON.stringify(diags),
    );
  });

  test('an unknown function is flagged', async () => {
    const diags = only(await server.open('file:///d3.kql', 'VMConnection\n| extend x = strcatt(Computer)'));
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.message, "The name 'strcatt' does not refer to any known function.");
    assert.deepEqual(diags[0]!.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 20 } });
  });

  test('an unclosed string reports the missing quote at the end of the line', async () => {
    const diags = only(await server.open('file:///d4.kql', 'VMConnection\n| where Computer == "abc'));
    assert.equal(diags.length, 1);
    assert.equal(diags[0]!.message, 'Missing: "');
    assert.equal(diags[0]!.range.start.line, 1);
    assert.equal(diags[0]!.range.start.character, 24);
  });

  test('errors in a later block are placed at their document lines; fixing them clears them', async () => {
    const uri = 'file:///d5.kql';
    const good = 'VMConnection\n| take 10';
    const diags = only(await server.open(uri, `${good}\n\n// second\nVMBoundPort\n| where Portt > 0`));
    assert.equal(diags.length, 1);
    assert.deepEqual(diags[0]!.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 13 } });
    const next = server.nextDiagnostics(uri);
    server.change(uri, `${good}\n\n// second\nVMBoundPort\n| where Port > 0`);
    assert.deepEqual(only(await next), []);
  });

  // Kusto runs `union View* | where x > 0` (views take part in wildcard unions), but Kusto.Language's
  // binder adds only a wildcard's tables to the union's columns, not its views' (Binder AddTables skips
  // function symbols), so it flags x. The engine binds with the same library: it refuses with the
  // editor's words at the editor's place.
  test("a view's column after a union wildcard: the engine refuses it as the editor flags it", async () => {
    const views =
      'let View_1 = view () { print x=1 };\nlet View_2 = view () { print x=1 };\nlet OtherView_1 = view () { print x=1 };\n';
    const tails = [
      'union View* | where x > 0',
      'union OtherView* | where x > 0',
      'union withsource=T View*, OtherView* | summarize count() by x',
      'union isfuzzy=true View*, SomeView* | extend y = x',
      'union View* | project-away x',
    ];
    for (const [i, tail] of tails.entries()) {
      const text = views + tail;
      const editor = only(await server.open(`file:///union-views-${i}.kql`, text));
      assert.ok(editor.length > 0, tail);
      let engine: unknown;
      try {
        executeQuery(text, new Database([]));
      } catch (e) {
        engine = e;
      }
      assert.ok(isKqlError(engine), `${tail}: the engine ran it`);
      const first = editor.find((d) => !String(d.message).includes('SomeView*'))!;
      assert.deepEqual(engine.range, first.range, tail);
      assert.ok(
        editor.some(
          (d) =>
            d.message === engine.message &&
            d.code === engine.code &&
            d.range.start.character === first.range.start.character,
        ),
        `${tail}: engine '${engine.message}', editor ${JSON.stringify(editor.map((d) => d.message))}`,
      );
      assert.match(engine.message, /^The name 'x' does not refer to any known column, table, variable or function\.$/);
    }
    // A union naming the views, not matching them by a wildcard, has their columns in both.
    assert.deepEqual(
      only(await server.open('file:///union-views-named.kql', `${views}union View_1, View_2 | where x > 0`)),
      [],
    );
    assert.deepEqual(
      executeQuery(`${views}union View_1, View_2 | where x > 0 | count`, new Database([])).tables[0]!.table.rows(),
      [[2]],
    );
  });

  test('let statements above a query belong to it', async () => {
    const diags = only(
      await server.open('file:///d6.kql', 'let threshold = 100;\n\nVMConnection\n| where BytesSent > threshold'),
    );
    assert.deepEqual(diags, []);
  });
});
