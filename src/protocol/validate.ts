/**
 * Run-time checks for every message that crosses the host ↔ webview boundary. Each returns the typed
 * message or a reason it was refused, so the receiver can log the reason and drop the message.
 */
import type { QueryResult, RenderInfo, ResultTable } from '../results/queryResult';
import { KQL_TYPES, type KqlType } from '../schema/types';
import { type ColumnarTable, columnarProblem } from './columnar';
import { cutDetail } from './stopPoint';
import {
  type ExportDataMessage,
  type HostMessage,
  MAX_COPY_CHARS,
  MAX_FILTER_CHARS,
  MAX_IMAGE_CHARS,
  MAX_LOG_CHARS,
  type ResultPayload,
  type ResultsPanelState,
  type WebviewMessage,
} from './messages';

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isStr(v: unknown, max = Number.MAX_SAFE_INTEGER): v is string {
  return typeof v === 'string' && v.length <= max;
}
function isInt(v: unknown, min = 0): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min;
}
function isFiniteNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function oneOf<T extends string>(v: unknown, options: readonly T[]): v is T {
  return typeof v === 'string' && (options as readonly string[]).includes(v);
}
function optional(o: Obj, key: string, check: (v: unknown) => boolean): boolean {
  return o[key] === undefined || check(o[key]);
}

const fail = (reason: string): Validated<never> => ({ ok: false, reason });

/** One of this extension's settings, by its id (`kql.local.timeoutSeconds`): nothing else may be opened. */
function isSettingId(v: unknown): v is string {
  return isStr(v, 100) && /^kql(\.[A-Za-z][A-Za-z0-9]*)+$/.test(v);
}

/** Checks a message the webview sent. Anything else it might send is refused. */
export function validateWebviewMessage(m: unknown): Validated<WebviewMessage> {
  if (!isObj(m) || typeof m.type !== 'string') {
    return fail('not an object with a string "type"');
  }
  switch (m.type) {
    case 'ready':
    case 'rerun':
      return { ok: true, value: { type: m.type } };
    case 'exportData':
      if (!oneOf(m.format, ['csv', 'json'] as const) || !isInt(m.tableIndex)) {
        return fail('exportData needs format csv|json and a table index');
      }
      if (!optional(m, 'batchIndex', (v) => isInt(v))) {
        return fail('exportData batchIndex is a non-negative integer');
      }
      if (!optional(m, 'view', isRowView)) {
        return fail('exportData view needs a filter string and an optional sort { column, descending }');
      }
      return {
        ok: true,
        value: {
          type: 'exportData',
          format: m.format,
          tableIndex: m.tableIndex,
          ...(m.batchIndex !== undefined ? { batchIndex: m.batchIndex as number } : {}),
          ...(m.view !== undefined ? { view: m.view as ExportDataMessage['view'] } : {}),
        },
      };
    case 'exportImage':
      if (!oneOf(m.format, ['png', 'svg'] as const) || !isStr(m.data, MAX_IMAGE_CHARS)) {
        return fail('exportImage needs format png|svg and data');
      }
      if (m.format === 'png' && !m.data.startsWith('data:image/png;base64,')) {
        return fail('exportImage png data is not a base64 PNG data URL');
      }
      if (m.format === 'svg' && !/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(m.data)) {
        return fail('exportImage svg data is not an SVG document');
      }
      return { ok: true, value: { type: 'exportImage', format: m.format, data: m.data } };
    case 'copy':
      if (!oneOf(m.what, ['cell', 'row', 'rows', 'spec'] as const) || !isStr(m.text, MAX_COPY_CHARS)) {
        return fail('copy needs what cell|row|rows|spec and text');
      }
      if (
        !optional(m, 'rows', (v) => isInt(v, 1)) ||
        !optional(m, 'selectedRows', (v) => isInt(v, 1)) ||
        !optional(m, 'headers', (v) => typeof v === 'boolean')
      ) {
        return fail('copy rows and selectedRows are counts, headers a boolean');
      }
      return {
        ok: true,
        value: {
          type: 'copy',
          what: m.what,
          text: m.text,
          ...(m.rows !== undefined ? { rows: m.rows as number } : {}),
          ...(m.selectedRows !== undefined ? { selectedRows: m.selectedRows as number } : {}),
          ...(m.headers !== undefined ? { headers: m.headers as boolean } : {}),
        },
      };
    case 'openSpec':
      if (!isStr(m.spec, MAX_COPY_CHARS)) {
        return fail('openSpec needs a spec string');
      }
      return { ok: true, value: { type: 'openSpec', spec: m.spec } };
    case 'reveal':
      if (!isInt(m.line, 1) || !isInt(m.column, 1)) {
        return fail('reveal needs a 1-based line and column');
      }
      return { ok: true, value: { type: 'reveal', line: m.line, column: m.column } };
    case 'openSetting':
      if (!isSettingId(m.setting)) {
        return fail('openSetting needs a kql.… setting id');
      }
      return { ok: true, value: { type: 'openSetting', setting: m.setting } };
    case 'log':
      if (!oneOf(m.level, ['info', 'warn', 'error'] as const) || !isStr(m.message)) {
        return fail('log needs level info|warn|error and a message');
      }
      return { ok: true, value: { type: 'log', level: m.level, message: m.message.slice(0, MAX_LOG_CHARS) } };
    default:
      return fail(`unknown message type "${m.type.slice(0, 40)}"`);
  }
}

