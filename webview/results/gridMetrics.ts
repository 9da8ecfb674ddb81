/**
 * The grid's row height, text line height and column widths per character, from the editor font size
 * the cells are drawn in (`editor.fontSize`, which VS Code gives webviews as --vscode-editor-font-size).
 * The grid scrolls by row arithmetic, not by measuring rows, so these must match what CSS draws: at
 * the default 14 px they are the 22 px rows and 18 px lines the grid always had; a larger editor font
 * gets taller rows and wider columns instead of clipped text.
 */

import type { TableCells } from '../../src/render/tableCells';

export interface GridMetrics {
  /** A row's height in CSS pixels: the line and the cell's 2 px padding above and below. */
  readonly rowHeight: number;
  readonly lineHeight: number;
  /** About one character's advance in the monospace editor font. */
  readonly charWidth: number;
}

/** VS Code's default editor.fontSize on Windows and Linux. */
export const DEFAULT_EDITOR_FONT_PX = 14;
const MIN_LINE_PX = 18;
const LINE_PER_FONT_PX = 1.28;
/** A monospace font's advance is about 0.586 em (8.2 px at 14 px). */
const CHAR_PER_FONT_PX = 8.2 / 14;
const CELL_PADDING_PX = 2;

/** Metrics for a CSS font size such as "14px"; the default's when it is not a pixel size. */
export function gridMetrics(fontSize: string): GridMetrics {
  const parsed = /^\s*(\d+(?:\.\d+)?)px\s*$/.exec(fontSize);
  const px = parsed ? Number(parsed[1]) : DEFAULT_EDITOR_FONT_PX;
  const font = px > 0 ? px : DEFAULT_EDITOR_FONT_PX;
  const lineHeight = Math.max(MIN_LINE_PX, Math.ceil(font * LINE_PER_FONT_PX));
  return {
    rowHeight: lineHeight + 2 * CELL_PADDING_PX,
    lineHeight,
    charWidth: Math.round(font * CHAR_PER_FONT_PX * 100) / 100,
  };
}

/** Rows read from the top, and rows read at even steps through the rest (the last included). */
const HEAD_ROWS = 200;
const SPREAD_ROWS = 800;
/** Cells read at most past the first rows' (a 1,000-column result reads fewer rows further down). */
const SPREAD_CELLS = 100_000;

/**
 * The rows a column's width is read from: the first 200, then 800 (fewer for a very wide result) spread evenly to the last row. The
 * first 200 alone made a column of numbers that grow down the table (ids, byte counts, a sorted
 * result's tail) too narrow for its later values, cut to "130963…" with an ellipsis.
 */
export function widthSampleRows(rowCount: number, columns = 1): number[] {
  const spread = Math.min(SPREAD_ROWS, Math.floor(SPREAD_CELLS / Math.max(1, columns)));
  const rows: number[] = [];
  const head = Math.min(HEAD_ROWS, rowCount);
  for (let r = 0; r < head; r++) rows.push(r);
  const rest = rowCount - head;
  if (rest <= spread) {
    for (let r = head; r < rowCount; r++) rows.push(r);
  } else {
    for (let i = 1; i <= spread; i++) rows.push(head - 1 + Math.round((i * rest) / spread));
  }
  return rows;
}

/**
 * The grid's CSS column template: each column as wide as its header (name and type) or the longest text
 * of its sampled rows (widthSampleRows), within 60–480 px, so columns fit without measuring the DOM.
 */
export function columnTemplate(table: TableCells, metrics: GridMetrics): string {
  const sample = widthSampleRows(table.rowCount, table.columns.length);
  return table.columns
    .map((c, i) => {
      // The header shows the name and the type; a monospace character is metrics.charWidth wide.
      let chars = c.name.length + c.type.length + 2;
      for (const r of sample) {
        chars = Math.max(chars, Math.min(60, table.text(r, i).length));
      }
      return `${Math.max(60, Math.min(480, chars * metrics.charWidth + 20))}px`;
    })
    .join(' ');
}
