/**
 * Runs each code path once on a typical query right after the library loads: Bridge.NET's compiled
 * code is several times slower on its first pass, and the user's first completion should not pay that.
 * Completion also needs the library's combinator grammar, which the server defers (src/kql/deferredGrammar.ts):
 * built here, after the first document's diagnostics, rather than before them.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildDeferredGrammar } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import type { CompletionProvider } from './completion';
import { hoverMarkdown } from './hover';

const WARM_UP_QUERY = [
  'VMConnection',
  '| where TimeGenerated > ago(1h) and Computer == "x"',
  '| summarize sum(BytesSent), count() by bin(TimeGenerated, 5m), Computer',
  '| where ',
].join('\n');

export interface WarmUpTimes {
  /** Milliseconds of all the steps. */
  readonly spentMs: number;
  /** Of which building the deferred grammar (0 when it was already built or never deferred). */
  readonly grammarMs: number;
}

/**
 * Each step runs in its own turn of the event loop, so a request that arrives meanwhile waits for one
 * step, not for all of them (building the grammar is one step: the library builds it in one call).
 * Without `completion`, only the paths a document's check uses (diagnostics, hover, classification): the
 * start-up snapshot's build, which leaves the grammar deferred to keep the blob small.
 */
export async function warmUp(analyzer: BlockAnalyzer, completion?: CompletionProvider): Promise<WarmUpTimes> {
  const doc = TextDocument.create('warmup:///query.kql', 'kql', 0, WARM_UP_QUERY);
  const block = analyzer.get(WARM_UP_QUERY);
  let grammarMs = 0;
  const steps = [
    () => analyzer.diagnostics(block),
    () => hoverMarkdown(block, WARM_UP_QUERY.indexOf('Computer')),
    () => block.service?.GetClassifications(0, WARM_UP_QUERY.length),
    ...(completion
      ? [
          () => {
            const started = performance.now();
            if (buildDeferredGrammar()) grammarMs = performance.now() - started;
          },
          () => completion.complete(doc, WARM_UP_QUERY.length),
          () => completion.complete(doc, WARM_UP_QUERY.indexOf('| summarize') + 2),
        ]
      : []),
  ];
  let spent = 0;
  for (const step of steps) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    step();
    spent += performance.now() - started;
  }
  if (!completion) return { spentMs: spent, grammarMs };
  completion.stats.hits = 0;
  completion.stats.misses = 0;
  completion.stats.piped = 0;
  completion.stats.statement = 0;
  return { spentMs: spent, grammarMs };
}
