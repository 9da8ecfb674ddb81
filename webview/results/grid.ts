/**
 * A virtual-scrolling result grid: only the rows in view (plus a few) exist in the DOM, recycled as the
 * user scrolls, so 1M rows scroll smoothly. vscode-elements' table renders every row, hence our own
 * (test/webview/gridInChromium.test.ts checks what Chromium paints after filter, sort and scroll).
 * Select a column by clicking its header (or, by keyboard, ArrowUp onto the header row and Space, or
 * Ctrl/Cmd+Space anywhere; Escape clears it) and sort by its ⇅ button (or Enter on the header), filter
 * with the box above, copy with Ctrl/Cmd+C (the cell, or the selected column) and Ctrl/Cmd+Shift+C (row)
 * or the context menu, expand a dynamic value with Enter or a double-click. Shift with a click, an arrow, PageUp/PageDown or Ctrl+Home/End selects a
 * range of rows and Ctrl/Cmd+A all of them: Ctrl/Cmd+C then copies the range as tab-separated lines under
 * a line of column names (a sort or a filter collapses the range to the selected cell: the rows it named
 * are no longer next to each other). The grid is one Tab stop: the selected cell is its
 * aria-activedescendant, so a screen reader follows the arrow keys without focus moving between cells.
 *
 * This file draws and scrolls; the parts around it: rowSelection.ts (the selected cell and range of rows),
 * columnSelection.ts (the selected column),
 * gridKeys.ts (what a key does), selectionMarks.ts (how the selection shows), selectionCopy.ts and
 * rangeCopy.ts (what a copy takes), gridMenu.ts (the context menu), gridHeader.ts (the column headers).
 */

import { RowOrder, type RowView, type SortState } from '../../src/render/rowOrder';
import type { TableCells } from '../../src/render/tableCells';
import { el } from '../shared/dom';
import { renderCell } from './cell';
import { ColumnSelection } from './columnSelection';
import { fillHeader, markSelectedColumn } from './gridHeader';
import { columnTemplate, type GridMetrics, gridMetrics } from './gridMetrics';
import { type GridKeyCommand, gridKey } from './gridKeys';
import { GridMenu } from './gridMenu';
import type { GridCopy } from './rangeCopy';
import { HEADER_ROW, type RangeMove, RowSelection } from './rowSelection';
import { SelectionCopy } from './selectionCopy';
import { SelectionMarks } from './selectionMarks';
import { valueDetail } from './valueDetail';

const OVERSCAN = 8;
/**
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox 17.9M): past this many pixels the
 * scroll range is compressed and mapped onto the rows proportionally.
 */
const MAX_SCROLL_PX = 8_000_000;

export interface GridCallbacks {
  copy(copy: GridCopy): void;
  /** The number of rows selected changed (1: a single cell), or a range copy is under way or ended. */
  selectionChanged?(note: string): void;
  expand(title: string, text: string): void;
  /** Called after the visible rows are in the DOM (the bench times first paint with it). */
  rendered?(visibleRows: number): void;
}

/** A pooled row element and the view row it last drew (-1: none), as of which generation. */
type PooledRow = HTMLDivElement & { shows: number; generation: number };

export class ResultGrid {
  readonly element: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly menu: GridMenu;
  private readonly order: RowOrder;
  private view: number[];
  private filter = '';
  private sort: SortState | undefined;
  private readonly selection: RowSelection;
  private readonly column: ColumnSelection;
  private readonly copier: SelectionCopy;
  private pool: PooledRow[] = [];
  /** Bumped when what a row index shows changes (filter, sort, selection): pooled rows are rewritten. */
  private generation = 0;
  private spacerPx = -1;
  private frame = 0;
  private readonly marks: SelectionMarks;
  /** Row and column sizes for the editor font the cells are drawn in (gridMetrics.ts). */
  private readonly metrics: GridMetrics;

