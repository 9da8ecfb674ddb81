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
