/**
 * The `.kqlnb` file format: JSON that diffs well. Keys are written in one fixed order, each cell is its
 * own object, cell text is a list of lines, a result row is one line. Saved outputs are optional and
 * bounded: a result keeps at most `maxSavedRows` rows of each table, and says how many it had, so a
 * notebook with a big result never becomes a file that freezes the editor.
 */
import type { QueryResult, ResultTable } from '../results/queryResult';

export const NOTEBOOK_TYPE = 'kql-notebook';
/** The output of a cell that ran a query: a NotebookResultPayload as JSON. */
export const RESULT_MIME = 'application/vnd.kql.result+json';
export const FORMAT_VERSION = 1;
/** VS Code's mime of a cell's error output (name, message), as the controller writes it. */
export const ERROR_MIME = 'application/vnd.code.notebook.error';
/**
 * The outputs a notebook read from a file shows as they are: the ones this extension writes, and the
 * plain streams. Anything else (HTML, SVG, markdown, JavaScript) came from a hand-edited or hostile file
 * and is shown as its text, so opening a notebook never runs a script or fetches an image.
 */
const SHOWN_MIMES: ReadonlySet<string> = new Set([
  RESULT_MIME,
  ERROR_MIME,
  'text/plain',
  'application/vnd.code.notebook.stdout',
  'application/vnd.code.notebook.stderr',
]);
/** Rows of each result table a saved notebook keeps unless the user sets another number. */
export const DEFAULT_SAVED_ROWS = 2000;

export interface NotebookResultPayload {
  readonly result: QueryResult;
  /** Rows of the primary table the query returned; more than the rows here when saving dropped some. */
  readonly rowsReturned: number;
  /**
   * Rows each table returned, in the result's order, when it has several tables (fork, facet, a batch
   * of statements); absent for one table, so such outputs are written as before.
   */
  readonly tableRowsReturned?: readonly number[];
  /**
   * The label of the backend that answered ("Sample data", "Log Analytics: 7c2e4b1a…"), so a reopened
   * notebook still says where each result came from; absent in files written before it was kept.
   */
  readonly backend?: string;
}

export interface OutputItemJson {
  readonly mime: string;
  /** Parsed JSON for JSON mime types, text otherwise. */
  readonly value: unknown;
}

export interface CellJson {
  readonly kind: 'markdown' | 'code';
  readonly language: string;
  readonly source: string;
  readonly outputs?: readonly (readonly OutputItemJson[])[];
  readonly executionOrder?: number;
  readonly durationMs?: number;
}

export interface NotebookJson {
  readonly cells: readonly CellJson[];
}

export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookFormatError';
  }
}

export function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

/**
 * Whether a saved cell's last run succeeded, as its status shows when the file is reopened: the file
 * keeps no flag for it, and a run that failed or was cancelled left an error output.
 */
export function ranWithoutError(cell: CellJson): boolean {
  return !cell.outputs?.some((items) => items.some((it) => it.mime === ERROR_MIME));
}

/** The payload with each table cut to `maxRows` rows; rowsReturned keeps the original count. */
export function capResult(payload: NotebookResultPayload, maxRows: number): NotebookResultPayload {
  const cut = (t: ResultTable): ResultTable => (t.rows.length > maxRows ? { ...t, rows: t.rows.slice(0, maxRows) } : t);
  const { tables } = payload.result;
  if (tables.every((t) => t.rows.length <= maxRows)) {
    return payload;
  }
  // Every table's count is kept, so each capped table can say how many rows it had.
  const tableRowsReturned =
    payload.tableRowsReturned ??
    (tables.length > 1 ? tables.map((t, i) => (i === 0 ? payload.rowsReturned : t.rows.length)) : undefined);
  return {
    ...payload,
    ...(tableRowsReturned ? { tableRowsReturned } : {}),
    result: { ...payload.result, tables: tables.map(cut) },
  };
}

