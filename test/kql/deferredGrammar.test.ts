// Node's test runner runs each file in its own process: here the library starts fresh, no grammar built.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { runLocalQuery } from '../../src/backends/local/runQuery';
import { sampleDatabase } from '../../src/data/sample';
import { deferQueryGrammar, deferredGrammarState, globalsFor, items, kusto } from '../../src/kql';
import { FINGERPRINT_NOW, fingerprint } from './grammarFingerprint';

const QUERIES = [
  'VMBoundPort | distinct Computer, Port, ProcessName',
  'VMConnection | where TimeGenerated > ago(1h) | summarize sum(BytesSent) by bin(TimeGenerated, 5m), Computer | top 3 by sum_BytesSent',
  'VMComputer | join kind=leftouter (VMProcess | project Computer, ExecutableName) on Computer | take 2',
  'VMBoundPort | where Nope > 1',
  'VMBoundPort | summarize by',
  'let x = 3; range i from 1 to x step 1 | extend s = strcat("a", i) | mv-expand d = pack_array(1, 2)',
  'VMBoundPort | summarize hint.strategy = shuffle count() by Computer',
  'datatable(a:int)[1, 2] | where a has',
  '.show tables',
];

const COMPLETE_AT = 'VMBoundPort | ';
/** Parsed before the grammar exists: its code holds the stand-in's forwarder, which completion reads later. */
let early: Kusto.Language.KustoCode | undefined;

test("the engine's first query does not build the library's grammar", () => {
  const db = sampleDatabase({ now: new Date(FINGERPRINT_NOW) });
  const result = runLocalQuery(db, QUERIES[0]!, { nowMs: Date.parse(FINGERPRINT_NOW) });
  assert.ok(result.tables[0]!.rows.length > 0);
  assert.equal(deferredGrammarState(), 'deferred', 'the grammar was built for a query the engine ran');
  assert.equal(deferQueryGrammar(), false, 'installed once per process');
  early = kusto().KustoCode.ParseAndAnalyze(COMPLETE_AT, globalsFor())!;
  assert.equal(deferredGrammarState(), 'deferred');
});

test('with the grammar deferred, diagnostics, trees and results are those of the library building it first', () => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'grammarFingerprint.ts'), JSON.stringify(QUERIES)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(child.status, 0, child.stderr.slice(-2000));
  assert.deepEqual(fingerprint(QUERIES), JSON.parse(child.stdout));
  // The command needed the grammar: the stand-in built it then, and handed it over.
  assert.equal(deferredGrammarState(), 'built');
});

test('completion on a query parsed before the grammar was built gets the real grammar', () => {
  const K = kusto();
  const info = new K.Editor.KustoCodeService.ctor(early!).GetCompletionItems(
    COMPLETE_AT.length,
    K.Editor.CompletionOptions.Default,
  )!;
  const labels = [...items(info.Items)].map((i) => i.DisplayText);
  assert.ok(labels.includes('where'), labels.slice(0, 20).join(' '));
});
