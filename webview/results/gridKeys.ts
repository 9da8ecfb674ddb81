/**
 * What a key does in the grid, without the DOM: arrows, PageUp/PageDown and Home/End move the selected
 * cell (Shift stretching the range of rows), Enter expands the value (or sorts, on a header), Space
 * selects the cell (or, on a header, its column), Ctrl/Cmd+Space the selected cell's column, Escape
 * clears a selected column, Shift+F10 and the context-menu key open the menu, Ctrl/Cmd+C copies the
 * selection (the selected column, when there is one) and Ctrl/Cmd+Shift+C its rows, Ctrl/Cmd+A selects
 * every row (test/webview/rowSelection.test.ts).
 */
import { HEADER_ROW, type RangeMove, type RowSelection, type SelectionMove } from './rowSelection';

/** A key as the grid reads it. */
export interface GridKey {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
}

/** What the grid does for a key other than a move. */
export type GridKeyCommand =
  | 'expand'
  | 'menu'
  | 'copySelection'
  | 'copyRows'
  | 'selectAll'
  | 'selectColumn'
  | 'clearColumn';

/** The size of what the keys move over. */
export interface GridExtent {
  /** Rows in the view (the filter's). */
  readonly rows: number;
  readonly cols: number;
  /** Rows a PageUp/PageDown moves. */
  readonly page: number;
}

/** The move or the command a key makes; undefined when the grid leaves the key alone. */
export function gridKey(
  e: GridKey,
  selection: RowSelection,
  extent: GridExtent,
): SelectionMove | GridKeyCommand | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const { row, col } = selection.cell;
  if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
    return 'menu';
  }
  if (mod && e.key.toLowerCase() === 'c') {
    return e.shiftKey ? 'copyRows' : 'copySelection';
  }
  if (mod && e.key.toLowerCase() === 'a' && !e.shiftKey) {
    return 'selectAll';
  }
  if (e.key === 'Enter') {
    return 'expand';
  }
  if (e.key === 'Escape' && !mod && !e.shiftKey) {
    return 'clearColumn';
  }
  if (e.key === ' ' && (mod || row === HEADER_ROW)) {
    // Ctrl+Space selects a column in a spreadsheet; Space on a column header does too (Enter sorts).
    return 'selectColumn';
  }
  if (e.key === ' ') {
    return { row, col, range: 'collapse' };
  }
  return keyMove(e.key, { shift: e.shiftKey, mod }, selection, extent);
}

/** The keyboard's modifiers that change a move. */
export interface MoveKeys {
  readonly shift: boolean;
  /** Ctrl, or Cmd on a Mac. */
  readonly mod: boolean;
}

/**
 * Where an arrow, PageUp/PageDown or Home/End key takes the selection (undefined for other keys). Shift stretches the range
 * up and down; sideways it only moves the cell, keeping a range (ranges are whole rows). A Shift move
 * up stops at the first row: the headers are no part of a range.
 */
export function keyMove(
  key: string,
  keys: MoveKeys,
  selection: RowSelection,
  extent: GridExtent,
): SelectionMove | undefined {
  const { row, col } = selection.cell;
  const { page, rows: rowCount, cols: colCount } = extent;
  const extend: RangeMove = keys.shift && row !== HEADER_ROW ? 'extend' : 'collapse';
  const sideways: RangeMove = keys.shift && selection.isRange ? 'keep' : 'collapse';
  switch (key) {
    case 'ArrowDown':
      return { row: row + 1, col, range: extend };
    case 'ArrowUp':
      return { row: extend === 'extend' ? Math.max(0, row - 1) : row - 1, col, range: extend };
    case 'ArrowLeft':
      return { row, col: col - 1, range: sideways };
    case 'ArrowRight':
      return { row, col: col + 1, range: sideways };
    case 'PageDown':
      return { row: row + page, col, range: extend };
    case 'PageUp':
      return { row: Math.max(0, row - page), col, range: extend };
    case 'Home':
      return { row: keys.mod ? 0 : row, col: 0, range: keys.mod ? extend : sideways };
    case 'End':
      return { row: keys.mod ? rowCount - 1 : row, col: colCount - 1, range: keys.mod ? extend : sideways };
    default:
      return undefined;
  }
}
