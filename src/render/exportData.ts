/**
 * CSV (RFC 4180) and JSON exports of a result table. CSV: a header row, CRLF line ends, a field quoted
 * when it holds a comma, quote, CR or LF (quotes doubled), nulls empty, dynamic values as JSON.
 * JSON: an array of records keyed by column name, values in the wire form.
 */
import type { ResultTable, WireValue } from '../results/queryResult';
import { cellText } from './cellText';
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

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: ResultTable): string {
  const lines: string[] = [table.columns.map((c) => csvField(c.name)).join(',')];
  for (const row of table.rows) {
    lines.push(row.map((v) => csvField(cellText(v))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export function toJsonRecords(table: ResultTable): string {
  const records = table.rows.map((row) => {
    const rec: Record<string, WireValue> = {};
    table.columns.forEach((c, i) => {
      rec[c.name] = row[i] ?? null;
    });
    return rec;
  });
  return JSON.stringify(records, null, 2) + '\n';
}
