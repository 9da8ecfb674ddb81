/** One query the CLI runs: a block of a .kql file, a notebook cell, or the query on the command line. */
import type { KqlError } from '../kql';

export interface QueryUnit {
  readonly text: string;
  /** A notebook cell that only defines names: checked, not run, and shown as "defines: …". */
  readonly defines?: string;
  /** Turns an error's range in `text` into "file:line:col: message" (notebook cells carry a prelude). */
  readonly describe?: (e: KqlError) => string;
  /** Shown above the block's output in -f mode. */
  readonly title?: string;
  /** Added to error positions so they point into the file. */
  readonly lineOffset: number;
  readonly file?: string;
  /** A notebook cell (a report's part): when it reads a table the workspace lacks, it says so and is skipped. */
  readonly notebookCell?: boolean;
}
