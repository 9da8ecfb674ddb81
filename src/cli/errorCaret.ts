/**
 * The query line a KQL error is on, with carets under the part it is about, as `kql` prints it below
 * the error's line:column:
 *
 *     print x = 1 | where x >
 *                            ^
 */
import type { Range } from '../kql';

/** Characters of a long line shown around the error (a one-line query can be thousands long). */
const WINDOW = 100;

export function errorCaret(query: string, range: Range): string | undefined {
  const line = query.split(/\r?\n/)[range.start.line];
  if (line === undefined || line.trim() === '') {
    return undefined;
  }
  const at = Math.min(range.start.character, line.length);
  const end = range.end.line === range.start.line ? Math.min(range.end.character, line.length) : line.length;
  const from = line.length > WINDOW && at > WINDOW / 2 ? at - WINDOW / 2 : 0;
  const shown = line.slice(from, from + WINDOW);
  const lead = from > 0 ? '…' : '';
  // Tabs stay tabs under the line, so the caret sits under its character however the terminal draws them.
  const pad = [...lead, ...shown.slice(0, at - from)].map((c) => (c === '\t' ? '\t' : ' ')).join('');
  const carets = '^'.repeat(Math.max(1, Math.min(end, from + WINDOW) - at));
  return `  ${lead}${shown}${from + WINDOW < line.length ? '…' : ''}\n  ${pad}${carets}`;
}