function isRowView(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.filter, MAX_FILTER_CHARS) &&
    optional(v, 'sort', (s) => isObj(s) && isInt(s.column) && typeof s.descending === 'boolean')
  );
}

function originProblem(m: Obj): string | undefined {
  if (!isStr(m.documentUri) || !isStr(m.queryText) || !isInt(m.blockStartLine)) {
    return 'needs documentUri, queryText and blockStartLine';
  }
  if (!optional(m, 'batch', (b) => isObj(b) && isInt(b.count, 1) && isInt(b.index) && b.index < b.count)) {
    return 'has a batch that is not { index, count } with 0 ≤ index < count';
  }
  return undefined;
}

function tableProblem(t: unknown, index: number): string | undefined {
  if (!isObj(t) || !isStr(t.name) || !Array.isArray(t.columns) || !Array.isArray(t.rows)) {
    return `table ${index} needs name, columns and rows`;
  }
  const width = t.columns.length;
  for (const c of t.columns) {
    if (!isObj(c) || !isStr(c.name) || !oneOf<KqlType>(c.type, KQL_TYPES)) {
      return `table ${index} has a column without a name or a known type`;
    }
  }
  for (let r = 0; r < t.rows.length; r++) {
    const row: unknown = t.rows[r];
    if (!Array.isArray(row) || row.length !== width) {
      return `table ${index} row ${r} does not have ${width} values`;
    }
  }
  return undefined;
}

function renderProblem(r: unknown): string | undefined {
  if (r === undefined) {
    return undefined;
  }
  if (!isObj(r) || !isStr(r.visualization)) {
    return 'render needs a visualization';
  }
  const strings = ['title', 'kind', 'xcolumn', 'xtitle', 'ytitle', 'legend', 'ysplit'];
  const lists = ['ycolumns', 'series'];
  const ok =
    strings.every((k) => optional(r, k, (v) => isStr(v))) &&
    lists.every((k) => optional(r, k, (v) => Array.isArray(v) && v.every((s) => isStr(s)))) &&
    optional(r, 'ymin', isFiniteNum) &&
    optional(r, 'ymax', isFiniteNum) &&
    optional(r, 'accumulate', (v) => typeof v === 'boolean');
  return ok ? undefined : 'render has a property of the wrong type';
}

/** Checks a query result's shape: every row as wide as its table, every column typed. */
export function validateQueryResult(v: unknown): Validated<QueryResult> {
  if (!isObj(v) || !Array.isArray(v.tables) || !isObj(v.stats) || !Array.isArray(v.warnings)) {
    return fail('result needs tables, stats and warnings');
  }
  for (let i = 0; i < v.tables.length; i++) {
    const problem = tableProblem(v.tables[i], i);
    if (problem) {
      return fail(problem);
    }
  }
  const meta = resultMetaProblem(v.stats, v.warnings, v.render);
  if (meta) {
    return fail(meta);
  }
  return {
    ok: true,
    value: {
      tables: v.tables as ResultTable[],
      render: v.render as RenderInfo | undefined,
      stats: v.stats as unknown as QueryResult['stats'],
      warnings: v.warnings as string[],
    },
  };
}

/** What is wrong with a result's stats, warnings and render request, whichever form its tables take. */
function resultMetaProblem(
  stats: Record<string, unknown>,
  warnings: readonly unknown[],
  render: unknown,
): string | undefined {
  if (
    !oneOf(stats.backend, ['local', 'logAnalytics'] as const) ||
    !isFiniteNum(stats.durationMs) ||
    !isInt(stats.rowCount) ||
    typeof stats.truncated !== 'boolean'
  ) {
    return 'result stats need backend, durationMs, rowCount and truncated';
  }
  if (!warnings.every((w) => isStr(w))) {
    return 'result warnings must be strings';
  }
  return renderProblem(render);
}

