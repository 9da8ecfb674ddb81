/**
 * Limits that keep the server responsive on hostile documents. Kusto.Language's parser cannot be
 * cancelled (its cancellation token is only checked once binding starts) and its cost grows faster
 * than linearly with nesting, so blocks that would take seconds are screened out before parsing;
 * everything that is parsed runs under a deadline the binder and completer do check.
 */
import { cancellationToken } from '../kql';

// Where the library's cancellation is recognised is the kql layer's; the server's modules import it from here.
export { isCancellation } from '../kql';

/** Larger blocks are not analysed: about a second of parsing on this machine class. */
export const MAX_BLOCK_CHARS = 64 * 1024;
/** Deeper bracket nesting is not analysed: 400 levels already take seconds to parse. */
export const MAX_NESTING = 128;

export interface ScreenResult {
  readonly ok: boolean;
  /** Why the block is skipped, in words for the log and the diagnostic. */
  readonly reason?: string;
}

/**
 * Deepest nesting of (), [] and {} outside string literals and comments. Stops counting once `limit`
 * is passed, so a 1 MB line of brackets costs one scan.
 */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charCodeAt(i);
    if (ch === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (ch === 96 /* ` */ && text.startsWith('```', i)) {
      const close = text.indexOf('```', i + 3);
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (ch === 34 /* " */ || ch === 39 /* ' */) {
      const verbatim = i > 0 && text.charCodeAt(i - 1) === 64; /* @"..." doubles quotes, no escapes */
      i++;
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 10) break; // an unclosed literal ends at the line end, as the lexer does
        if (!verbatim && c === 92 /* \ */) {
          i += 2;
          continue;
        }
        if (c === ch) {
          if (verbatim && text.charCodeAt(i + 1) === ch) {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
      continue;
    }
    if (ch === 40 || ch === 91 || ch === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if ((ch === 41 || ch === 93 || ch === 125) && depth > 0) {
      depth--;
    }
    i++;
  }
  return max;
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
