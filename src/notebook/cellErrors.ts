/**
 * Places an error of a scoped cell's text (prelude + cell) back where the user wrote it: in the cell
 * itself, or in the definitions of an earlier cell the prelude came from.
 */
import type { Range } from '../kql/positions';
import type { ScopedCell } from './cellScope';

export interface CellErrorPlace {
  /** The code cell the error is in: the cell that ran, or an earlier one whose definition failed. */
  readonly cellIndex: number;
  /** True when the error is in the cell's own text; its range is then relative to the cell. */
  readonly inOwnCell: boolean;
  /** 0-based, relative to the cell's text when inOwnCell; otherwise to the prelude line it came from. */
  readonly range: Range;
  /** The backend gave the error no position (Log Analytics' messages mostly carry none). */
  readonly unplaced?: true;
}

/**
 * `placed` false: the error has no position, so it is the cell's own (the whole text ran), not that
 * of the earlier cell whose definitions happen to come first in it.
 */
export function placeCellError(scoped: ScopedCell, ownIndex: number, range: Range, placed = true): CellErrorPlace {
  if (!placed) {
    const zero = { line: 0, character: 0 };
    return { cellIndex: ownIndex, inOwnCell: true, range: { start: zero, end: zero }, unplaced: true };
  }
  if (range.start.line >= scoped.lineOffset) {
    const shift = (p: Range['start']): Range['start'] => ({ line: p.line - scoped.lineOffset, character: p.character });
    return { cellIndex: ownIndex, inOwnCell: true, range: { start: shift(range.start), end: shift(range.end) } };
  }
  return { cellIndex: scoped.preludeCells[range.start.line] ?? 0, inOwnCell: false, range };
}

/**
 * "3:14: message", "in the definitions of cell 2: message" for an error carried from above, or the
 * message alone when it has no position.
 */
export function describeCellError(
  place: CellErrorPlace,
  message: string,
  cellNumber: (index: number) => number = (i) => i + 1,
): string {
  if (place.unplaced) {
    return message;
  }
  if (place.inOwnCell) {
    return `${place.range.start.line + 1}:${place.range.start.character + 1}: ${message}`;
  }
  return `in the definitions of cell ${cellNumber(place.cellIndex)}: ${message}`;
}