/** "1 row", "12,345 rows": a cell's row count as its status bar and summary show it. */
export function rowsText(n: number): string {
  return `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}

/** The rows table `index` of the result returned, before saving cut any. */
export function rowsReturnedOf(payload: NotebookResultPayload, index: number): number {
  return index === 0
    ? payload.rowsReturned
    : (payload.tableRowsReturned?.[index] ?? payload.result.tables[index]?.rows.length ?? 0);
}

/**
 * "Saved 2,000 of 100,000 rows: run the cell again for all of them." for table `index` of the result,
 * or undefined when none were dropped.
 */
export function savedRowsNote(payload: NotebookResultPayload, index = 0): string | undefined {
  const kept = payload.result.tables[index]?.rows.length ?? 0;
  const returned = rowsReturnedOf(payload, index);
  if (kept >= returned) {
    return undefined;
  }
  return `Saved ${kept.toLocaleString('en-US')} of ${returned.toLocaleString('en-US')} rows: run the cell again for all of them.`;
}

/**
 * Why a result payload read from a file or handed to the renderer cannot be shown, or undefined when
 * its counts are whole: `rowsReturned`, and `tableRowsReturned` (when given) one count per table.
 */
export function payloadCountsProblem(p: Partial<NotebookResultPayload>, tableCount: number): string | undefined {
  if (typeof p.rowsReturned !== 'number') {
    return 'the output has no rowsReturned';
  }
  const perTable = p.tableRowsReturned;
  if (
    perTable !== undefined &&
    !(Array.isArray(perTable) && perTable.length === tableCount && perTable.every((n) => typeof n === 'number'))
  ) {
    return `"tableRowsReturned" must be one number for each of the ${tableCount} tables`;
  }
  return undefined;
}

// --- writing ---------------------------------------------------------------------------------------

function compact(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

function writeValue(v: unknown, indent: string, expand: boolean): string {
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    const oneLine = compact(v);
    if (
      v.length === 0 ||
      (!expand && oneLine.length <= 100 && !v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x)))
    ) {
      return oneLine;
    }
    return `[\n${v.map((x) => inner + writeValue(x, inner, false)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (entries.length === 0) {
      return '{}';
    }
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${writeValue(x, inner, k === 'source' || k === 'rows')}`).join(',\n')}\n${indent}}`;
  }
  return compact(v);
}

function lines(text: string): string[] {
  // Each line keeps its own end, so joining gives the text back exactly (\r\n included).
  return text === '' ? [] : text.match(/[^\n]*\n|[^\n]+$/g)!;
}

/** The file's text. Outputs are written only when `maxSavedRows` is above zero. */
export function writeNotebook(notebook: NotebookJson, maxSavedRows: number): string {
  const cells = notebook.cells.map((c) => {
    const outputs =
      maxSavedRows > 0 && c.kind === 'code' && c.outputs?.length
        ? c.outputs.map((items) =>
            items.map((it) => ({
              mime: it.mime,
              value: it.mime === RESULT_MIME ? capResult(it.value as NotebookResultPayload, maxSavedRows) : it.value,
            })),
          )
        : undefined;
    // The fixed key order of every cell object.
    return {
      kind: c.kind,
      language: c.language,
      source: lines(c.source),
      executionOrder: outputs ? c.executionOrder : undefined,
      durationMs: outputs && c.durationMs !== undefined ? Math.round(c.durationMs) : undefined,
      outputs,
    };
  });
  return `${writeValue({ kqlNotebook: FORMAT_VERSION, cells }, '', false)}\n`;
}

// --- reading ---------------------------------------------------------------------------------------

function fail(where: string, why: string): never {
  throw new NotebookFormatError(`${where}: ${why}`);
}

function readOutputs(raw: unknown, where: string, maxRows: number): OutputItemJson[][] | undefined {
  if (raw === undefined) {
    return undefined;
  }
  if (!Array.isArray(raw)) {
    fail(where, '"outputs" must be a list');
  }
  return raw.map((items, i) => {
    if (!Array.isArray(items)) {
      fail(`${where}, output ${i + 1}`, 'must be a list of items');
    }
    return items.map((it: unknown, j) => {
      const w = `${where}, output ${i + 1}, item ${j + 1}`;
      if (it === null || typeof it !== 'object' || typeof (it as { mime?: unknown }).mime !== 'string') {
        fail(w, 'needs a "mime" string');
      }
      const { mime, value } = it as { mime: string; value: unknown };
      if (!SHOWN_MIMES.has(mime)) {
        return { mime: 'text/plain', value: typeof value === 'string' ? value : JSON.stringify(value, null, 2) };
      }
      if (!isJsonMime(mime) && typeof value !== 'string') {
        fail(w, `a ${mime} item's "value" must be text`);
      }
      if (mime === RESULT_MIME) {
        const p = value as Partial<NotebookResultPayload> | null;
        if (!p || typeof p.rowsReturned !== 'number' || !p.result || !Array.isArray(p.result.tables)) {
          fail(w, 'a query result needs "result.tables" and "rowsReturned"');
        }
        const noRows = p.result.tables.findIndex(
          (t: unknown) => !Array.isArray((t as { rows?: unknown } | null)?.rows),
        );
        if (noRows >= 0) {
          fail(w, `table ${noRows + 1} of the result needs a "rows" list`);
        }
        const problem = payloadCountsProblem(p, p.result.tables.length);
        if (problem) {
          fail(w, problem);
        }
        // A hand-made or older file may hold far more rows than a save keeps: the editor gets what a save keeps.
        return { mime, value: maxRows > 0 ? capResult(p as NotebookResultPayload, maxRows) : p };
      }
      return { mime, value };
    });
  });
}

/** JSON.parse's message with the line and column it points at (it gives only a character offset). */
function jsonErrorText(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  const offset = at ? Number(at[1]) : /^Unexpected end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) {
    return message;
  }
  const before = text.slice(0, offset).split('\n');
  return `${message} (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}

/**
 * Reads a .kqlnb file; an empty file is an empty notebook. Errors say which cell and why. With
 * `maxRows` above zero, each saved result keeps at most that many rows of each table (and says how many
 * there were), as saving would.
 */
export function readNotebook(text: string, maxRows = 0): NotebookJson {
  if (text.trim() === '') {
    return { cells: [] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    fail('The notebook is not valid JSON', jsonErrorText(text, (e as Error).message));
  }
  if (raw === null || typeof raw !== 'object' || !Array.isArray((raw as { cells?: unknown }).cells)) {
    fail('The notebook', 'needs a "cells" list');
  }
  const version = (raw as { kqlNotebook?: unknown }).kqlNotebook;
  if (version !== undefined && version !== FORMAT_VERSION) {
    fail('The notebook', `is format version ${String(version)}; this extension reads version ${FORMAT_VERSION}`);
  }
  const cells = (raw as { cells: unknown[] }).cells.map((c, i): CellJson => {
    const where = `Cell ${i + 1}`;
    if (c === null || typeof c !== 'object') {
      fail(where, 'must be an object');
    }
    const cell = c as Record<string, unknown>;
    if (cell.kind !== 'markdown' && cell.kind !== 'code') {
      fail(where, '"kind" must be "markdown" or "code"');
    }
    const source = cell.source;
    if (!(typeof source === 'string' || (Array.isArray(source) && source.every((l) => typeof l === 'string')))) {
      fail(where, '"source" must be a list of lines');
    }
    const outputs = readOutputs(cell.outputs, where, maxRows);
    return {
      kind: cell.kind,
      language: typeof cell.language === 'string' ? cell.language : cell.kind === 'markdown' ? 'markdown' : 'kql',
      source: typeof source === 'string' ? source : (source as string[]).join(''),
      ...(outputs ? { outputs } : {}),
      ...(typeof cell.executionOrder === 'number' ? { executionOrder: cell.executionOrder } : {}),
      ...(typeof cell.durationMs === 'number' ? { durationMs: cell.durationMs } : {}),
    };
  });
  return { cells };
}
