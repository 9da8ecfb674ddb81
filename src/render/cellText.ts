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
 * Unicode's bidirectional controls (embeddings, overrides, isolates, marks): inside a value they reorder
 * how it reads, so `report\u202Efdp.exe` looks like "reportexe.pdf".
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The text as the grid and its tooltip show it: each bidirectional control as a visible `[U+202E]`, so a
 * value reads in the order its characters are stored. Copies and exports keep the value as it is.
 */
export function shownText(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
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

/** A row as tab-separated text, as spreadsheets paste it. */
export function rowText(row: readonly WireValue[]): string {
  return row.map((v) => cellText(v).replace(/[\t\r\n]+/g, ' ')).join('\t');
}
