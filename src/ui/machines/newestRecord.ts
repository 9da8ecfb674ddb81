/**
 * Why the Machines view is empty: a folder of exports from last month, under the default "Last 24
 * hours", lists no machine, and "No machines report in this time range" alone leaves the user guessing
 * whether the data loaded at all. The newest record of the tables the tree reads, found without the
 * time range, says when the data ends, so the message can say the range is what hides it.
 */
import { parseIsoDuration } from '../../backends/local/timeRange';
import type { QueryBackend } from '../../backends/queryBackend';
import type { QueryResult, TimeRange } from '../../results/queryResult';

/** The newest TimeGenerated of the tables the machines level reads (a missing table left out). */
export const NEWEST_RECORD_QUERY = [
  'union isfuzzy=true',
  '    (VMComputer | summarize Newest = max(TimeGenerated)),',
  '    (ServiceMapComputer_CL | summarize Newest = max(TimeGenerated)),',
  '    (VMConnection | summarize Newest = max(TimeGenerated))',
  '| summarize Newest = max(Newest)',
].join('\n');

/** The newest record's time in ms, read from the backend without the time range; undefined when it cannot say. */
export async function newestRecord(backend: QueryBackend, signal?: AbortSignal): Promise<number | undefined> {
  return backend.run(NEWEST_RECORD_QUERY, signal ? { signal } : {}).then(newestRecordMs, () => undefined);
}

/** The newest record's time in ms, or undefined when the tables hold no record with a time. */
export function newestRecordMs(result: QueryResult): number | undefined {
  const table = result.tables[0];
  const column = table?.columns.findIndex((c) => c.name === 'Newest') ?? -1;
  const value = column >= 0 ? table?.rows[0]?.[column] : undefined;
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isNaN(ms) ? undefined : ms;
}

/** Where the range starts, in ms; undefined for no range or one without a start. */
function rangeStartMs(range: TimeRange, nowMs: number): number | undefined {
  if (range.start) return Date.parse(range.start);
  if (!range.duration) return undefined;
  const end = range.end ? Date.parse(range.end) : nowMs;
  return end - parseIsoDuration(range.duration);
}

/** "2026-11-06 08:30 UTC (30 days ago)": the minute, and how far back in words a user reads at a glance. */
export function describeInstant(ms: number, nowMs: number): string {
  const minute = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const hours = Math.floor((nowMs - ms) / 3_600_000);
  if (hours < 1) return minute;
  const ago = hours < 48 ? `${hours} hours ago` : `${Math.floor(hours / 24)} days ago`;
  return `${minute} (${ago})`;
}

/**
 * The sentence that explains an empty level when the newest record lies before the time range (or
 * after a custom range's end); undefined when the range is not what hides the data.
 */
export function outsideRangeHint(
  newestMs: number | undefined,
  range: TimeRange | undefined,
  nowMs: number,
): string | undefined {
  if (newestMs === undefined || !range) return undefined;
  const start = rangeStartMs(range, nowMs);
  const end = range.end ? Date.parse(range.end) : undefined;
  const outside = (start !== undefined && newestMs < start) || (end !== undefined && newestMs > end);
  if (!outside) return undefined;
  return `The newest record is from ${describeInstant(newestMs, nowMs)}, outside the time range.`;
}
