/**
 * The one interface both backends implement: the embedded local engine (default) and Log Analytics.
 * Results use the Log Analytics REST API's wire form, so the results panel, the CLI's JSON output and
 * the tree treat both backends alike.
 */
import type { KqlType } from '../schema/types';

/**
 * A value as the Log Analytics REST API sends it: datetimes as ISO-8601 strings
 * (`2019-04-10T00:00:00Z`), timespans as `[-][d.]hh:mm:ss[.fffffff]`, guids as strings, dynamic values
 * as JSON, numbers and bools as JSON, null as null.
 */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

export interface ResultColumn {
  readonly name: string;
  readonly type: KqlType;
}

export interface ResultTable {
  readonly name: string;
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly WireValue[])[];
}

/** What a query's `render` operator asked for (Kusto's visualization properties). */
export interface RenderInfo {
  /** timechart, linechart, areachart, stackedareachart, barchart, columnchart, piechart, scatterchart, card, table, … */
  readonly visualization: string;
  readonly title?: string;
  readonly kind?: string;
  readonly xcolumn?: string;
  readonly ycolumns?: readonly string[];
  readonly series?: readonly string[];
  readonly xtitle?: string;
  readonly ytitle?: string;
  readonly legend?: string;
  readonly ymin?: number;
  readonly ymax?: number;
  readonly ysplit?: string;
  readonly accumulate?: boolean;
}

export interface QueryStats {
  readonly backend: BackendId;
  readonly durationMs: number;
  readonly rowCount: number;
  /** True when rows past the row limit were dropped. */
  readonly truncated: boolean;
}

export interface QueryResult {
  /** The primary result first (named PrimaryResult), as Log Analytics returns it. */
  readonly tables: readonly ResultTable[];
  readonly render?: RenderInfo;
  readonly stats: QueryStats;
  /** Partial errors, truncation notices and the like: shown as warnings, with the data kept. */
  readonly warnings: readonly string[];
}

/** A window of time applied to every table's TimeGenerated, as the Log Analytics API's timespan does. */
export interface TimeRange {
  /** ISO-8601 duration ending now, e.g. PT24H or P7D. */
  readonly duration?: string;
  /** Absolute bounds, ISO-8601 datetimes. */
  readonly start?: string;
  readonly end?: string;
}

export interface RunOptions {
  readonly timeRange?: TimeRange;
  readonly signal?: AbortSignal;
  /** Rows kept in the primary result; Log Analytics' own cap is 500,000. */
  readonly rowLimit?: number;
  /** Wall-clock limit for the query. */
  readonly timeoutMs?: number;
}

export type BackendId = 'local' | 'logAnalytics';

export interface QueryBackend {
  readonly id: BackendId;
  /** Shown in the status bar: "Sample workspace", "Files: ./exports", "Log Analytics: 1a2b…". */
  readonly label: string;
  /**
   * Runs a query. Rejects with a KqlError (from src/kql) for an invalid query, a QueryCancelledError
   * when the signal aborts, a QueryTimeoutError past the time limit, a BackendError otherwise.
   */
  run(query: string, options?: RunOptions): Promise<QueryResult>;
  dispose?(): void;
}

export const DEFAULT_ROW_LIMIT = 500_000;
