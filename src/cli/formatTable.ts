/** Results as text: an aligned table for terminals, CSV, and the REST API's JSON. */
import type { ResultTable, WireValue } from '../backends/queryBackend';

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

/** A cell as one line of text: null as empty, dynamic as JSON, line breaks shown as ⏎. */
export function cellText(value: WireValue): string {
  if (value === null) {
    return '';
  }
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
}

function truncate(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Columns aligned with a header rule; numbers right-aligned; cells cut with … so that the table fits
 * `width` characters where it can (no column narrower than 8).
 */
export function formatTable(table: ResultTable, width = 160): string {
  const texts = table.rows.map((r) => r.map(cellText));
  const widths = table.columns.map((c) => c.name.length);
  for (const r of texts) {
    r.forEach((t, j) => {
      widths[j] = Math.max(widths[j]!, Math.min(60, t.length));
    });
  }
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * Math.max(0, widths.length - 1);
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 8) {
      break;
    }
    widths[widest]!--;
  }
  const line = (cells: string[]) =>
    cells
      .map((c, j) => {
        const t = truncate(c, widths[j]!);
        return NUMERIC.has(table.columns[j]!.type) ? t.padStart(widths[j]!) : t.padEnd(widths[j]!);
      })
      .join('  ')
      .trimEnd();
  const out = [line(table.columns.map((c) => c.name)), widths.map((w) => '-'.repeat(w)).join('  '), ...texts.map(line)];
  return out.join('\n');
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row, as Log Analytics exports it. */
export function formatCsv(table: ResultTable): string {
  const value = (v: WireValue) => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const lines = [table.columns.map((c) => csvField(c.name)), ...table.rows.map((r) => r.map((v) => csvField(value(v))))];
  return lines.map((l) => l.join(',')).join('\r\n');
}

/** The Log Analytics REST API's response body. */
export function formatJson(tables: readonly ResultTable[]): string {
  return JSON.stringify({ tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: t.rows })) });
}
