/**
 * Rows of the grid as clipboard text: tab-separated, one line a row, as Excel, Google Sheets and Azure
 * Data Explorer's web UI copy and paste them. A value holding a tab or a line break (or starting with a
 * quote) is quoted, its quotes doubled, so a spreadsheet pastes it into one cell instead of splitting it.
 * Values are the cells' text (exact longs, datetimes as the grid shows them), not the shown form: hidden
 * characters stay as they are, as in exports.
 */
import type { TableCells } from './tableCells';

/**
 * The clipboard text is cut past this many characters (a line is never cut): 450,000 rows of ten
 * columns are about 40 M characters; past this the copy names what it left out and Export CSV saves
 * it all. Kept under the host's limit on a copy message (MAX_COPY_CHARS, 50 M).
 */
export const MAX_COPY_TEXT_CHARS = 40_000_000;

const NEEDS_QUOTES = /[\t\r\n]|^"/;

/** One field of a tab-separated line, quoted (quotes doubled) only where a spreadsheet would split it. */
export function tsvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The column names (of `cols`, else every column) as a tab-separated line. */
export function tsvHeader(table: TableCells, cols?: readonly number[]): string {
  return (cols ?? table.columns.map((_, c) => c)).map((c) => tsvField(table.columns[c]!.name)).join('\t');
}

/** Source row `row` of the table (its columns `cols`, else all) as a tab-separated line. */
export function tsvLine(table: TableCells, row: number, cols?: readonly number[]): string {
  const width = cols ? cols.length : table.columns.length;
  let line = '';
  for (let i = 0; i < width; i++) {
    line += (i ? '\t' : '') + tsvField(table.text(row, cols ? cols[i]! : i));
  }
  return line;
}

/** What a (possibly bounded) copy of rows made: the text and how many of the rows it holds. */
export interface RowsCopy {
  readonly text: string;
  readonly rows: number;
}

/**
 * Builds the text of view rows `first..last` (inclusive; `view` maps them to source rows) a slice at a
 * time: each `next()` adds up to `sliceRows` lines and returns undefined until the copy is whole, or
 * cut at `maxChars`; then it returns the copy. The caller yields to the page between slices, so a copy
 * of 450,000 rows never holds the panel for more than a slice.
 */
export function rowsCopier(
  table: TableCells,
  view: ArrayLike<number>,
  first: number,
  last: number,
  headers: boolean,
  maxChars = MAX_COPY_TEXT_CHARS,
  /** Only these columns (Copy column: one), else every column. */
  cols?: readonly number[],
): { next(sliceRows: number): RowsCopy | undefined } {
  const lines: string[] = headers ? [tsvHeader(table, cols)] : [];
  let chars = lines[0]?.length ?? 0;
  let row = first;
  return {
    next(sliceRows: number): RowsCopy | undefined {
      const end = Math.min(last + 1, row + sliceRows);
      for (; row < end; row++) {
        const line = tsvLine(table, view[row]!, cols);
        // +1: the line break before it.
        if (chars + line.length + 1 > maxChars && row > first) {
          return { text: lines.join('\n'), rows: row - first };
        }
        chars += line.length + 1;
        lines.push(line);
      }
      return row > last ? { text: lines.join('\n'), rows: row - first } : undefined;
    },
  };
}

/**
 * What the status bar says after a copy: "Copied 3 rows with headers.", or, for a copy cut at
 * MAX_COPY_TEXT_CHARS, how many of the selected rows it holds and how to get them all.
 */
export function copiedNote(copy: {
  what: 'cell' | 'row' | 'rows' | 'spec';
  rows?: number;
  selectedRows?: number;
  headers?: boolean;
}): string {
  if (copy.what === 'spec') {
    return 'Copied the Vega-Lite spec.';
  }
  if (copy.what !== 'rows') {
    return `Copied the ${copy.what}.`;
  }
  const rows = copy.rows ?? 0;
  const count = `${rows.toLocaleString('en-US')} ${rows === 1 ? 'row' : 'rows'}`;
  const headers = copy.headers ? ' with headers' : '';
  if (copy.selectedRows !== undefined && copy.selectedRows > rows) {
    return `Copied the first ${count}${headers} of the ${copy.selectedRows.toLocaleString('en-US')} selected: the clipboard text stops at ${MAX_COPY_TEXT_CHARS.toLocaleString('en-US')} characters. Export CSV saves them all.`;
  }
  return `Copied ${count}${headers}.`;
}
