/**
 * How the grid's selection (rowSelection.ts) shows on its elements: a range's rows carry `in-range` and
 * their cells aria-selected; the selected cell, a drawn row's or a column header's, carries the id the
 * grid's aria-activedescendant names, so a screen reader follows the arrow keys without the focus moving
 * between cells (none while the cell is scrolled out of the drawn rows). renderCell draws the selected
 * cell's own look.
 */
import type { ColumnSelection } from './columnSelection';
import type { RowSelection } from './rowSelection';

/** Numbers each grid's element ids: a notebook shows several grids in one document. */
let gridCount = 0;

export class SelectionMarks {
  /** The id the selected cell carries while it is drawn. */
  private readonly id = `kql-grid-${++gridCount}-active`;
  private cell: HTMLElement | undefined;

  /** `grid`: the element with role grid; `header`: the row of column headers. */
  constructor(
    private readonly grid: HTMLElement,
    private readonly header: HTMLElement,
  ) {}

  /** The selected cell while it is drawn. */
  get active(): HTMLElement | undefined {
    return this.cell;
  }

  /** Marks a drawn row, the view's row `row`, and its cells as in the range (or the selected column) or not. */
  row(rowEl: HTMLElement, row: number, selection: RowSelection, column: ColumnSelection): void {
    const inRange = selection.inRange(row);
    rowEl.classList.toggle('in-range', inRange);
    const cells = rowEl.children;
    for (let c = 0; c < cells.length; c++) {
      cells[c]!.setAttribute('aria-selected', String(inRange || selection.isCell(row, c) || column.has(c)));
    }
  }

  /**
   * Points the grid's aria-activedescendant at `cell` (undefined: the selected cell is not drawn). A
   * header cell a sort replaced loses the id here, out of the page, like any other.
   */
  point(cell: Element | undefined): void {
    for (const h of this.header.children) {
      h.classList.toggle('selected', h === cell);
    }
    if (cell === this.cell) {
      return;
    }
    this.cell?.removeAttribute('id');
    this.cell = cell as HTMLElement | undefined;
    if (this.cell) {
      this.cell.id = this.id;
      this.grid.setAttribute('aria-activedescendant', this.id);
    } else {
      this.grid.removeAttribute('aria-activedescendant');
    }
  }
}
