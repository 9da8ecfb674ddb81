/**
 * Where a KQL string literal ends, found without the parser: for the scans that run before it or beside
 * it (the text screen's bracket depth, the language server's statement split, a notebook's statements, a
 * functions file's brackets), which must skip a `(`, `|` or `;` inside a string exactly as the lexer does.
 *
 * The reference's rules: `"…"` and `'…'` escape with a backslash; a verbatim literal (`@"…"`) has no
 * escapes and doubles its quote instead; neither may hold a line break (not even escaped), so an unclosed one ends at the
 * line's end (Kusto.Language reports "Missing: \"" there and lexes the next line as code); a multi-line
 * literal is fenced by three backticks. An `h` before the quote (an obfuscated literal) changes nothing.
 */

export interface LiteralSpan {
  /** Offset just past the literal: past its closing quote, or where an unclosed one stops. */
  readonly end: number;
  /** Whether its closing quote (or fence) was found. */
  readonly closed: boolean;
}

/** The string literal whose opening quote or fence is at `start`, or undefined when none opens there. */
export function stringLiteralAt(text: string, start: number): LiteralSpan | undefined {
  const ch = text.charCodeAt(start);
  if (ch === 96 /* ` */) {
    if (!text.startsWith('```', start)) {
      return undefined;
    }
    const close = text.indexOf('```', start + 3);
    return close < 0 ? { end: text.length, closed: false } : { end: close + 3, closed: true };
  }
  if (ch !== 34 /* " */ && ch !== 39 /* ' */) {
    return undefined;
  }
  const verbatim = start > 0 && text.charCodeAt(start - 1) === 64; /* @ */
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!verbatim && c === 92 /* \ */ && text.charCodeAt(i + 1) !== 10) {
      i += 2;
      continue;
    }
    if (c === ch) {
      if (verbatim && text.charCodeAt(i + 1) === ch) {
        i += 2;
        continue;
      }
      return { end: i + 1, closed: true };
    }
    if (c === 10 /* \n */) {
      return { end: i, closed: false };
    }
    i++;
  }
  return { end: text.length, closed: false };
}
