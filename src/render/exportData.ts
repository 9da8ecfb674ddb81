/**
 * CSV (RFC 4180) and JSON exports of a result table, for the results panel, the notebook outputs and
 * `kql --format csv`. CSV: a header row, CRLF line ends, a field quoted when it holds a comma, quote,
 * CR or LF or starts or ends with white space (quotes doubled), nulls empty, dynamic values as JSON, and
 * cells a spreadsheet would run as formulas neutralised (csvSafety.ts) unless the caller turns that off.
 * JSON: an array of records keyed by column name, values in the wire form.
 *
 * Both are made in pieces of EXPORT_ROWS_PER_CHUNK rows as they are taken, so a writer can stream a
 * million-row result to a file without ever holding its whole text.
 */
import type { ResultTable, WireValue } from '../results/queryResult';
import { recordJson } from '../results/wireJson';
import { cellText } from './cellText';
import { neutraliseFormula, safeCsvCellText } from './csvSafety';
import { RowOrder, type RowView } from './rowOrder';
import { rowCells } from './tableCells';

/** Rows per piece of exported text: large enough to write efficiently, small enough to cancel between. */
export const EXPORT_ROWS_PER_CHUNK = 2000;

/**
 * The table an export writes: with the grid's view (filter and sort), the rows the grid shows in its
 * order, found by the same code the grid uses; without, every row in the result's order.
 */
export function exportedTable(table: ResultTable, view: RowView | undefined): ResultTable {
  if (!view) {
    return table;
  }
  // The rows themselves in the grid's order, not copies: a sorted million-row export holds one array more.
  const order = new RowOrder(rowCells(table)).order(view.filter, view.sort);
  const rows = new Array<(typeof table.rows)[number]>(order.length);
  for (let i = 0; i < order.length; i++) {
    rows[i] = table.rows[order[i]!]!;
  }
  return { ...table, rows };
}

export interface CsvOptions {
  /** Prefix cells that start a spreadsheet formula with `'` (default true; setting kql.results.csvFormulaProtection). */
  readonly neutraliseFormulas?: boolean;
}

/** A CSV field: quoted when a reader would otherwise split it, or trim it (leading or trailing white space). */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A piece of exported text and how many of the table's rows have been written once it is. */
export interface ExportPiece {
  readonly text: string;
  readonly rowsDone: number;
}

/** The header and then each EXPORT_ROWS_PER_CHUNK rows as one piece, every line ending in `separator`. */
function* inPieces(
  table: ResultTable,
  head: string,
  line: (row: readonly WireValue[]) => string,
  separator: string,
): Generator<ExportPiece> {
  yield { text: head, rowsDone: 0 };
  for (let from = 0; from < table.rows.length; from += EXPORT_ROWS_PER_CHUNK) {
    const rows = table.rows.slice(from, from + EXPORT_ROWS_PER_CHUNK);
    yield { text: rows.map(line).join(separator) + separator, rowsDone: from + rows.length };
  }
}

/** The table as CSV, in pieces (toCsv's text when joined). */
export function csvPieces(table: ResultTable, options: CsvOptions = {}): Generator<ExportPiece> {
  const safe = options.neutraliseFormulas !== false;
  const cell = (v: WireValue, i: number) => {
    const text = cellText(v);
    return csvField(safe ? safeCsvCellText(text, v, table.columns[i]?.type ?? 'string') : text);
  };
  // A one-column row whose cell is empty is written "" rather than as a blank line, which readers skip
  // (and which separates the tables of a CSV of several, cli/formatTable.ts).
  const line = (cells: readonly string[]) => cells.join(',') || '""';
  const header = line(table.columns.map((c) => csvField(safe ? neutraliseFormula(c.name) : c.name)));
  return inPieces(table, `${header}\r\n`, (r) => line(r.map(cell)), '\r\n');
}

export function toCsv(table: ResultTable, options: CsvOptions = {}): string {
  return joined(csvPieces(table, options));
}

/**
 * The table as JSON records, in pieces (toJsonRecords's text when joined). Written field by field, so a
 * long past 2^53 keeps its digits and a column named __proto__ is a key like any other.
 */
export function* jsonRecordPieces(table: ResultTable): Generator<ExportPiece> {
  if (table.rows.length === 0) {
    yield { text: '[]\n', rowsDone: 0 };
    return;
  }
  // Records are separated by `,\n`: the last piece drops its trailing one and closes the array.
  for (const piece of inPieces(table, '[\n', (r) => recordJson(r, table.columns), ',\n')) {
    const last = piece.rowsDone === table.rows.length && piece.rowsDone > 0;
    yield last ? { text: `${piece.text.slice(0, -2)}\n]\n`, rowsDone: piece.rowsDone } : piece;
  }
}

export function toJsonRecords(table: ResultTable): string {
  return joined(jsonRecordPieces(table));
}

function joined(pieces: Iterable<ExportPiece>): string {
  let text = '';
  for (const p of pieces) {
    text += p.text;
  }
  return text;
}
