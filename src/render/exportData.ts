/**
 * CSV (RFC 4180) and JSON exports of a result table. CSV: a header row, CRLF line ends, a field quoted
 * when it holds a comma, quote, CR or LF (quotes doubled), nulls empty, dynamic values as JSON, and
 * cells a spreadsheet would run as formulas neutralised (csvSafety.ts) unless the caller turns that off.
 * JSON: an array of records keyed by column name, values in the wire form.
 */
import type { ResultTable } from '../results/queryResult';
import { recordsJson } from '../results/wireJson';
import { cellText } from './cellText';
import { neutraliseFormula, safeCsvCellText } from './csvSafety';
import { RowOrder, type RowView } from './rowOrder';
import { rowCells, tableOf } from './tableCells';

/**
 * The table an export writes: with the grid's view (filter and sort), the rows the grid shows in its
 * order, found by the same code the grid uses; without, every row in the result's order.
 */
export function exportedTable(table: ResultTable, view: RowView | undefined): ResultTable {
  if (!view) {
    return table;
  }
  const cells = rowCells(table);
  return tableOf(table.name, cells, new RowOrder(cells).order(view.filter, view.sort));
}

export interface CsvOptions {
  /** Prefix cells that start a spreadsheet formula with `'` (default true; setting kql.results.csvFormulaProtection). */
  readonly neutraliseFormulas?: boolean;
}

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ResultTable, options: CsvOptions = {}): string {
  const safe = options.neutraliseFormulas !== false;
  const header = table.columns.map((c) => csvField(safe ? neutraliseFormula(c.name) : c.name));
  const lines: string[] = [header.join(',')];
  for (const row of table.rows) {
    lines.push(
      row
        .map((v, i) => {
          const text = cellText(v);
          return csvField(safe ? safeCsvCellText(text, v, table.columns[i]?.type ?? 'string') : text);
        })
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export function toJsonRecords(table: ResultTable): string {
  // Written field by field, so a long past 2^53 keeps its digits and a column named __proto__ is a key like any other.
  return recordsJson(table) + '\n';
}
