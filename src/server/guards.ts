/**
 * Limits that keep the server responsive on hostile documents. Kusto.Language's parser cannot be
 * cancelled (its cancellation token is only checked once binding starts) and its cost grows faster
 * than linearly with nesting, so blocks that would take seconds are screened out before parsing;
 * everything that is parsed runs under a deadline the binder and completer do check.
 */
import { cancellationToken, nestingDepth } from '../kql';

// Where the library's cancellation is recognised is the kql layer's; the server's modules import it from here.
export { isCancellation, nestingDepth } from '../kql';

/** Larger blocks are not analysed: about a second of parsing on this machine class. */
export const MAX_BLOCK_CHARS = 64 * 1024;
/** Deeper bracket nesting is not analysed: 400 levels already take seconds to parse. */
export const MAX_NESTING = 128;

export interface ScreenResult {
  readonly ok: boolean;
  /** Why the block is skipped, in words for the log and the diagnostic. */
  readonly reason?: string;
}

/** Whether a block may be handed to the parser, and if not, why. */
export function screenBlock(text: string): ScreenResult {
  if (text.length > MAX_BLOCK_CHARS) {
    const kb = Math.round(text.length / 1024).toLocaleString('en-US');
    return {
      ok: false,
      reason: `the query block is ${kb} KB, over the ${MAX_BLOCK_CHARS / 1024} KB the editor analyses`,
    };
  }
  const depth = nestingDepth(text, MAX_NESTING);
  if (depth > MAX_NESTING) {
    return { ok: false, reason: `brackets nest more than ${MAX_NESTING} levels deep` };
  }
  return { ok: true };
}

/** A library cancellation token that fires `budgetMs` from now. */
export function deadlineToken(budgetMs: number): Kusto.Language.Utils.CancellationToken {
  const deadline = performance.now() + budgetMs;
  return cancellationToken(() => performance.now() > deadline);
}
