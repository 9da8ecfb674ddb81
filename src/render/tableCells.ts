/**
 * Read access to a result table's cells, whatever form it travels in: the rows the backends produce
 * (host) or the columns the results webview receives (src/protocol/columnar.ts). The grid, its row
 * order and the exports all read through this, so what is shown and what is exported agree.
 */
import type { ResultColumn, ResultTable, WireValue } from '../results/queryResult';
import { cellText } from './cellText';

export interface TableCells {
  readonly columns: readonly ResultColumn[];
  readonly rowCount: number;
  /** The cell as the grid, the clipboard and CSV show it. */
  text(row: number, col: number): string;
  /** The cell in the wire form (numbers, strings, JSON values, null). */
  value(row: number, col: number): WireValue;
  /** A number for sorting a numeric column (NaN when it is not one), when the form holds numbers natively. */
  number?(row: number, col: number): number;
}

/** Cells of a row-form table. */
export function rowCells(table: ResultTable): TableCells {
  return {
    columns: table.columns,
    rowCount: table.rows.length,
    text: (r, c) => cellText(table.rows[r]?.[c]),
    value: (r, c) => table.rows[r]?.[c] ?? null,
  };
}

/** The rows at `order` as a row-form table (for exports and charts). */
export function tableOf(name: string, cells: TableCells, order?: readonly number[]): ResultTable {
  const n = order ? order.length : cells.rowCount;
  const rows: WireValue[][] = new Array(n);
  const width = cells.columns.length;
  for (let i = 0; i < n; i++) {
    const r = order ? order[i]! : i;
    const row: WireValue[] = new Array(width);
    for (let c = 0; c < width; c++) {
      row[c] = cells.value(r, c);
    }
    rows[i] = row;
  }
  return { name, columns: cells.columns, rows };
}
