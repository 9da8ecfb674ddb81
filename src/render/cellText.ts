/**
 * How a result value reads in the grid, in copied text and in CSV: always plain text, never markup.
 * Dynamic values are JSON; nulls are empty.
 */
import type { WireValue } from '../results/queryResult';

export function cellText(v: WireValue | undefined): string {
  if (v === null || v === undefined) {
    return '';
  }
  if (typeof v === 'object') {
    return JSON.stringify(v);
  }
  return String(v);
}

/**
 * Characters that change how a value reads without showing themselves, each shown as its code point:
 * - Unicode's bidirectional controls (embeddings, overrides, isolates, marks): inside a value they reorder
 *   how it reads, so `report\u202Efdp.exe` looks like "reportexe.pdf";
 * - the invisible separators (zero-width space, word joiner, zero-width no-break space): `admin\u200B`
 *   looks like `admin` but is not equal to it. Zero-width joiner and non-joiner stay: emoji sequences and
 *   Persian or Indic text need them to render;
 * - a lone surrogate (half of a UTF-16 pair): a browser draws it as U+FFFD, which hides which half it was;
 * - control characters (C0 but tab and line feed, DEL, C1): Chromium draws NUL, BEL or ESC as nothing or
 *   a box, and a carriage return as a space, so `ok\r` read as `ok`. A CR before a line feed stays (a
 *   Windows line break).
 */
const HIDDEN_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)|[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text as the grid, its tooltip and the expanded value show it: each hidden character (above) as a
 * visible `[U+202E]`, so a value reads in the order its characters are stored. Copies and exports keep
 * the value as it is.
 */
export function shownText(text: string): string {
  return text.replace(HIDDEN_CHARACTERS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** Pretty JSON for the "expand dynamic value" view; a string holding JSON is parsed first. */
export function expandedText(v: WireValue | undefined): string {
  if (typeof v === 'string') {
    const t = v.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return JSON.stringify(JSON.parse(t), null, 2);
      } catch {
        return v;
      }
    }
    return v;
  }
  return v === undefined ? '' : JSON.stringify(v, null, 2);
}

/**
 * The expand view shows at most this many characters of a value: Chromium took over 30 s to lay out a
 * 5 MB value, the panel frozen meanwhile. Copy cell still copies the whole value.
 */
export const MAX_EXPANDED_CHARS = 100_000;

/** The first `max` UTF-16 units of `text`, one fewer when the cut would split a surrogate pair. */
export function leadingChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}