function columnsProblem(columns: unknown, index: number): string | undefined {
  if (
    !Array.isArray(columns) ||
    !columns.every((c) => isObj(c) && isStr(c.name) && oneOf<KqlType>(c.type, KQL_TYPES))
  ) {
    return `table ${index} has a column without a name or a known type`;
  }
  return undefined;
}

/** Checks a result as it travels to the webview: columnar tables within their bounds. */
export function validateResultPayload(v: unknown): Validated<ResultPayload> {
  if (!isObj(v) || !Array.isArray(v.tables) || !isObj(v.stats) || !Array.isArray(v.warnings)) {
    return fail('result needs tables, stats and warnings');
  }
  for (let i = 0; i < v.tables.length; i++) {
    const t: unknown = v.tables[i];
    const problem =
      !isObj(t) || !isStr(t.name) ? `table ${i} needs a name` : (columnsProblem(t.columns, i) ?? columnarProblem(t));
    if (problem) {
      return fail(problem.startsWith('table') ? problem : `table ${i} ${problem}`);
    }
  }
  const meta = resultMetaProblem(v.stats, v.warnings, v.render);
  if (meta) {
    return fail(meta);
  }
  return {
    ok: true,
    value: {
      tables: v.tables as ColumnarTable[],
      render: v.render as RenderInfo | undefined,
      stats: v.stats as unknown as QueryResult['stats'],
      warnings: v.warnings as string[],
    },
  };
}

/** Checks a message the host sent; the webview drops anything else. */
export function validateHostMessage(m: unknown): Validated<HostMessage> {
  if (!isObj(m) || typeof m.type !== 'string') {
    return fail('not an object with a string "type"');
  }
  switch (m.type) {
    case 'cancelled':
      return { ok: true, value: { type: 'cancelled' } };
    case 'clear':
      return isStr(m.note) ? { ok: true, value: { type: 'clear', note: m.note } } : fail('clear needs a note');
    case 'running': {
      const problem = originProblem(m);
      return problem ? fail(`running ${problem}`) : { ok: true, value: m as unknown as HostMessage };
    }
    case 'showResult': {
      const problem = originProblem(m);
      if (problem) {
        return fail(`showResult ${problem}`);
      }
      if (!isObj(m.options) || !isInt(m.options.maxChartPoints, 1)) {
        return fail('showResult needs options.maxChartPoints');
      }
      if (!optional(m.options, 'timeRange', isStr)) {
        return fail('showResult options.timeRange is text');
      }
      const result = validateResultPayload(m.result);
      return result.ok ? { ok: true, value: m as unknown as HostMessage } : fail(`showResult: ${result.reason}`);
    }
    case 'showError': {
      const problem = originProblem(m);
      if (problem) {
        return fail(`showError ${problem}`);
      }
      if (!oneOf(m.kind, ['query', 'backend', 'cancelled', 'timeout'] as const) || !isStr(m.message)) {
        return fail('showError needs a kind and a message');
      }
      if (!optional(m, 'line', (v) => isInt(v, 1)) || !optional(m, 'column', (v) => isInt(v, 1))) {
        return fail('showError line and column are 1-based integers');
      }
      if (!optional(m, 'heading', isStr)) {
        return fail('showError heading is text');
      }
      if (!optional(m, 'detail', isStr)) {
        return fail('showError detail is text');
      }
      if (!optional(m, 'setting', isSettingId)) {
        return fail('showError setting is a kql.… setting id');
      }
      // A detail names the user's tables and query: kept, but never longer than the panel shows.
      return {
        ok: true,
        value: (isStr(m.detail) ? { ...m, detail: cutDetail(m.detail) } : m) as unknown as HostMessage,
      };
    }
    default:
      return fail(`unknown message type "${m.type.slice(0, 40)}"`);
  }
}

/** The serializer reads this back after a reload; anything unusable means "no state". */
export function validatePanelState(s: unknown): ResultsPanelState | undefined {
  if (!isObj(s) || !isStr(s.documentUri)) {
    return undefined;
  }
  return {
    documentUri: s.documentUri,
    queryText: isStr(s.queryText) ? s.queryText : undefined,
    blockStartLine: isInt(s.blockStartLine) ? s.blockStartLine : undefined,
    activeTab: oneOf(s.activeTab, ['results', 'chart', 'errors'] as const) ? s.activeTab : undefined,
  };
}
