// @ownProcess: this checks what a process that has loaded nothing else loads (scripts/test-plan.mjs).
// Node's test runner runs each file in its own process: here the library starts fresh, no grammar built,
// as in the language server (which defers it until after its first document's diagnostics).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { deferQueryGrammar, deferredGrammarState, kusto } from '../../src/kql';
import { BlockAnalyzer } from '../../src/server/blockAnalysis';
import { CompletionProvider } from '../../src/server/completion';
import { LiveValueStore } from '../../src/server/liveValues';

const EXAMPLE = fs.readFileSync(path.join(__dirname, '../../examples/vm-insights.kql'), 'utf8');

test("a completion asked before the deferred grammar is built gets the library's items; the build is outside its time budget", () => {
  const K = kusto();
  assert.ok(deferQueryGrammar(), 'the stand-in installed');
  const analyzer = new BlockAnalyzer(() => undefined);
  const doc = TextDocument.create('file:///example.kql', 'kql', 1, EXAMPLE);
  // The document's check, as the server runs it first: it needs no grammar.
  analyzer.diagnostics(analyzer.get(EXAMPLE.split('\n\n')[0]!));
  assert.equal(deferredGrammarState(), 'deferred');
  // The state of the grammar whenever the library's completion (which runs under the time budget) starts.
  const seen: string[] = [];
  const proto = K.Editor.KustoCodeService.prototype as unknown as { GetCompletionItems: (...a: unknown[]) => unknown };
  const original = proto.GetCompletionItems;
  proto.GetCompletionItems = function (this: unknown, ...args: unknown[]) {
    seen.push(deferredGrammarState());
    return original.apply(this, args);
  };
  try {
    const gaveUp: string[] = [];
    const completion = new CompletionProvider(analyzer, new LiveValueStore(), (m) => gaveUp.push(m));
    // `| ▮where Ip != …` in the example's first query.
    const list = completion.complete(doc, doc.offsetAt({ line: 2, character: 2 }));
    assert.ok(seen.length > 0, 'the library was asked');
    assert.deepEqual([...new Set(seen)], ['built'], 'the grammar was built inside the budgeted call');
    assert.deepEqual(gaveUp, []);
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('where') && labels.includes('summarize'), labels.slice(0, 20).join(' '));
  } finally {
    proto.GetCompletionItems = original;
  }
});
