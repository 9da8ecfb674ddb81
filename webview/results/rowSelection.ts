/**
 * The grid's selection, without the DOM: the selected cell (the keyboard's place, one of the column
 * headers when its row is HEADER_ROW) and the range of rows a Shift+click, a Shift+move or Ctrl/Cmd+A
 * selects, stretched from an anchor row. Rows are view indices (the rows a filter and a sort leave);
 * the grid draws, scrolls and copies from what this says (test/webview/rowSelection.test.ts).
 */

/** The selected cell's row when it is on the column headers (the keyboard's way to sort). */
export const HEADER_ROW = -1;

export interface GridCell {
  readonly row: number;
  readonly col: number;
}

/** Selected rows, inclusive view indices. */
export interface RowRange {
  readonly first: number;
  readonly last: number;
}

/**
 * What a move does to the range: `extend` stretches it from the anchor to the new row, `keep` leaves it
 * (a move sideways inside it), `collapse` makes it the new row alone.
 */
export type RangeMove = 'collapse' | 'extend' | 'keep';

/** A move of the selected cell: where to, and what becomes of the range. */
export interface SelectionMove extends GridCell {
  readonly range: RangeMove;
}

export class RowSelection {
  private at: GridCell = { row: 0, col: 0 };
  /** The row a Shift+move or Shift+click extends the range from. */
  private anchor = 0;
  private rows: RowRange = { first: 0, last: 0 };

  /** `changed` hears the status line's note ("3 rows selected", or '') each time the range changes. */
  constructor(private readonly changed: (note: string) => void = () => {}) {}

  get cell(): GridCell {
    return this.at;
  }

  /** The selected rows: just the selected cell's row unless a range was made. */
  get range(): RowRange {
    return this.rows;
  }

  /** More than one row is selected. */
  get isRange(): boolean {
    return this.rows.last > this.rows.first;
  }

  /** How many rows are selected (1 for a single cell). */
  get size(): number {
    return this.rows.last - this.rows.first + 1;
  }

  /** `row` is one of a range of several rows (drawn as such). */
  inRange(row: number): boolean {
    return this.isRange && row >= this.rows.first && row <= this.rows.last;
  }

  isCell(row: number, col: number): boolean {
    return this.at.row === row && this.at.col === col;
  }

  /**
   * Selects a cell of a view of `rowCount` rows and `colCount` columns, clamped into it (HEADER_ROW
   * stays: the headers are one row above the first).
   */
  moveTo(move: SelectionMove, rowCount: number, colCount: number): void {
    this.at = {
      row: move.row === HEADER_ROW ? HEADER_ROW : Math.max(0, Math.min(rowCount - 1, move.row)),
      col: Math.max(0, Math.min(colCount - 1, move.col)),
    };
    // A view a filter emptied has no rows to stretch over: stretching from row -1 made "2 rows selected".
    const range = rowCount > 0 ? move.range : 'collapse';
    if (range === 'extend' && this.at.row !== HEADER_ROW) {
      const from = Math.min(this.anchor, rowCount - 1);
      this.setRange(Math.min(from, this.at.row), Math.max(from, this.at.row));
    } else if (range === 'collapse') {
      this.collapse();
    }
  }

  /**
   * The view now has `rowCount` rows (a filter or a sort): the cell stays in it, and the range, which
   * named rows by their place in the old view, collapses to the cell's row.
   */
  reset(rowCount: number): void {
    this.at = { row: Math.min(this.at.row, Math.max(0, rowCount - 1)), col: this.at.col };
    this.collapse();
  }

  /** Ctrl/Cmd+A: every one of `rowCount` rows, the selected cell staying where it is; false when none. */
  selectAll(rowCount: number): boolean {
    if (rowCount === 0) {
      return false;
    }
    this.anchor = 0;
    this.setRange(0, rowCount - 1);
    return true;
  }

  /** The rows a row copy takes: the range, or none when only a column header is selected. */
  rowsToCopy(): RowRange | undefined {
    return this.isRange || this.at.row !== HEADER_ROW ? this.rows : undefined;
  }

  /** "3 rows selected" for the status line; empty for a single cell. */
  note(): string {
    return this.size > 1 ? `${this.size.toLocaleString('en-US')} rows selected` : '';
  }

  /** The range becomes the selected cell's row alone, which later Shift moves extend from. */
  private collapse(): void {
    const row = Math.max(0, this.at.row);
    this.anchor = row;
    this.setRange(row, row);
  }

  private setRange(first: number, last: number): void {
    const was = this.rows;
    this.rows = { first, last };
    if (was.first !== first || was.last !== last) {
      this.changed(this.note());
    }
  }
}
