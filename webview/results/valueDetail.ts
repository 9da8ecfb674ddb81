/**
 * What the value detail shows for a cell (Enter or a double-click): its title, and the value as the cell
 * shows it (hidden characters as code points), only its start when it is long; Copy cell still copies
 * the whole value (test/webview/valueDetail.test.ts).
 */
import { expandedText, leadingChars, MAX_EXPANDED_CHARS, shownText } from '../../src/render/cellText';
import type { TableCells } from '../../src/render/tableCells';

export interface ValueDetail {
  readonly title: string;
  readonly text: string;
}

/** The detail of the table's row `source`, column `col`, shown as the grid's row `row` (0-based). */
export function valueDetail(table: TableCells, source: number, col: number, row: number): ValueDetail | undefined {
  const column = table.columns[col];
  if (!column) {
    return undefined;
  }
  const text = expandedText(table.value(source, col));
  const cut =
    text.length > MAX_EXPANDED_CHARS
      ? ` — its first ${MAX_EXPANDED_CHARS.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters (Copy cell copies them all)`
      : '';
  return {
    title: `${shownText(column.name)} (${column.type}), row ${row + 1}${cut}`,
    text: shownText(leadingChars(text, MAX_EXPANDED_CHARS)),
  };
}
