/**
 * A virtual-scrolling result grid: only the rows in view (plus a few) exist in the DOM, recycled as the
 * user scrolls, so 1M rows scroll smoothly. vscode-elements' table renders every row, hence our own
 * (test/webview/gridInChromium.test.ts checks what Chromium paints after filter, sort and scroll).
 * Sort by clicking a header (or, by keyboard, ArrowUp onto the header row and Enter), filter with the box
 * above, copy with Ctrl/Cmd+C (cell) and Ctrl/Cmd+Shift+C (row) or the context menu, expand a dynamic value
 * with Enter or a double-click. Shift with a click, an arrow, PageUp/PageDown or Ctrl+Home/End selects a
 * range of rows and Ctrl/Cmd+A all of them: Ctrl/Cmd+C then copies the range as tab-separated lines under
 * a line of column names (a sort or a filter collapses the range to the selected cell: the rows it named
 * are no longer next to each other). The grid is one Tab stop: the selected cell is its
 * aria-activedescendant, so a screen reader follows the arrow keys without focus moving between cells.
 */

import { expandedText, leadingChars, MAX_EXPANDED_CHARS, shownText } from '../../src/render/cellText';
import { tsvLine } from '../../src/render/copyText';
import { RowOrder, type RowView, type SortState } from '../../src/render/rowOrder';
import type { TableCells } from '../../src/render/tableCells';
import { el, menuKeys } from '../shared/dom';
import { renderCell } from './cell';
import { type GridMetrics, gridMetrics } from './gridMetrics';
import { type GridCopy, RangeCopy } from './rangeCopy';

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

/** The selection's row when it is on the column headers (the keyboard's way to sort). */
const HEADER_ROW = -1;
/** Numbers each grid's element ids: a notebook shows several grids in one document. */
let gridCount = 0;

/** A pooled row element and the view row it last drew (-1: none), as of which generation. */
type PooledRow = HTMLDivElement & { shows: number; generation: number };

export class ResultGrid {
  readonly element: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly header: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly menu: HTMLDivElement;
  private readonly order: RowOrder;
  private view: number[];
  private filter = '';
  private sort: SortState | undefined;
  private selected: { row: number; col: number } = { row: 0, col: 0 };
  /** The row a Shift+move or Shift+click extends the range from. */
  private anchor = 0;
  /** The selected rows (view indices, inclusive): just the selected cell's row unless a range is made. */
  private range = { first: 0, last: 0 };
  private readonly rangeCopy = new RangeCopy();
  private pool: PooledRow[] = [];
  /** Bumped when what a row index shows changes (filter, sort, selection): pooled rows are rewritten. */
  private generation = 0;
  private spacerPx = -1;
  private frame = 0;
  /** The id the selected cell carries while it is drawn, named by the grid's aria-activedescendant. */
  private readonly activeId = `kql-grid-${++gridCount}-active`;
  private activeCell: HTMLElement | undefined;
  /** Row and column sizes for the editor font the cells are drawn in (gridMetrics.ts). */
  private readonly metrics: GridMetrics;

