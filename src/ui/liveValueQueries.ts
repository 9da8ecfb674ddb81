/**
 * The queries behind value completion: for each of Computer, Machine, ProcessName and RemoteIp, the
 * distinct values across every catalogue table that has the column, fetched from the active backend.
 */
import type { TimeRange } from '../results/queryResult';
import type { QueryBackend } from '../backends/queryBackend';
import { LIVE_VALUE_COLUMNS, type LiveValuesParams } from '../protocol/lsp';
import { CATALOGUE } from '../schema/catalogue';
import type { TableSchema } from '../schema/types';
import { kqlIdentifier } from '../kql/literals';

/** Values fetched per column; completion lists beyond this are not useful. */
export const LIVE_VALUE_LIMIT = 1000;

/** `union isfuzzy=true A, B | where isnotempty(Col) | distinct Col | …` over the tables that have Col. */
export function liveValueQuery(column: string, tables: readonly TableSchema[] = CATALOGUE): string | undefined {
  const having = tables.filter((t) => t.columns.some((c) => c.name === column && c.type === 'string'));
  if (!having.length) {
    return undefined;
  }
  const col = kqlIdentifier(column);
  const source =
    having.length === 1
      ? kqlIdentifier(having[0]!.name)
      : `union isfuzzy=true ${having.map((t) => kqlIdentifier(t.name)).join(', ')}`;
  return `${source}\n| where isnotempty(${col})\n| distinct ${col}\n| order by ${col} asc\n| take ${LIVE_VALUE_LIMIT}`;
}

export interface LiveValueFetchOptions {
  readonly timeRange?: TimeRange;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** Told about each column whose query failed; the other columns are still returned. */
  readonly onError?: (column: string, error: unknown) => void;
}

/** Runs the value queries one after another (cheap on the local engine; a few small queries on Log Analytics). */
export async function fetchLiveValues(
  backend: QueryBackend,
  options: LiveValueFetchOptions = {},
): Promise<LiveValuesParams> {
  const values: Record<string, string[]> = {};
  for (const column of LIVE_VALUE_COLUMNS) {
    const query = liveValueQuery(column);
    if (!query) continue;
    try {
      const result = await backend.run(query, {
        timeRange: options.timeRange,
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 120_000,
        rowLimit: LIVE_VALUE_LIMIT,
      });
      const table = result.tables[0];
      values[column] = (table?.rows ?? [])
        .map((r) => r[0])
        .filter((v): v is string => typeof v === 'string' && v !== '');
    } catch (e) {
      if (options.signal?.aborted) throw e;
      options.onError?.(column, e);
    }
  }
  return { source: backend.label, values };
}
