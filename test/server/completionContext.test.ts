import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { globalsFor, items, kusto } from '../../src/kql';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import { BlockAnalyzer } from '../../src/server/blockAnalysis';
import { CompletionProvider, completionContextStart } from '../../src/server/completion';
import { installCompletionMemo } from '../../src/server/completionMemo';
import { LiveValueStore } from '../../src/server/liveValues';

/** Queries with every punctuation the cache treats as space-neutral, followed by spaces. */
const EXTRA = [
  'VMConnection | where BytesSent > 1 and BytesReceived < 2 | extend x = BytesSent * 2 + 1 / 3 - 4',
  'VMConnection | extend d = dynamic([1, 2]) | extend e = d[ 0 ] | project-away d',
  'let a = 1; let b = 2; print c = a + b',
  'datatable(a: int, b: string) [1, "x"] | extend c = strlen( b ) | render columnchart with ( title = "t" )',
  'VMConnection | join kind = inner ( VMBoundPort ) on $left.Machine == $right.Machine | where Port >= 80 and Port <= 443',
  'range x from 1 to 10 step 1 | extend y = iff( x > 5 , "big" , "small" ) | summarize count() by y',
];

/** What a completion list says, as comparable text: the items and the edit range relative to the cursor. */
function libraryItems(text: string, position: number): string {
  const K = kusto();
  const info = new K.Editor.KustoCodeService.$ctor1(text, globalsFor()).GetCompletionItems(position)!;
  const list = [...items(info.Items)].map((i) =>
    [i.Kind, i.DisplayText, i.BeforeText, i.AfterText, i.OrderText, i.Retrigger].join('\u0001'),
  );
  return `${info.EditStart - position}+${info.EditLength}:${list.join('\u0002')}`;
}

describe('completion cache context', () => {
  test("spaces after punctuation at the end of a block do not change the library's completion", () => {
    installCompletionMemo();
    const seen = new Map<string, number>();
    // Positions after `<punctuation><spaces>`, with the text typed up to them: every one in EXTRA, every
    // third in the sample queries (KQL_THOROUGH=1: every one, about 500 in all).
    const stride = process.env.KQL_THOROUGH ? 1 : 3;
    const cases = [
      ...SAMPLE_QUERIES.map((q) => ({ query: sampleQueryText(q), stride })),
      ...EXTRA.map((query) => ({ query, stride: 1 })),
    ];
    let n = 0;
    for (const { query, stride: every } of cases) {
      for (let p = 1; p <= query.length; p++) {
        const text = query.slice(0, p);
        const q = completionContextStart(text, p);
        if (q === p || n++ % every !== 0) continue;
        const punctuation = text[q - 1]!;
        seen.set(punctuation, (seen.get(punctuation) ?? 0) + 1);
        assert.equal(
          libraryItems(text, p),
          libraryItems(text.slice(0, q), q),
          `at the end of ${JSON.stringify(text.slice(-60))}`,
        );
      }
    }
    for (const ch of ['|', '=', ',', '(', ')', '[', ';', ':', '>', '<', '*', '+', '/']) {
      assert.ok(seen.has(ch), `positions after "${ch} " were compared`);
    }
  });

  test('keys only trailing spaces after punctuation, never a word or a line break', () => {
    assert.equal(completionContextStart('T | where a ==  ', 16), 14);
    assert.equal(completionContextStart('T | where a ', 12), 12, 'after a word the space starts a new context');
    assert.equal(completionContextStart('T |\n', 4), 4, 'a line break is not a space');
    assert.equal(completionContextStart('T | where a == "x" ', 19), 19, 'after a string literal');
  });

  test("the space after a comma is answered from the comma's entry, with the edit range at the cursor", () => {
    installCompletionMemo();
    const provider = new CompletionProvider(new BlockAnalyzer(() => {}), new LiveValueStore(), () => {});
    const typed = 'VMConnection\n| summarize count() by Computer,';
    const first = provider.complete(TextDocument.create('file:///a.kql', 'kql', 1, typed), typed.length);
    const misses = provider.stats.misses;
    const spaced = `${typed} `;
    const second = provider.complete(TextDocument.create('file:///a.kql', 'kql', 2, spaced), spaced.length);
    assert.equal(provider.stats.misses, misses, 'no new analysis');
    assert.deepEqual(second.items, first.items);
    const at = { line: 1, character: spaced.length - spaced.indexOf('\n') - 1 };
    assert.deepEqual(second.itemDefaults?.editRange, { start: at, end: at });
    // Text after the cursor: the key is exact, so the library answers.
    const inside = `${spaced}\n| take 1`;
    provider.complete(TextDocument.create('file:///a.kql', 'kql', 3, inside), spaced.length);
    assert.equal(provider.stats.misses, misses + 1);
  });

  test('a segment after an input of the same schema is answered once, in any query; another schema is not', () => {
    installCompletionMemo();
    const provider = new CompletionProvider(new BlockAnalyzer(() => {}), new LiveValueStore(), () => {});
    const whole = new CompletionProvider(new BlockAnalyzer(() => {}), new LiveValueStore(), () => {}, 5000, false);
    let version = 0;
    const complete = (p: CompletionProvider, text: string) =>
      p.complete(TextDocument.create('file:///s.kql', 'kql', ++version, text), text.length);
    const labels = (text: string) => complete(provider, text).items.map((i) => i.label);
    const first = labels('VMConnection\n| where Direction == "outbound"\n| project Computer, BytesSent\n| where ');
    assert.equal(provider.stats.shared, 0);
    const second = 'VMConnection\n| where BytesSent > 0\n| project Computer, BytesSent\n| where ';
    assert.deepEqual(labels(second), first);
    assert.equal(provider.stats.shared, 1, "the second query's segment was answered from the first's");
    assert.deepEqual(
      labels(second),
      complete(whole, second).items.map((i) => i.label),
      'and it is what the whole block gives',
    );
    const other = labels('VMConnection\n| project Machine, BytesSent\n| where ');
    assert.equal(provider.stats.shared, 1, 'a different input schema is analysed');
    assert.ok(other.includes('Machine') && !other.includes('Computer') && first.includes('Computer'));
  });

  test('no completion inside a comment, even at the end of a comment line', () => {
    const provider = new CompletionProvider(new BlockAnalyzer(() => {}), new LiveValueStore(), () => {});
    const text = 'VMConnection\n// the machines we ';
    const list = provider.complete(TextDocument.create('file:///c.kql', 'kql', 1, text), text.length);
    assert.deepEqual(list.items, []);
    assert.equal(provider.stats.misses, 0, 'the library was not asked');
    const before = 'VMConnection\n';
    assert.ok(
      provider.complete(TextDocument.create('file:///c.kql', 'kql', 2, `${before}// x`), before.length).items.length >
        0,
      'right before the comment completes',
    );
  });
});
