/** Results as text: an aligned table for terminals, CSV, and the REST API's JSON. */

import { csvField, csvPieces } from '../render/exportData';
import type { ResultTable, WireValue } from '../results/queryResult';
import { cutToWidth, displayWidth, padToWidth } from './displayWidth';
import { tablesJson, tablesJsonChunks } from '../results/wireJson';

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

/** A cell as one line of text: null as empty, dynamic as JSON, line breaks shown as ⏎. */
export function cellText(value: WireValue): string {
  if (value === null) {
    return '';
  }
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return s.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');
}

/** Rows formatted per piece of a result's text: a writer that stops early leaves the rest unformatted. */
export const ROWS_PER_CHUNK = 2000;

/** The lines of `items` that follow a header, ROWS_PER_CHUNK at a time, each line preceded by `separator`. */
function* linesInChunks<T>(items: readonly T[], line: (item: T) => string, separator: string): Generator<string> {
  for (let from = 0; from < items.length; from += ROWS_PER_CHUNK) {
    yield `${separator}${items
      .slice(from, from + ROWS_PER_CHUNK)
      .map(line)
      .join(separator)}`;
  }
}

/**
 * Columns aligned with a header rule; numbers right-aligned; long cells cut with … so the table fits
 * `width` characters. Columns that still do not fit (none is cut below 12 characters) are left out and
 * counted in `hiddenColumns`, so the caller can say so.
 */
export function formatTable(table: ResultTable, width = 160): { text: string; hiddenColumns: number } {
  const { chunks, hiddenColumns } = formatTableChunks(table, width);
  return { text: [...chunks].join(''), hiddenColumns };
}

/** formatTable's text in pieces of ROWS_PER_CHUNK rows, made as they are taken. */
export function formatTableChunks(
  table: ResultTable,
  width = 160,
): { chunks: Generator<string>; hiddenColumns: number } {
  const texts = table.rows.map((r) => r.map(cellText));
  // Widths in terminal columns (a CJK character takes two), not UTF-16 code units.
  const natural = table.columns.map((c) => displayWidth(c.name));
  for (const r of texts) {
    r.forEach((t, j) => {
      natural[j] = Math.max(natural[j]!, Math.min(60, displayWidth(t)));
    });
  }
  const minWidth = 12;
  const fitted = (n: number) => natural.slice(0, n).map((w) => Math.min(w, Math.max(minWidth, w)));
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0) + 2 * Math.max(0, ws.length - 1);
  const floor = (ws: number[]) => total(ws.map((w) => Math.min(w, minWidth)));
  let shown = table.columns.length;
  while (shown > 1 && floor(fitted(shown)) > width) {
    shown--;
  }
  const widths = fitted(shown);
  while (total(widths) > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= minWidth) {
      break;
    }
    widths[widest]!--;
  }
  const line = (cells: string[]) =>
    widths
      .map((w, j) => {
        return padToWidth(cutToWidth(cells[j]!, w), w, NUMERIC.has(table.columns[j]!.type) ? 'start' : 'end');
      })
      .join('  ')
      .trimEnd();
  const head = [line(table.columns.map((c) => c.name)), widths.map((w) => '-'.repeat(w)).join('  ')].join('\n');
  return {
    chunks: (function* () {
      yield head;
      yield* linesInChunks(texts, line, '\n');
    })(),
    hiddenColumns: table.columns.length - shown,
  };
}

/**
 * RFC 4180 CSV with a header row, as Log Analytics exports it; cells a spreadsheet would run as a
 * formula get a leading `'` unless `neutraliseFormulas` is false (--csv-raw).
 */
export function formatCsv(table: ResultTable, neutraliseFormulas = true): string {
  return [...formatCsvChunks(table, neutraliseFormulas)].join('');
}

/**
 * formatCsv's text in pieces of EXPORT_ROWS_PER_CHUNK rows, made as they are taken: the panel's CSV
 * without the line end after the last record (the command ends its output with one, and separates the
 * tables of a result with a blank line).
 */
function* formatCsvChunks(table: ResultTable, neutraliseFormulas: boolean): Generator<string> {
  let held: string | undefined;
  for (const piece of csvPieces(table, { neutraliseFormulas })) {
    if (held !== undefined) yield held;
    held = piece.text;
  }
  yield held!.slice(0, -2);
}

/**
 * A result's tables as CSV. One table is plain CSV. Several (fork, facet, a batch of statements) are
 * written one after another, each headed by a line holding its name in brackets (`[Destinations]`, as
 * the table format heads them) and separated by an empty line, which no table holds: a reader splits
 * the records at each empty one and takes the next as the table's name.
 */
export function formatCsvTables(tables: readonly ResultTable[], neutraliseFormulas = true, query?: string): string {
  return [...formatCsvTablesChunks(tables, neutraliseFormulas, query)].join('');
}

/** formatCsvTables's text in pieces of ROWS_PER_CHUNK rows, made as they are taken. */
export function* formatCsvTablesChunks(
  tables: readonly ResultTable[],
  neutraliseFormulas = true,
  query?: string,
): Generator<string> {
  if (tables.length === 1 && query === undefined) {
    yield* formatCsvChunks(tables[0]!, neutraliseFormulas);
    return;
  }
  // Several queries (kql -f) head each table with its query's place too, so their CSVs still split apart.
  const label = (t: ResultTable) =>
    query === undefined ? t.name : tables.length === 1 ? query : `${query}: ${t.name}`;
  for (const [i, t] of tables.entries()) {
    yield `${i > 0 ? '\r\n\r\n' : ''}${csvField(`[${label(t)}]`)}\r\n`;
    yield* formatCsvChunks(t, neutraliseFormulas);
  }
}

/** The Log Analytics REST API's response body. */
export function formatJson(tables: readonly ResultTable[]): string {
  return tablesJson(tables);
}

/** formatJson's text in pieces of ROWS_PER_CHUNK rows, made as they are taken. */
export function formatJsonChunks(tables: readonly ResultTable[]): Generator<string> {
  return tablesJsonChunks(tables, ROWS_PER_CHUNK);
}
