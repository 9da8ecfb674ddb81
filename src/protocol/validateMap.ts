/**
 * Run-time checks for the dependency map's messages. The host accepts only the webview messages of
 * mapMessages.ts with bounded, well-formed fields; the webview accepts only host messages whose graph
 * has the arrays it iterates.
 */
import type { MapHostMessage, MapTimeWindow, MapWebviewMessage } from './mapMessages';
import type { Validated } from './validate';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (reason: string): Validated<never> => ({ ok: false, reason });

const MAX_ID = 2000;
/** A UTC instant as the webview writes it (Date.toISOString). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function validWindow(v: unknown): MapTimeWindow | undefined {
  if (
    !isObj(v) ||
    typeof v.start !== 'string' ||
    typeof v.end !== 'string' ||
    !INSTANT.test(v.start) ||
    !INSTANT.test(v.end)
  ) {
    return undefined;
  }
  const start = Date.parse(v.start);
  const end = Date.parse(v.end);
  return Number.isFinite(start) && Number.isFinite(end) && start < end ? { start: v.start, end: v.end } : undefined;
}

export function validateMapWebviewMessage(m: unknown): Validated<MapWebviewMessage> {
  if (!isObj(m) || typeof m.type !== 'string') {
    return fail('not an object with a string "type"');
  }
  switch (m.type) {
    case 'ready':
    case 'clearCompare':
    case 'showDiffQuery':
      return { ok: true, value: { type: m.type } };
    case 'openNode':
      return typeof m.id === 'string' && m.id.length > 0 && m.id.length <= MAX_ID
        ? { ok: true, value: { type: 'openNode', id: m.id } }
        : fail('openNode needs an id');
    case 'setWindow': {
      const window = validWindow(m.window);
      return window
        ? { ok: true, value: { type: 'setWindow', window } }
        : fail('setWindow needs a window of two UTC instants, start before end');
    }
    case 'compare': {
      const before = validWindow(m.before);
      const after = validWindow(m.after);
      return before && after
        ? { ok: true, value: { type: 'compare', before, after } }
        : fail('compare needs two windows of UTC instants, each starting before it ends');
    }
    case 'exportDiff':
      return m.format === 'csv' || m.format === 'json'
        ? { ok: true, value: { type: 'exportDiff', format: m.format } }
        : fail('exportDiff needs format csv|json');
    default:
      return fail(`unknown message type "${m.type.slice(0, 40)}"`);
  }
}

const arraysOf = (o: Obj, keys: readonly string[]): boolean =>
  keys.every((k) => Array.isArray(o[k]) && (o[k] as unknown[]).every(isObj));

export function validateMapHostMessage(m: unknown): Validated<MapHostMessage> {
  if (!isObj(m) || typeof m.type !== 'string') {
    return fail('not an object with a string "type"');
  }
  switch (m.type) {
    case 'mapLoading':
      return typeof m.note === 'string'
        ? { ok: true, value: { type: 'mapLoading', note: m.note } }
        : fail('mapLoading needs a note');
    case 'mapError':
      return typeof m.message === 'string'
        ? { ok: true, value: { type: 'mapError', message: m.message } }
        : fail('mapError needs a message');
    case 'mapGraph': {
      if (
        typeof m.title !== 'string' ||
        !isObj(m.graph) ||
        !arraysOf(m.graph, ['machines', 'processes', 'groups', 'endpoints', 'links'])
      ) {
        return fail('mapGraph needs a title and a graph of machines, processes, groups, endpoints and links');
      }
      if (
        (m.mode !== 'fleet' && m.mode !== 'focus') ||
        !Array.isArray(m.focus) ||
        !m.focus.every((f) => typeof f === 'string')
      ) {
        return fail('mapGraph needs a mode fleet|focus and a list of focus ids');
      }
      if (!validWindow(m.range) || !validWindow(m.window)) {
        return fail('mapGraph needs a range and a window');
      }
      if (m.empty !== undefined && typeof m.empty !== 'string') {
        return fail('mapGraph empty must be text');
      }
      if (
        m.diff !== undefined &&
        (!isObj(m.diff) ||
          !validWindow(m.diff.before) ||
          !validWindow(m.diff.after) ||
          !Array.isArray(m.diff.rows) ||
          !m.diff.rows.every(isObj) ||
          (m.diff.notes !== undefined &&
            (!Array.isArray(m.diff.notes) || !m.diff.notes.every((n: unknown) => typeof n === 'string'))))
      ) {
        return fail('mapGraph diff needs two windows, rows and text notes');
      }
      return { ok: true, value: m as unknown as MapHostMessage };
    }
    default:
      return fail(`unknown message type "${m.type.slice(0, 40)}"`);
  }
}