  /**
   * `label` names the grid for screen readers ("Results", a notebook table's name); `selectedColumn`: the
   * name of the column selected in the grid this one replaces (a re-run), selected again if it is here.
   */
  constructor(
    private readonly table: TableCells,
    private readonly callbacks: GridCallbacks,
    label = 'Results',
    selectedColumn?: string,
  ) {
    this.selection = new RowSelection((note) => callbacks.selectionChanged?.(note));
    this.column = new ColumnSelection(
      table.columns.map((c) => c.name),
      (note) => callbacks.selectionChanged?.(note),
    );
    this.column.selectByName(selectedColumn);
    this.copier = new SelectionCopy(table, this.selection, callbacks);
    this.metrics = gridMetrics(
      getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size'),
    );
    this.order = new RowOrder(table);
    this.view = this.order.order('', undefined);
    this.element = el('div', 'grid');
    this.viewport = el('div', 'grid-viewport');
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'grid');
    this.viewport.setAttribute('aria-label', label);
    this.viewport.setAttribute('aria-rowcount', String(table.rowCount + 1));
    this.viewport.setAttribute('aria-colcount', String(table.columns.length));
    this.viewport.setAttribute('aria-multiselectable', 'true');
    this.header = el('div', 'grid-row grid-header');
    this.header.setAttribute('role', 'row');
    this.header.setAttribute('aria-rowindex', '1');
    this.marks = new SelectionMarks(this.viewport, this.header);
    this.spacer = el('div', 'grid-spacer');
    this.body = el('div', 'grid-body');
    this.menu = new GridMenu({
      copyCell: () => this.copyCell(),
      copyRows: () => this.copyRows(),
      copyWithHeaders: () => this.copyRows(true),
      copyColumn: () => this.copyColumn(),
      expand: () => this.expandSelected(),
      closed: () => this.viewport.focus(),
    });
    this.spacer.appendChild(this.body);
    this.viewport.append(this.header, this.spacer);
    this.element.append(this.viewport, this.menu.element);
    this.element.style.setProperty('--grid-columns', columnTemplate(this.table, this.metrics));
    this.element.style.setProperty('--grid-row-height', `${this.metrics.rowHeight}px`);
    this.element.style.setProperty('--grid-line-height', `${this.metrics.lineHeight}px`);
    this.buildHeader();
    this.viewport.addEventListener('scroll', () => this.schedule());
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.viewport.addEventListener('click', (e) => this.onCellEvent(e, false));
    // Shift+click extends the range: without this the browser would also select the cells' text.
    this.viewport.addEventListener('mousedown', (e) => e.shiftKey && e.preventDefault());
    this.viewport.addEventListener('dblclick', (e) => this.onCellEvent(e, true));
    this.viewport.addEventListener('contextmenu', (e) => this.onContextMenu(e));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  /**
   * The height that shows every row without scrolling: the header, the rows, and the horizontal
   * scrollbar when the columns are wider than the grid. Undefined while the grid is not laid out
   * (not yet in the page, or hidden), when there is nothing to measure.
   */
  fullHeightPx(): number | undefined {
    const header = this.header.offsetHeight;
    if (!header) {
      return undefined;
    }
    const scrollbar = Math.max(0, this.viewport.offsetHeight - this.viewport.clientHeight);
    return header + this.scrollHeightPx() + scrollbar;
  }

  get visibleCount(): number {
    return this.view.length;
  }

  setFilter(text: string): void {
    this.filter = text;
    this.reorder();
  }

  /** The filter and sort in effect: an export of "the rows shown" applies the same. */
  get rowView(): RowView {
    return this.sort ? { filter: this.filter, sort: this.sort } : { filter: this.filter };
  }

  focus(): void {
    this.viewport.focus();
  }

  /** The selected column's name (a re-run's grid selects it again), undefined when none is selected. */
  get selectedColumnName(): string | undefined {
    return this.column.name;
  }

  /** Closes the context menu; false when it was not open. */
  closeMenu(): boolean {
    return this.menu.close();
  }

  private buildHeader(): void {
    fillHeader(this.header, this.table.columns, this.sort, this.column.column, {
      select: (col) => this.selectColumn(col),
      sort: (col) => this.toggleSort(col),
    });
  }