  /** `label` names the grid for screen readers ("Results", a notebook table's name). */
  constructor(
    private readonly table: TableCells,
    private readonly callbacks: GridCallbacks,
    label = 'Results',
  ) {
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
    this.spacer = el('div', 'grid-spacer');
    this.body = el('div', 'grid-body');
    this.menu = el('div', 'context-menu');
    this.menu.hidden = true;
    this.menu.setAttribute('role', 'menu');
    this.menu.setAttribute('aria-label', 'Cell');
    menuKeys(this.menu);
    this.spacer.appendChild(this.body);
    this.viewport.append(this.header, this.spacer);
    this.element.append(this.viewport, this.menu);
    this.element.style.setProperty('--grid-columns', this.columnTemplate());
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
    document.addEventListener('click', () => (this.menu.hidden = true));
    this.menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.closeMenu();
        e.stopPropagation();
      }
    });
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

  /** Closes the context menu; false when it was not open. */
  closeMenu(): boolean {
    if (this.menu.hidden) {
      return false;
    }
    this.menu.hidden = true;
    this.viewport.focus();
    return true;
  }

  /** Widths from the header and the first rows' text, so columns fit without measuring the DOM. */
  private columnTemplate(): string {
    const sample = Math.min(200, this.table.rowCount);
    return this.table.columns
      .map((c, i) => {
        // The header shows the name and the type; a monospace character is metrics.charWidth wide.
        let chars = c.name.length + c.type.length + 2;
        for (let r = 0; r < sample; r++) {
          chars = Math.max(chars, Math.min(60, this.table.text(r, i).length));
        }
        return `${Math.max(60, Math.min(480, chars * this.metrics.charWidth + 20))}px`;
      })
      .join(' ');
  }

  private buildHeader(): void {
    this.header.replaceChildren();
    if (this.activeCell?.parentElement === this.header) {
      this.activeCell = undefined;
    }
    this.table.columns.forEach((c, i) => {
      const h = el('div', 'cell head');
      h.setAttribute('role', 'columnheader');
      h.setAttribute('aria-colindex', String(i + 1));
      h.dataset.col = String(i);
      // A column name is data too (a CSV file's header): shown as the cells show theirs.
      const name = shownText(c.name);
      h.title = `${name} (${c.type}) — click (or Enter) to sort`;
      h.append(el('span', 'head-name', name), el('span', 'head-type muted', c.type));
      if (this.sort?.column === i) {
        h.append(el('span', 'sort-mark', this.sort.descending ? '▼' : '▲'));
        h.setAttribute('aria-sort', this.sort.descending ? 'descending' : 'ascending');
      }
      h.addEventListener('click', () => this.toggleSort(i));
      this.header.appendChild(h);
    });
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
    this.selected = { row: Math.min(this.selected.row, Math.max(0, this.view.length - 1)), col: this.selected.col };
    // The range named rows by their place in the view, which a sort or a filter changes: it collapses.
    this.collapseRange();
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
      const inRange = this.isRange() && viewIndex >= this.range.first && viewIndex <= this.range.last;
      rowEl.classList.toggle('in-range', inRange);
      const cells = rowEl.children;
      for (let c = 0; c < cells.length; c++) {
        const cell = cells[c] as HTMLDivElement;
        const active = this.selected.row === viewIndex && this.selected.col === c;
        renderCell(cell, this.table.value(source, c), this.table.text(source, c), this.table.columns[c]!.type, active);
        cell.setAttribute('aria-selected', String(active || inRange));
      }
    }
    for (let i = 0; i < size; i++) {
      const rowEl = this.pool[i]!;
      if (!used[i] && !rowEl.hidden) {
        // Unused rows of the pool must not show stale rows below the last one.
        rowEl.hidden = true;
        rowEl.shows = -1;
      }
    }
    this.markActive();
    this.callbacks.rendered?.(count);
  }

  /**
   * Points the grid's aria-activedescendant at the selected cell (a header or a drawn row's), so a screen
   * reader announces it; none while the selection is scrolled out of the drawn rows.
   */
  private markActive(): void {
    const { row, col } = this.selected;
    let cell: Element | undefined;
    if (row === HEADER_ROW) {
      cell = this.header.children[col];
    } else {
      const rowEl = this.pool.length > 0 ? this.pool[row % this.pool.length] : undefined;
      cell = rowEl && !rowEl.hidden && rowEl.shows === row ? rowEl.children[col] : undefined;
    }
    for (const h of this.header.children) {
      h.classList.toggle('selected', h === cell);
    }
    if (cell === this.activeCell) {
      return;
    }
    this.activeCell?.removeAttribute('id');
    this.activeCell = cell as HTMLElement | undefined;
    if (this.activeCell) {
      this.activeCell.id = this.activeId;
      this.viewport.setAttribute('aria-activedescendant', this.activeId);
    } else {
      this.viewport.removeAttribute('aria-activedescendant');
    }
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
   * Selects a cell and scrolls it into view, across as well as down (a 200-column result is walked by
   * ArrowRight too). Row HEADER_ROW is the column headers, one ArrowUp above the first row.
   */
  /**
   * `range`: `extend` stretches the range of rows from the anchor to `row`, `keep` leaves it (a move
   * sideways inside it), `collapse` makes it `row` alone.
   */
  private select(row: number, col: number, range: 'collapse' | 'extend' | 'keep' = 'collapse'): void {
    const rows = this.view.length;
    const cols = this.table.columns.length;
    this.selected = {
      row: row === HEADER_ROW ? HEADER_ROW : Math.max(0, Math.min(rows - 1, row)),
      col: Math.max(0, Math.min(cols - 1, col)),
    };
    if (range === 'extend' && this.selected.row !== HEADER_ROW) {
      const from = Math.min(this.anchor, rows - 1);
      this.setRange(Math.min(from, this.selected.row), Math.max(from, this.selected.row));
    } else if (range === 'collapse') {
      this.collapseRange();
    }
    this.generation++;
    if (this.selected.row !== HEADER_ROW) {
      this.revealRow(this.selected.row);
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
    const cell = this.activeCell;
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

  /** More than one row is selected. */
  private isRange(): boolean {
    return this.range.last > this.range.first;
  }

  private setRange(first: number, last: number): void {
    const was = this.range;
    this.range = { first, last };
    if (was.first !== first || was.last !== last) {
      this.callbacks.selectionChanged?.(this.selectionNote());
    }
  }

  /** The range becomes the selected cell's row alone, which later Shift moves extend from. */
  private collapseRange(): void {
    const row = Math.max(0, this.selected.row);
    this.anchor = row;
    this.setRange(row, row);
  }

  /** "3 rows selected" for the status line; empty for a single cell. */
  selectionNote(): string {
    const n = this.range.last - this.range.first + 1;
    return n > 1 ? `${n.toLocaleString('en-US')} rows selected` : '';
  }

  /** Ctrl/Cmd+A: every row the filter leaves, the selected cell staying where it is. */
  selectAll(): void {
    if (this.view.length === 0) {
      return;
    }
    this.anchor = 0;
    this.setRange(0, this.view.length - 1);
    this.generation++;
    this.paint();
  }

  copyCell(): void {
    if (this.selected.row === HEADER_ROW) {
      this.callbacks.copy({ what: 'cell', text: this.table.columns[this.selected.col]!.name });
      return;
    }
    const source = this.view[this.selected.row];
    if (source !== undefined) {
      this.callbacks.copy({ what: 'cell', text: this.table.text(source, this.selected.col) });
    }
  }

  /** The selected row, or every row of the range, tab-separated; `headers`: under the column names. */
  copyRows(headers = false): void {
    if (this.view.length === 0) {
      return;
    }
    const { first, last } = this.isRange() || this.selected.row !== HEADER_ROW ? this.range : { first: 0, last: -1 };
    if (last < first) {
      return;
    }
    if (!this.isRange() && !headers) {
      this.callbacks.copy({ what: 'row', text: tsvLine(this.table, this.view[first]!) });
      return;
    }
    this.rangeCopy.start(this.table, this.view, first, last, headers, {
      done: (copy) => this.callbacks.copy(copy),
      progress: (note) => this.callbacks.selectionChanged?.(note || this.selectionNote()),
    });
  }

  /** Ctrl/Cmd+C: the selected cell, or a range of rows with their column names (as a spreadsheet pastes them). */
  copySelection(): void {
    if (this.isRange()) {
      this.copyRows(true);
    } else {
      this.copyCell();
    }
  }

  expandSelected(): void {
    if (this.selected.row === HEADER_ROW) {
      this.toggleSort(this.selected.col);
      return;
    }
    const source = this.view[this.selected.row];
    const col = this.table.columns[this.selected.col];
    if (source !== undefined && col) {
      // Shown as the cell shows it (hidden characters as code points), and only its start when it is
      // long; Copy cell still copies the whole value.
      const text = expandedText(this.table.value(source, this.selected.col));
      const cut =
        text.length > MAX_EXPANDED_CHARS
          ? ` — its first ${MAX_EXPANDED_CHARS.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters (Copy cell copies them all)`
          : '';
      this.callbacks.expand(
        `${shownText(col.name)} (${col.type}), row ${this.selected.row + 1}${cut}`,
        shownText(leadingChars(text, MAX_EXPANDED_CHARS)),
      );
    }
  }

  private onKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / this.metrics.rowHeight) - 1);
    const { row, col } = this.selected;
    // Shift extends the range of rows up and down; sideways it only moves the cell (ranges are whole rows).
    const extend = e.shiftKey && row !== HEADER_ROW ? 'extend' : 'collapse';
    const sideways = e.shiftKey && this.isRange() ? 'keep' : 'collapse';
    const moves: Record<string, () => void> = {
      ArrowDown: () => this.select(row + 1, col, extend),
      ArrowUp: () => this.select(extend === 'extend' ? Math.max(0, row - 1) : row - 1, col, extend),
      ArrowLeft: () => this.select(row, col - 1, sideways),
      ArrowRight: () => this.select(row, col + 1, sideways),
      PageDown: () => this.select(row + page, col, extend),
      PageUp: () => this.select(Math.max(0, row - page), col, extend),
      Home: () => this.select(mod ? 0 : row, 0, mod ? extend : sideways),
      End: () => this.select(mod ? this.view.length - 1 : row, this.table.columns.length - 1, mod ? extend : sideways),
      Enter: () => this.expandSelected(),
      ' ': () => (row === HEADER_ROW ? this.toggleSort(col) : this.select(row, col)),
      ContextMenu: () => this.openMenuAtSelection(),
    };
    if (e.key === 'F10' && e.shiftKey) {
      this.openMenuAtSelection();
    } else if (mod && e.key.toLowerCase() === 'c') {
      if (e.shiftKey) {
        this.copyRows();
      } else {
        this.copySelection();
      }
    } else if (mod && e.key.toLowerCase() === 'a' && !e.shiftKey) {
      this.selectAll();
      // VS Code's webview script forwards keys from the window to the workbench, which answers Ctrl+A
      // with Select All in the text editor and execCommand('selectAll') here: the panel's and the query's
      // text turned blue over the selected rows. The grid has answered it; it goes no further.
      e.stopPropagation();
    } else if (moves[e.key]) {
      moves[e.key]!();
    } else {
      return;
    }
    e.preventDefault();
  }

  private onContextMenu(e: MouseEvent): void {
    const at = this.cellAt(e);
    if (!at) {
      return;
    }
    e.preventDefault();
    // A right-click inside the range keeps it (the menu copies it); outside, it selects that cell.
    const inRange = this.isRange() && at.row >= this.range.first && at.row <= this.range.last;
    this.select(at.row, at.col, inRange ? 'keep' : 'collapse');
    const box = this.element.getBoundingClientRect();
    this.showMenu(e.clientX - box.left, e.clientY - box.top);
  }

  /** Shift+F10 or the context-menu key: the menu at the selected cell. */
  private openMenuAtSelection(): void {
    const cell = this.body.querySelector<HTMLElement>('.cell.selected');
    const box = this.element.getBoundingClientRect();
    const at = cell?.getBoundingClientRect();
    this.showMenu(at ? at.left - box.left + 8 : 8, at ? at.bottom - box.top : 8);
  }

  private showMenu(left: number, top: number): void {
    const item = (label: string, run: () => void): HTMLButtonElement => {
      const b = el('button', 'menu-item', label);
      b.setAttribute('role', 'menuitem');
      b.addEventListener('click', () => {
        this.closeMenu();
        run();
      });
      return b;
    };
    const rows = this.range.last - this.range.first + 1;
    this.menu.replaceChildren(
      item('Copy cell', () => this.copyCell()),
      item(rows > 1 ? `Copy ${rows.toLocaleString('en-US')} rows` : 'Copy row', () => this.copyRows()),
      item('Copy with headers', () => this.copyRows(true)),
      item('Expand value', () => this.expandSelected()),
    );
    this.menu.style.left = `${left}px`;
    this.menu.style.top = `${top}px`;
    this.menu.hidden = false;
    (this.menu.firstElementChild as HTMLElement | null)?.focus();
  }
}
