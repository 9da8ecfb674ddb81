/**
 * A run's outcome that reached the results webview but failed validation: turned into an error that
 * says why, so the panel shows that instead of staying on "Running…" for an outcome that already came.
 */

import { asSentence } from '../results/sentence';
import type { QueryOrigin, ShowErrorMessage } from './messages';
import { validateHostMessage } from './validate';

/**
 * The error to show for a refused `showResult` / `showError` message, or undefined for any other
 * message. Its origin (and batch position) come from the message when they are valid, else from
 * `fallback` (the run the panel last saw start).
 */
export function unshownOutcome(
  raw: unknown,
  reason: string,
  fallback: QueryOrigin | undefined,
): ShowErrorMessage | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const m = raw as Record<string, unknown>;
  if (m.type !== 'showResult' && m.type !== 'showError') {
    return undefined;
  }
  const error = (origin: Partial<Record<keyof QueryOrigin, unknown>>, batch: unknown) =>
    validateHostMessage({
      type: 'showError',
      documentUri: origin.documentUri,
      queryText: origin.queryText,
      blockStartLine: origin.blockStartLine,
      batch,
      kind: 'backend',
      heading: 'The result could not be shown',
      message: `The results panel received the outcome of this run but could not read it: ${asSentence(reason)}`,
    });
  for (const candidate of [error(m, m.batch), error(m, undefined), fallback && error(fallback, undefined)]) {
    if (candidate?.ok) {
      return candidate.value as ShowErrorMessage;
    }
  }
  return undefined;
}
