/**
 * The one interface both backends implement: the embedded local engine (default) and Log Analytics.
 * Results use the Log Analytics REST API's wire form (src/results/queryResult.ts), so the results panel,
 * the CLI's JSON output and the tree treat both backends alike.
 */
import type { ParameterDeclaration } from '../kql/queryParameters';
import type { BackendId, QueryResult, TimeRange } from '../results/queryResult';
import type { FunctionSchema, WorkspaceSchema } from '../schema/workspaceSchema';

export interface RunOptions {
  readonly timeRange?: TimeRange;
  readonly signal?: AbortSignal;
  /** Rows kept in the primary result; Log Analytics' own cap is 500,000. */
  readonly rowLimit?: number;
  /** Wall-clock limit for the query. */
  readonly timeoutMs?: number;
  /** Told what slow preparation the query waits for (e.g. "Loading VMConnection: 2 of 12 files, 1.2M rows, 80 of 219 MB"). */
  readonly onProgress?: (message: string) => void;
  /**
   * Values of the query's `declare query_parameters`, by name, as text (read as literals of the declared
   * types, never as query text); a parameter without one takes its default.
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * The query's `declare query_parameters` statements (offsets into this query's text) when the caller
   * has read them already; a backend that needs them parses the query itself otherwise.
   */
  readonly parameterDeclarations?: readonly ParameterDeclaration[];
  /**
   * The typed literals of the parameters' values (or non-string defaults), by name, when the caller has
   * had them read already (the extension, by its language server); a backend that writes values as
   * literals reads the others itself, which loads Kusto.Language into its process.
   */
  readonly parameterLiterals?: Readonly<Record<string, string>>;
}

export interface QueryBackend {
  readonly id: BackendId;
  /** Shown in the status bar: "Sample workspace", "Files: ./exports", "Log Analytics: 1a2b…". */
  readonly label: string;
  /**
   * Runs a query. Rejects with a KqlError (from src/kql) for an invalid query, a QueryCancelledError
   * when the signal aborts, a QueryTimeoutError past the time limit, a BackendError otherwise.
   */
  run(query: string, options?: RunOptions): Promise<QueryResult>;
  /**
   * The workspace's tables, columns and functions as this backend sees them (the loaded files' real
   * columns; the Log Analytics metadata API). Rejects like `run` when the backend cannot be reached.
   * `onProgress` hears what holds it up (a retry waiting on the service); `onRequestSent`, when the
   * request goes out (a backend that signs in: once it has its token; others may never call it).
   */
  schema?(
    signal?: AbortSignal,
    onProgress?: (message: string) => void,
    onRequestSent?: () => void,
  ): Promise<WorkspaceSchema>;
  /**
   * Re-reads only what changed in the backend's files (a data folder's added, changed or deleted files),
   * keeping every other loaded table; false when it cannot, and the caller rebuilds the backend instead.
   */
  reloadFiles?(): boolean;
  /**
   * Stored functions the editor knows from elsewhere (`kql.schemaFile`): a backend that runs queries
   * itself runs calls of them too. Replaces the previous list; [] forgets them.
   */
  useStoredFunctions?(functions: readonly FunctionSchema[]): void;
  /** `reason`: what a query still running is told it was stopped by (default: the backend shut down). */
  dispose?(reason?: string): void;
}
