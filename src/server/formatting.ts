/**
 * Format Document through the library's formatter, block by block: one edit per block it changes,
 * blocks that were not analysed left alone. Like semantic tokens it works in slices (cooperative.ts):
 * other requests are answered between blocks, a cancelled request stops, and past the time budget the
 * blocks formatted so far are returned and the rest left as they are (the log says how many).
 */
import type { FormattingOptions, TextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kusto } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { type Cancellable, CooperativeRun } from './cooperative';
import { blocksOf } from './documentBlocks';

export const FORMAT_BUDGET_MS = 10_000;
const BLOCK_BUDGET_MS = 3_000;

export interface FormatRun {
  readonly token?: Cancellable;
  readonly budgetMs?: number;
  readonly log?: (message: string) => void;
}

/** The edits, or undefined when the client cancelled the request. */
export async function formatDocument(
  doc: TextDocument,
  analyzer: BlockAnalyzer,
  options: FormattingOptions,
  run: FormatRun = {},
): Promise<TextEdit[] | undefined> {
  const K = kusto();
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  // Each pipe operator on its own line, the layout of every sample query.
  const formatting = K.Editor.FormattingOptions.Default!.WithIndentationSize(
    options.tabSize > 0 ? options.tabSize : 4,
  )!.WithPipeOperatorStyle(K.Editor.PlacementStyle.NewLine);
  const work = new CooperativeRun(run.token, run.budgetMs ?? FORMAT_BUDGET_MS);
  const edits: TextEdit[] = [];
  const blocks = blocksOf(doc);
  for (const [i, b] of blocks.entries()) {
    const step = await work.checkpoint(!analyzer.has(b.text));
    if (step === 'cancelled') return undefined;
    if (step === 'budget') {
      run.log?.(
        `Formatting stopped after ${Math.round(work.elapsedMs)} ms: ${i} of ${blocks.length} queries formatted, the rest left as they are.`,
      );
      break;
    }
    const { service, graphErrors } = analyzer.get(b.text);
    // With graph operators blanked (blockAnalysis.ts), the service's text is not the block's: formatting it would drop them.
    if (!service || graphErrors) continue;
    let formatted: string | null | undefined;
    try {
      formatted = service.GetFormattedText(formatting, 0, work.libraryToken(BLOCK_BUDGET_MS))?.Text;
    } catch (e) {
      if (work.cancelled) return undefined;
      run.log?.(
        `Formatting the query at line ${b.startLine + 1} failed: ${e instanceof Error ? e.message : String(e)}`,
      );
      continue;
    }
    if (formatted == null) continue;
    const text = formatted.replace(/\r\n|\r|\n/g, eol).replace(/\s+$/, '');
    if (text !== b.text) {
      edits.push({ range: { start: doc.positionAt(b.start), end: doc.positionAt(b.end) }, newText: text });
    }
  }
  return edits;
}
