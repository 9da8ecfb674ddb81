/**
 * What a cell's output tells its status bar: the rows it returned and the backend that answered. A
 * result's is read from its payload, so a notebook reopened from its file shows them as they were shown
 * when the cell ran (VS Code keeps an output's metadata only for the session; the file keeps the payload).
 */
import type { NotebookResultPayload } from './notebookFile';

export interface CellOutputMetadata {
  /** Rows of the primary table; absent for a failure. */
  readonly rowCount?: number;
  /** Rows of each table, when the result has several. */
  readonly tableRows?: readonly number[];
  /** The label of the backend that answered ("Sample data", "Log Analytics: 7c2e4b1a…"); absent in older files. */
  readonly backend?: string;
}

/**
 * A label as a file gave it, fit to show in the status bar: text of a label's length, without `$(`,
 * which the status bar would draw as an icon (a hand-made file's "$(check) Verified").
 */
function shownLabel(label: unknown): string | undefined {
  return typeof label === 'string' && label.length > 0 && label.length <= 120 && !label.includes('$(')
    ? label
    : undefined;
}

export function resultOutputMetadata(payload: NotebookResultPayload): CellOutputMetadata {
  const backend = shownLabel(payload.backend);
  return {
    rowCount: payload.rowsReturned,
    ...(payload.tableRowsReturned ? { tableRows: payload.tableRowsReturned } : {}),
    ...(backend ? { backend } : {}),
  };
}
