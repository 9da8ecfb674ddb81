/**
 * The custom LSP messages between the extension's language client and the KQL language server, declared
 * once so both sides agree. Plain method names and payload types (no runtime import), so the client
 * builds them with vscode-languageclient's `NotificationType` and the server with vscode-languageserver's.
 */
import type { ParameterDeclaration } from '../kql/parameterDeclaration';

/** Columns whose workspace values the client fetches and the server offers after `==` and `in (`. */
export const LIVE_VALUE_COLUMNS = ['Computer', 'Machine', 'ProcessName', 'RemoteIp'] as const;
export type LiveValueColumn = (typeof LIVE_VALUE_COLUMNS)[number];

/**
 * Client → server: the distinct values the active backend holds, per column. Sending an empty map (or
 * a column with no values) clears them, e.g. when the user turns `kql.completion.liveValues` off.
 */
export const LiveValuesNotification = 'kql/liveValues';
export interface LiveValuesParams {
  /** Where the values came from, for the server's log ("Sample workspace", "Log Analytics: …"). */
  readonly source: string;
  readonly values: Readonly<Record<string, readonly string[]>>;
}

/**
 * Client → server: the active backend's workspace schema, in the Log Analytics metadata API's JSON
 * shape (`tables`, `functions`, `categories`/`solutions`), which the server validates and binds once.
 * Sent at start, on every backend or data change, and after a refresh; the server re-checks open
 * documents against it.
 */
export const SchemaNotification = 'kql/schema';
export interface SchemaParams {
  readonly source: {
    readonly kind: 'sample' | 'folder' | 'logAnalytics' | 'logAnalyticsQuery' | 'file' | 'cache';
    readonly label: string;
    readonly fetchedAt: string;
    readonly note?: string;
  };
  /** The metadata API document (or the same shape written by the extension). */
  readonly metadata: unknown;
}

/**
 * Client → server: whether the active backend's schema is on its way (a folder being scanned, a
 * workspace's tables being fetched). While it is, the server holds back "unknown name" errors, which may
 * only mean the schema has not arrived; the next `kql/schema`, `{ pending: false }` or a bound ends that.
 */
export const SchemaPendingNotification = 'kql/schemaPending';
export interface SchemaPendingParams {
  readonly pending: boolean;
  /** Where the schema comes from, for the server's log ("folder /data/exports"). */
  readonly source?: string;
  /**
   * 'signIn': the request waits on a credential (a sign-in may be on screen): held, the bound not begun.
   * 'request': the request has gone out: the server's bound counts from this notification. Absent: as
   * 'request', except that a wait already under way keeps its bound.
   */
  readonly phase?: 'signIn' | 'request';
}

/** The client's `initializationOptions`: a schema pending at start holds unknown names from the first check. */
export interface ServerInitializationOptions {
  readonly schemaPending?: boolean;
  readonly schemaSource?: string;
  /** As `SchemaPendingParams.phase`, for the schema pending at start. */
  readonly schemaPhase?: 'signIn' | 'request';
}

/**
 * Client → server: the KQL code cells of an open notebook, in order (their document URIs, scheme
 * vscode-notebook-cell), sent when it opens and whenever cells are added, removed or moved; an empty
 * list when it closes. The server gives each cell the definitions of the cells above it.
 */
export const NotebookCellsNotification = 'kql/notebookCells';
export interface NotebookCellsParams {
  readonly notebook: string;
  readonly cells: readonly string[];
}

/**
 * The server's log line that announces, right before it, a publication of a document's first check made
 * before the whole document was checked (the first queries' diagnostics only): `<this> <uri> v<version>:`.
 * Messages on one connection arrive in order, so a client (the tests' harness) can tell a partial list.
 */
export const EARLY_DIAGNOSTICS_LOG = 'Early diagnostics for';

/**
 * Client → server request: the `declare query_parameters` statements of a query's text, as
 * src/kql/queryParameters.ts reads them, offsets into that text. The server has Kusto.Language loaded
 * and warm; asking it spares the extension host loading the library (seconds, and its heap) for a Run.
 */
export const QueryParametersRequest = 'kql/queryParameters';
export interface QueryParametersParams {
  readonly text: string;
}
export interface QueryParametersResult {
  readonly declarations: readonly ParameterDeclaration[];
}

/**
 * Client → server request: typed query parameter values (as the user types them, for their declared type
 * names) read as literals of those types, as src/engine/parameterLiteral.ts reads them: for each, in order,
 * its normalized literal (`datetime(2024-05-01T00:00:00Z)`) or why it is not one. Parsing a literal needs
 * Kusto.Language, which the server has loaded; the extension host's prompt asks here instead of loading it.
 */
export const ParameterValuesRequest = 'kql/parameterValues';
export interface ParameterValueAsked {
  readonly text: string;
  /** The declared type name, as written (`long`, `date`, `time`, …). */
  readonly type: string;
}
export interface ParameterValuesParams {
  readonly values: readonly ParameterValueAsked[];
}
export type ParameterValueReading = { readonly literal: string } | { readonly problem: string };
export interface ParameterValuesResult {
  readonly readings: readonly ParameterValueReading[];
}
