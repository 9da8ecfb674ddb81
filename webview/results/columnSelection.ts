/**
 * The grid's selected column, without the DOM: a click on a column header (or Space on a focused one,
 * Ctrl/Cmd+Space anywhere) selects it, as a spreadsheet's column letter does; Escape or a move of the
 * selected cell clears it, and Ctrl/Cmd+C then copies the column. A sort or a filter keeps it (the
 * column is still there; only the order of its values changes, and a copy follows that order). A re-run
 * keeps it by name, at the column's new place when `project-reorder` moved it, and drops it when the
 * column is gone (test/webview/columnSelection.test.ts).
 */
import { shownText } from '../../src/render/cellText';

/** A column name longer than this is cut in the status line (a CSV header can be any length). */
const NOTE_NAME_CHARS = 60;

export class ColumnSelection {
  private col: number | undefined;

  /** `changed` hears the status line's note ('Column "Port" selected…', or '') each time it changes. */
  constructor(
    private readonly names: readonly string[],
    private readonly changed: (note: string) => void = () => {},
  ) {}

  /** The selected column's index, undefined when none is selected. */
  get column(): number | undefined {
    return this.col;
  }

  /** The selected column's name (what a re-run looks for), undefined when none is selected. */
  get name(): string | undefined {
    return this.col === undefined ? undefined : this.names[this.col];
  }

  has(col: number): boolean {
    return this.col === col;
  }

  /** Selects column `col` (ignored outside the table); false when nothing changed. */
  select(col: number): boolean {
    if (!Number.isInteger(col) || col < 0 || col >= this.names.length || col === this.col) {
      return false;
    }
    this.col = col;
    this.changed(this.note());
    return true;
  }

  /** Selects the column of that name, when the table has one (a re-run carrying the selection over). */
  selectByName(name: string | undefined): boolean {
    return name === undefined ? false : this.select(this.names.indexOf(name));
  }

  /** Clears the selection; false when none was selected (the key is then left to others). */
  clear(): boolean {
    if (this.col === undefined) {
      return false;
    }
    this.col = undefined;
    this.changed('');
    return true;
  }

  /** What the status line (a live region) says while a column is selected. */
  note(): string {
    const name = this.name;
    if (name === undefined) {
      return '';
    }
    // A name is data: shown as the header shows it (bidi controls named), and cut.
    const shown = shownText(name);
    const cut = shown.length > NOTE_NAME_CHARS ? `${shown.slice(0, NOTE_NAME_CHARS)}…` : shown;
    return `column “${cut}” selected (Ctrl+C copies it)`;
  }
}
