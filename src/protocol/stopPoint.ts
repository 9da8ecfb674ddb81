/**
 * The checks on where a stopped run was (results/stopPoint.ts) and on the words the panel shows for it,
 * wherever they cross a boundary: from the engine worker or process to the extension host, and from the
 * host to the results webview. Table names come from a user's export folder and the operator from the
 * query's text, so either may be long or hold markup: texts are cut here, and shown only as text.
 * Something malformed is dropped rather than failing the error it rides on.
 */
import { MAX_OPERATOR_CHARS, oneLine, type StopPoint } from '../results/stopPoint';

/** The longest table name kept (file names make table names; a file system allows 255 bytes). */
export const MAX_STOP_NAME_CHARS = 200;
/** Tables named as loaded: a query over more says "and N more". */
export const MAX_STOP_LOADED = 10;
/** The longest stop description (and other detail) a showError message may carry to the webview. */
export const MAX_DETAIL_CHARS = 1_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined;
const text = (v: unknown, max: number): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = oneLine(v, max);
  return t === '' ? undefined : t;
};

/** `text` cut to MAX_DETAIL_CHARS (with an ellipsis), for a message's detail. */
export function cutDetail(detail: string): string {
  return detail.length > MAX_DETAIL_CHARS ? `${detail.slice(0, MAX_DETAIL_CHARS - 1)}…` : detail;
}

function loadedNames(v: unknown): readonly string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const names = v.map((n) => text(n, MAX_STOP_NAME_CHARS)).filter((n): n is string => n !== undefined);
  if (names.length === 0) return undefined;
  return names.length > MAX_STOP_LOADED
    ? [...names.slice(0, MAX_STOP_LOADED), `${names.length - MAX_STOP_LOADED} more`]
    : names;
}

/** A stop point as it may be trusted: its texts cut, its numbers whole and not negative; undefined when unusable. */
export function validateStopPoint(v: unknown): StopPoint | undefined {
  if (!isObj(v)) return undefined;
  const loaded = loadedNames(v.loaded);
  const withLoaded = loaded ? { loaded } : {};
  switch (v.stage) {
    case 'load': {
      const table = text(v.table, MAX_STOP_NAME_CHARS);
      const bytes = count(v.bytes);
      const totalBytes = count(v.totalBytes);
      if (table === undefined || bytes === undefined || totalBytes === undefined) return undefined;
      const filesDone = count(v.filesDone);
      const files = count(v.files);
      const rows = count(v.rows);
      return {
        stage: 'load',
        table,
        bytes,
        totalBytes: Math.max(bytes, totalBytes),
        ...(filesDone !== undefined && files !== undefined && filesDone <= files ? { filesDone, files } : {}),
        ...(rows !== undefined ? { rows } : {}),
        ...withLoaded,
      };
    }
    case 'query': {
      const operator = text(v.operator, MAX_OPERATOR_CHARS);
      const line = count(v.line);
      return {
        stage: 'query',
        ...(operator !== undefined ? { operator } : {}),
        ...(operator !== undefined && line !== undefined && line >= 1 ? { line } : {}),
        ...withLoaded,
      };
    }
    case 'result': {
      const rows = count(v.rows);
      const totalRows = count(v.totalRows);
      return {
        stage: 'result',
        ...(rows !== undefined && totalRows !== undefined && rows <= totalRows ? { rows, totalRows } : {}),
        ...withLoaded,
      };
    }
    default:
      return undefined;
  }
}
