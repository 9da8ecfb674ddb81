/**
 * Runs each code path once on a typical query right after the library loads: Bridge.NET's compiled
 * code is several times slower on its first pass, and the user's first completion should not pay that.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { BlockAnalyzer } from './blockAnalysis';
import type { CompletionProvider } from './completion';
import { hoverMarkdown } from './hover';

const WARM_UP_QUERY = [
  'VMConnection',
  '| where TimeGenerated > ago(1h) and Computer == "x"',
  '| summarize sum(BytesSent), count() by bin(TimeGenerated, 5m), Computer',
  '| where ',
].join('\n');

/**
 * Each step runs in its own turn of the event loop, so a request that arrives meanwhile waits for one
 * step, not for all of them. Resolves with the milliseconds spent.
 */
export async function warmUp(analyzer: BlockAnalyzer, completion: CompletionProvider): Promise<number> {
  const doc = TextDocument.create('warmup:///query.kql', 'kql', 0, WARM_UP_QUERY);
  const block = analyzer.get(WARM_UP_QUERY);
  const steps = [
    () => analyzer.diagnostics(block),
    () => hoverMarkdown(block, WARM_UP_QUERY.indexOf('Computer')),
    () => block.service?.GetClassifications(0, WARM_UP_QUERY.length),
    () => completion.complete(doc, WARM_UP_QUERY.length),
    () => completion.complete(doc, WARM_UP_QUERY.indexOf('| summarize') + 2),
  ];
  let spent = 0;
  for (const step of steps) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    step();
    spent += performance.now() - started;
  }
  completion.stats.hits = 0;
  completion.stats.misses = 0;
  completion.stats.piped = 0;
  completion.stats.statement = 0;
  return spent;
}
