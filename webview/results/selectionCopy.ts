/**
 * What the grid's copy keys and menu items put on the clipboard from its selection (rowSelection.ts):
 * the selected cell (a column's name on the headers), the selected row, or the range's rows as
 * tab-separated lines, under the column names when asked (rangeCopy.ts builds a large range's text a
 * slice at a time without holding the page).
 */
import { tsvLine } from '../../src/render/copyText';
import type { TableCells } from '../../src/render/tableCells';
import { type GridCopy, RangeCopy } from './rangeCopy';
import { HEADER_ROW, type RowSelection } from './rowSelection';

export interface SelectionCopyReport {
  copy(copy: GridCopy): void;
  /** A range copy's progress note, and the selection's note again when it ends. */
  selectionChanged?(note: string): void;
}

export class SelectionCopy {
  private readonly rangeCopy = new RangeCopy();

  constructor(
    private readonly table: TableCells,
    private readonly selection: RowSelection,
    private readonly report: SelectionCopyReport,
  ) {}

  /** The selected cell's text; on the column headers, the column's name. `view`: the rows shown. */
  cell(view: readonly number[]): void {
    const { row, col } = this.selection.cell;
    if (row === HEADER_ROW) {
      this.report.copy({ what: 'cell', text: this.table.columns[col]!.name });
      return;
    }
    const source = view[row];
    if (source !== undefined) {
      this.report.copy({ what: 'cell', text: this.table.text(source, col) });
    }
  }

  /** The selected row, or every row of the range, tab-separated; `headers`: under the column names. */
  rows(view: readonly number[], headers = false): void {
    const range = this.selection.rowsToCopy();
    if (view.length === 0 || !range) {
      return;
    }
    if (!this.selection.isRange && !headers) {
      this.report.copy({ what: 'row', text: tsvLine(this.table, view[range.first]!) });
      return;
    }
    this.rangeCopy.start(this.table, view, range.first, range.last, headers, {
      done: (copy) => this.report.copy(copy),
      progress: (note) => this.report.selectionChanged?.(note || this.selection.note()),
    });
  }

  /** Column `col`: its name, then its value in every row shown (filtered and sorted), one a line. */
  column(view: readonly number[], col: number): void {
    if (view.length === 0 || this.table.columns[col] === undefined) {
      return;
    }
    this.rangeCopy.start(
      this.table,
      view,
      0,
      view.length - 1,
      true,
      {
        done: (copy) => this.report.copy(copy),
        progress: (note) => this.report.selectionChanged?.(note || this.selection.note()),
      },
      [col],
    );
  }

  /** Ctrl/Cmd+C: the selected cell, or a range of rows with their column names (as a spreadsheet pastes them). */
  selected(view: readonly number[]): void {
    if (this.selection.isRange) {
      this.rows(view, true);
    } else {
      this.cell(view);
    }
  }
}