  /**
   * Selects column `col`: its header becomes the selected cell (the keyboard goes on from there) and
   * its cells and header are drawn selected; Ctrl/Cmd+C then copies it.
   */
  private selectColumn(col: number): void {
    this.select(HEADER_ROW, col, 'collapse', true);
    if (this.column.select(col)) {
      this.columnChanged();
    }
    this.viewport.focus();
  }

  /** Escape: clears the selected column; false when none was selected (the key goes on to the page). */
  private clearColumn(): boolean {
    if (!this.column.clear()) {
      return false;
    }
    this.columnChanged();
    return true;
  }

  private columnChanged(): void {
    markSelectedColumn(this.header, this.column.column);
    this.generation++;
    this.paint();
  }

  private toggleSort(col: number): void {
    if (this.sort?.column !== col) {
      this.sort = { column: col, descending: false };
    } else if (!this.sort.descending) {
      this.sort = { column: col, descending: true };
    } else {
      this.sort = undefined;
    }
    this.buildHeader();
    this.reorder();
  }

  private reorder(): void {
    this.view = this.order.order(this.filter, this.sort);
    // The rows a filter leaves, plus the header row: what a screen reader says the grid holds.
    this.viewport.setAttribute('aria-rowcount', String(this.view.length + 1));
    this.generation++;
    // The range named rows by their place in the view, which a sort or a filter changes: it collapses.
    this.selection.reset(this.view.length);
    this.schedule();
  }

