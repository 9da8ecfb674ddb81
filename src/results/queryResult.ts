/**
 * The shapes every layer shares: a query's result in the Log Analytics REST API's wire form, what its
 * `render` asked for, and the window of time it ran over. The bottom layer: it imports only the schema's
 * types, so the engine, render, protocol, the webviews and the backends may all import it.
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
  /**
   * Log Analytics answered only part (a PartialError): the rows are what the service got to, and the
   * count must not read as the whole answer.
   */
  readonly partial?: boolean;
  /**
   * Local data folder: tables that gained columns as this query loaded them (JSON Lines keys first
   * seen past the records their columns were read from); the workspace schema is to be read again.
   */
  readonly tablesWidened?: readonly string[];
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

export type BackendId = 'local' | 'logAnalytics';

/** Rows kept in a result unless the user sets another limit; Log Analytics' own cap. */
export const DEFAULT_ROW_LIMIT = 500_000;
