/**
 * What a cell's output tells its status bar: the rows it returned and the backend that answered. A
 * result's is read from its payload, so a notebook reopened from its file shows them as they were shown
 * when the cell ran (VS Code keeps an output's metadata only for the session; the file keeps the payload).
 */
import { ERROR_MIME, type NotebookResultPayload, type OutputItemJson, RESULT_MIME } from './notebookFile';

export interface CellOutputMetadata {
  /** Rows of the primary table; absent for a failure. */
  readonly rowCount?: number;
  /** Rows of each table, when the result has several. */
  readonly tableRows?: readonly number[];
  /** A partial answer (the service stopped early): its count is marked so. */
  readonly partial?: boolean;
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
    ...(payload.result.stats.partial === true ? { partial: true } : {}),
    ...(backend ? { backend } : {}),
  };
}

/**
 * A failure's error item (VS Code's `{"name","message","stack"}` text) with the label of the backend that
 * failed added, so the file keeps it: VS Code saves no output metadata, and an error has no payload to
 * carry it as a result's does. VS Code's error renderer reads only name, message and stack.
 */
export function errorTextWithBackend(text: string, backend: unknown): string {
  const label = shownLabel(backend);
  if (!label) {
    return text;
  }
  try {
    const error = JSON.parse(text) as unknown;
    if (error === null || typeof error !== 'object' || Array.isArray(error)) {
      return text;
    }
    return JSON.stringify({ ...(error as Record<string, unknown>), backend: label });
  } catch {
    return text;
  }
}

/**
 * What a saved output tells its reopened cell's status bar: a result's rows and backend, a failure's
 * backend (kept by errorTextWithBackend), or nothing for a note.
 */
export function savedOutputMetadata(items: readonly OutputItemJson[]): CellOutputMetadata | undefined {
  const result = items.find((i) => i.mime === RESULT_MIME)?.value as NotebookResultPayload | undefined;
  if (result) {
    return resultOutputMetadata(result);
  }
  const error = items.find((i) => i.mime === ERROR_MIME)?.value;
  if (typeof error !== 'string') {
    return undefined;
  }
  try {
    const backend = shownLabel((JSON.parse(error) as { backend?: unknown } | null)?.backend);
    return backend ? { backend } : undefined;
  } catch {
    return undefined;
  }
}