  schedule(): void {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.paint();
      });
    }
  }

  /** Total scroll height, compressed past MAX_SCROLL_PX. */
  private scrollHeightPx(): number {
    return Math.min(this.view.length * this.metrics.rowHeight, MAX_SCROLL_PX);
  }

  /** The unscaled content offset (rows × the row height) shown at the top for a scroll position. */
  private contentTop(scrollTop: number, height: number): number {
    const full = this.view.length * this.metrics.rowHeight;
    const scrolled = this.scrollHeightPx();
    if (full <= scrolled || scrolled <= height) {
      return scrollTop;
    }
    return (scrollTop / (scrolled - height)) * (full - height);
  }

  /**
   * Draws the rows in view now. Row `v` is drawn by pool element `v % pool.length` and keeps it while it
   * stays in view, so a scroll writes only the rows that came into view (a row's cells are the costly
   * part: text, layout, paint) and moves the others. Layout is read before anything is written, so the
   * browser lays the grid out once a frame, not once for the read and again for the writes.
   */
  paint(): void {
    const top = this.viewport.scrollTop;
    const height = Math.max(0, (this.viewport.clientHeight || 600) - this.header.offsetHeight);
    const spacerPx = this.scrollHeightPx();
    if (spacerPx !== this.spacerPx) {
      this.spacerPx = spacerPx;
      this.spacer.style.height = `${spacerPx}px`;
    }
    const contentTop = Math.max(
      0,
      Math.min(this.contentTop(top, height), this.view.length * this.metrics.rowHeight - height),
    );
    const firstVisible = Math.floor(contentTop / this.metrics.rowHeight);
    const first = Math.max(0, firstVisible - OVERSCAN);
    const last = Math.min(this.view.length, Math.ceil((contentTop + height) / this.metrics.rowHeight) + OVERSCAN);
    const count = Math.max(0, last - first);
    while (this.pool.length < count) {
      const row = el('div', 'grid-row') as PooledRow;
      row.setAttribute('role', 'row');
      row.shows = -1;
      for (let c = 0; c < this.table.columns.length; c++) {
        const cell = el('div', 'cell');
        cell.setAttribute('role', 'gridcell');
        cell.setAttribute('aria-colindex', String(c + 1));
        cell.dataset.col = String(c);
        row.appendChild(cell);
      }
      this.pool.push(row);
      this.body.appendChild(row);
      // A bigger pool maps rows to other elements: every one is written afresh.
      this.generation++;
    }
    // Where row `first` sits in the (possibly compressed) spacer, so the visible rows line up with the
    // scroll position: at scale 1 that is simply first × the row height.
    const offset = Math.max(0, top - (contentTop - first * this.metrics.rowHeight));
    this.body.style.transform = `translateY(${offset}px)`;
    const size = this.pool.length;
    const used = new Uint8Array(size);
    for (let viewIndex = first; viewIndex < last; viewIndex++) {
      const slot = viewIndex % size;
      used[slot] = 1;
      const rowEl = this.pool[slot]!;
      rowEl.style.transform = `translateY(${(viewIndex - first) * this.metrics.rowHeight}px)`;
      if (rowEl.hidden) {
        rowEl.hidden = false;
      }
      if (rowEl.shows === viewIndex && rowEl.generation === this.generation) {
        continue;
      }
      rowEl.shows = viewIndex;
      rowEl.generation = this.generation;
      const source = this.view[viewIndex]!;
      rowEl.dataset.row = String(viewIndex);
      rowEl.setAttribute('aria-rowindex', String(viewIndex + 2));
      rowEl.classList.toggle('odd', viewIndex % 2 === 1);
      const cells = rowEl.children;
      const selectedCol = this.column.column;
      for (let c = 0; c < cells.length; c++) {
        const active = this.selection.isCell(viewIndex, c);
        const type = this.table.columns[c]!.type;
        renderCell(cells[c] as HTMLDivElement, this.table.value(source, c), this.table.text(source, c), type, active);
        if (c === selectedCol) {
          cells[c]!.classList.add('col-selected');
        }
      }
      this.marks.row(rowEl, viewIndex, this.selection, this.column);
    }
    for (let i = 0; i < size; i++) {
      const rowEl = this.pool[i]!;
      if (!used[i] && !rowEl.hidden) {
        // Unused rows of the pool must not show stale rows below the last one.
        rowEl.hidden = true;
        rowEl.shows = -1;
      }
    }
    this.marks.point(this.selectedCell());
    this.callbacks.rendered?.(count);
  }

  /** The selected cell's element: a header, or a drawn row's cell (undefined while scrolled away). */
  private selectedCell(): Element | undefined {
    const { row, col } = this.selection.cell;
    if (row === HEADER_ROW) {
      return this.header.children[col];
    }
    const rowEl = this.pool.length > 0 ? this.pool[row % this.pool.length] : undefined;
    return rowEl && !rowEl.hidden && rowEl.shows === row ? rowEl.children[col] : undefined;
  }

  private cellAt(e: Event): { row: number; col: number } | undefined {
    const target = e.target as HTMLElement | null;
    const cell = target?.closest<HTMLElement>('.grid-body .cell');
    const row = cell?.parentElement?.dataset.row;
    if (!cell || row === undefined || cell.dataset.col === undefined) {
      return undefined;
    }
    return { row: Number(row), col: Number(cell.dataset.col) };
  }

  private onCellEvent(e: MouseEvent, expand: boolean): void {
    const at = this.cellAt(e);
    if (!at) {
      return;
    }
    this.select(at.row, at.col, e.shiftKey && !expand ? 'extend' : 'collapse');
    if (expand) {
      this.expandSelected();
    }
  }

  /**
   * Selects a cell (rowSelection.ts says what becomes of the range) and scrolls it into view, across as
   * well as down (a 200-column result is walked by ArrowRight too). Row HEADER_ROW is the column
   * headers, one ArrowUp above the first row.
   */
  private select(row: number, col: number, range: RangeMove = 'collapse', keepColumn = false): void {
    this.selection.moveTo({ row, col, range }, this.view.length, this.table.columns.length);
    // A move of the selected cell ends a column's selection, as in a spreadsheet.
    if (!keepColumn && this.column.clear()) {
      markSelectedColumn(this.header, undefined);
    }
    this.generation++;
    if (this.selection.cell.row !== HEADER_ROW) {
      this.revealRow(this.selection.cell.row);
    }
    this.paint();
    this.revealColumn();
  }

  private revealRow(row: number): void {
    const y = row * this.metrics.rowHeight;
    const height = Math.max(0, this.viewport.clientHeight - this.header.offsetHeight);
    const full = this.view.length * this.metrics.rowHeight;
    const scrolled = this.scrollHeightPx();
    // Scroll positions map onto content offsets by a constant ratio (1 unless compressed).
    const ratio = full > scrolled && scrolled > height ? (scrolled - height) / (full - height) : 1;
    const contentTop = this.contentTop(this.viewport.scrollTop, height);
    if (y < contentTop) {
      this.viewport.scrollTop = y * ratio;
    } else if (y + this.metrics.rowHeight > contentTop + height) {
      this.viewport.scrollTop = (y + this.metrics.rowHeight - height) * ratio;
    }
  }

  /** Scrolls sideways so the selected cell is in view (cells sit at their column's offset in the row). */
  private revealColumn(): void {
    const cell = this.marks.active;
    if (!cell) {
      return;
    }
    const left = cell.offsetLeft;
    const right = left + cell.offsetWidth;
    const view = this.viewport;
    if (left < view.scrollLeft) {
      view.scrollLeft = left;
    } else if (right > view.scrollLeft + view.clientWidth) {
      view.scrollLeft = Math.min(left, right - view.clientWidth);
    }
  }

  /** Ctrl/Cmd+A: every row the filter leaves, the selected cell staying where it is. */
  private selectAll(): void {
    if (this.selection.selectAll(this.view.length)) {
      if (this.column.clear()) {
        markSelectedColumn(this.header, undefined);
      }
      this.generation++;
      this.paint();
    }
  }

  copyCell(): void {
    this.copier.cell(this.view);
  }

  /** The selected row, or every row of the range, tab-separated; `headers`: under the column names. */
  copyRows(headers = false): void {
    this.copier.rows(this.view, headers);
  }

  /** The selected column (else the selected cell's) under its name, every row shown. */
  copyColumn(): void {
    this.copier.column(this.view, this.column.column ?? this.selection.cell.col);
  }

  private expandSelected(): void {
    const { row, col } = this.selection.cell;
    if (row === HEADER_ROW) {
      this.toggleSort(col);
      return;
    }
    const source = this.view[row];
    const detail = source === undefined ? undefined : valueDetail(this.table, source, col, row);
    if (detail) {
      this.callbacks.expand(detail.title, detail.text);
    }
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / this.metrics.rowHeight) - 1);
    const key = gridKey(e, this.selection, { rows: this.view.length, cols: this.table.columns.length, page });
    if (key === undefined) {
      return;
    }
    if (key === 'clearColumn' && !this.clearColumn()) {
      // Nothing to clear: Escape goes on to the page (it closes the value view).
      return;
    }
    if (typeof key === 'object') {
      this.select(key.row, key.col, key.range);
    } else {
      this.keyCommands[key]();
    }
    if (key === 'selectAll') {
      // VS Code's webview script forwards keys from the window to the workbench, which answers Ctrl+A
      // with Select All in the text editor and execCommand('selectAll') here: the panel's and the query's
      // text turned blue over the selected rows. The grid has answered it; it goes no further.
      e.stopPropagation();
    }
    e.preventDefault();
  }

  private readonly keyCommands: Record<GridKeyCommand, () => void> = {
    expand: () => this.expandSelected(),
    menu: () => this.openMenuAtSelection(),
    copySelection: () => (this.column.column === undefined ? this.copier.selected(this.view) : this.copyColumn()),
    copyRows: () => this.copyRows(),
    selectAll: () => this.selectAll(),
    selectColumn: () => this.selectColumn(this.selection.cell.col),
    clearColumn: () => {},
  };

  private onContextMenu(e: MouseEvent): void {
    const at = this.cellAt(e);
    if (!at) {
      return;
    }
    e.preventDefault();
    // A right-click inside the range keeps it (the menu copies it); outside, it selects that cell.
    this.select(at.row, at.col, this.selection.inRange(at.row) ? 'keep' : 'collapse');
    const box = this.element.getBoundingClientRect();
    this.menu.open(e.clientX - box.left, e.clientY - box.top, this.selection.size);
  }

  /** Shift+F10 or the context-menu key: the menu at the selected cell. */
  private openMenuAtSelection(): void {
    const cell = this.body.querySelector<HTMLElement>('.cell.selected');
    const box = this.element.getBoundingClientRect();
    const at = cell?.getBoundingClientRect();
    this.menu.open(at ? at.left - box.left + 8 : 8, at ? at.bottom - box.top : 8, this.selection.size);
  }
}
