/**
 * The messages the extension host and the results webview exchange. Both bundles import this file, so
 * a message's shape is declared once; `validate.ts` checks everything that crosses the boundary at run
 * time, because a webview is untrusted input as far as the host is concerned.
 */

import type { SortState } from '../render/rowOrder';
import type { QueryResult } from '../results/queryResult';
import type { ColumnarTable } from './columnar';

/** Where a query came from, so errors and diagnostics can point back into the document. */
export interface QueryOrigin {
  readonly documentUri: string;
  readonly queryText: string;
  /** 0-based document line of the query's first line. */
  readonly blockStartLine: number;
}

export interface ResultViewOptions {
  /** `kql.results.maxChartPoints`. */
  readonly maxChartPoints: number;
  /** The time range the run applied, in words for the header ("Last 24 hours · … → … UTC", "Time range set in query"). */
  readonly timeRange?: string;
}

export type RunErrorKind = 'query' | 'backend' | 'cancelled' | 'timeout';

/** Where a run stands in "Run all": the panel keeps every query's outcome and lets the user pick one. */
export interface BatchPosition {
  /** 0-based position of this query among the file's queries. */
  readonly index: number;
  readonly count: number;
}

// Host → webview.
export interface RunningMessage extends QueryOrigin {
  readonly type: 'running';
  readonly batch?: BatchPosition;
}
/** A query result as it travels to the webview: its tables as columns of typed arrays. */
export interface ResultPayload extends Omit<QueryResult, 'tables'> {
  readonly tables: readonly ColumnarTable[];
}
export interface ShowResultMessage extends QueryOrigin {
  readonly type: 'showResult';
  readonly batch?: BatchPosition;
  readonly result: ResultPayload;
  readonly options: ResultViewOptions;
}
export interface ShowErrorMessage extends QueryOrigin {
  readonly type: 'showError';
  readonly batch?: BatchPosition;
  readonly kind: RunErrorKind;
  /** What happened, in a few words ("Log Analytics rejected the query"); the kind's own heading without it. */
  readonly heading?: string;
  readonly message: string;
  /**
   * Where a timed-out or cancelled run was and what to change (results/stopPoint.ts): shown as text
   * below the message, cut to MAX_DETAIL_CHARS (table names come from a user's files).
   */
  readonly detail?: string;
  /** The setting that holds the limit the run met (`kql.local.timeoutSeconds`): the panel links to it. */
  readonly setting?: string;
  /** 1-based document line and column of a query error. */
  readonly line?: number;
  readonly column?: number;
}
export interface CancelledMessage {
  readonly type: 'cancelled';
}
/** Tells the webview that the document is closed or the result is gone after a reload. */
export interface ClearMessage {
  readonly type: 'clear';
  readonly note: string;
}

export type HostMessage = RunningMessage | ShowResultMessage | ShowErrorMessage | CancelledMessage | ClearMessage;

// Webview → host.
export interface ReadyMessage {
  readonly type: 'ready';
}
export type DataExportFormat = 'csv' | 'json';
/**
 * The host exports the result it holds, so 100k rows never travel back across the boundary. With a
 * `view` it exports the rows the grid shows (its filter and sort, applied by the same code); without
 * one, every row in the result's order.
 */
export interface ExportDataMessage {
  readonly type: 'exportData';
  readonly format: DataExportFormat;
  readonly tableIndex: number;
  /** After "Run all": which query's result (see BatchPosition); absent for a single run. */
  readonly batchIndex?: number;
  readonly view?: { readonly filter: string; readonly sort?: SortState };
}
export type ImageExportFormat = 'png' | 'svg';
export interface ExportImageMessage {
  readonly type: 'exportImage';
  readonly format: ImageExportFormat;
  /** A `data:image/png;base64,…` URL for png, the SVG document for svg. */
  readonly data: string;
}
export interface CopyMessage {
  readonly type: 'copy';
  /** `rows`: a range of rows (`rows` of them, out of `selectedRows` when the copy was cut). */
  readonly what: 'cell' | 'row' | 'rows' | 'spec';
  readonly text: string;
  readonly rows?: number;
  readonly selectedRows?: number;
  /** The text starts with a line of column names. */
  readonly headers?: boolean;
}
/** Opens the chart's Vega-Lite spec as a JSON document. */
export interface OpenSpecMessage {
  readonly type: 'openSpec';
  readonly spec: string;
}
/** Re-run the query shown (after a reload, or from the panel's toolbar). */
export interface RerunMessage {
  readonly type: 'rerun';
}
/** Jump to a query error's place in the document. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly line: number;
  readonly column: number;
}
/** Open the Settings editor at a limit's setting (the host opens only the limits' own, LIMIT_SETTINGS). */
export interface OpenSettingMessage {
  readonly type: 'openSetting';
  readonly setting: string;
}
export interface WebviewLogMessage {
  readonly type: 'log';
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
}

export type WebviewMessage =
  | ReadyMessage
  | ExportDataMessage
  | ExportImageMessage
  | CopyMessage
  | OpenSpecMessage
  | RerunMessage
  | RevealMessage
  | OpenSettingMessage
  | WebviewLogMessage;

/** What the webview keeps in `vscode.setState`, read back by the panel serializer after a reload. */
export interface ResultsPanelState {
  readonly documentUri: string;
  readonly queryText?: string;
  readonly blockStartLine?: number;
  readonly activeTab?: 'results' | 'chart' | 'errors';
}

/** Limits that keep a hostile or buggy webview from making the host allocate or save something huge. */
export const MAX_COPY_CHARS = 50_000_000;
export const MAX_IMAGE_CHARS = 100_000_000;
export const MAX_LOG_CHARS = 10_000;
export const MAX_FILTER_CHARS = 10_000;
