/**
 * Copies a range of grid rows without freezing the panel: the text is built a slice of rows at a time,
 * yielding to the page between slices (a 450,000-row copy takes seconds), with a progress note, and cut
 * at MAX_COPY_TEXT_CHARS (the copy then says how many rows it holds). A new copy replaces one under way.
 */
import { rowsCopier } from '../../src/render/copyText';
import type { TableCells } from '../../src/render/tableCells';

/** A copy for the clipboard, as the results panel's `copy` message carries it. */
export interface GridCopy {
  readonly what: 'cell' | 'row' | 'rows';
  readonly text: string;
  readonly rows?: number;
  readonly selectedRows?: number;
  readonly headers?: boolean;
}

/** A slice of rows is built at most this long before the page gets a turn (a frame is 16 ms). */
const SLICE_MS = 12;
/** The progress note changes at most this often. */
const PROGRESS_MS = 500;
/** Rows copied between clock reads. */
const ROWS_PER_CHECK = 500;
/** Below this many rows the copy is made at once: no progress note flickers for a small range. */
const AT_ONCE_ROWS = 5_000;

export interface RangeCopyReport {
  done(copy: GridCopy): void;
  /** "Copying rows… 120,000 of 450,000"; empty when the copy has ended. */
  progress(note: string): void;
}

export class RangeCopy {
  private run = 0;

  start(
    table: TableCells,
    view: ArrayLike<number>,
    first: number,
    last: number,
    headers: boolean,
    report: RangeCopyReport,
    /** Only these columns, else every column. */
    cols?: readonly number[],
  ): void {
    const run = ++this.run;
    const selectedRows = last - first + 1;
    const copier = rowsCopier(table, view, first, last, headers, undefined, cols);
    let copied = 0;
    let reported = 0;
    const finish = (made: { text: string; rows: number }): void => {
      report.progress('');
      report.done({
        what: 'rows',
        text: made.text,
        rows: made.rows,
        headers,
        ...(made.rows < selectedRows ? { selectedRows } : {}),
      });
    };
    if (selectedRows <= AT_ONCE_ROWS) {
      const made = copier.next(selectedRows);
      if (made) {
        finish(made);
      }
      return;
    }
    const slice = (): void => {
      if (run !== this.run) {
        return;
      }
      const until = performance.now() + SLICE_MS;
      do {
        const made = copier.next(ROWS_PER_CHECK);
        copied += ROWS_PER_CHECK;
        if (made) {
          finish(made);
          return;
        }
      } while (performance.now() < until);
      // The note is in a live region: a few updates a second, not one a frame, for a screen reader.
      if (performance.now() - reported > PROGRESS_MS) {
        reported = performance.now();
        report.progress(
          `Copying rows… ${Math.min(copied, selectedRows).toLocaleString('en-US')} of ${selectedRows.toLocaleString('en-US')}`,
        );
      }
      setTimeout(slice, 0);
    };
    slice();
  }
}
