/** The time range the map's slider steps through, from the `kql.timeRange` setting. Pure. */
import { parseIsoDuration } from '../../backends/local/timeRange';
import type { MapTimeWindow } from '../../protocol/mapMessages';
import type { TimeRange } from '../../results/queryResult';
import { outsideRangeHint } from '../machines/newestRecord';

const DAY_MS = 86_400_000;

/** `query` (no range) gives the last 24 hours: the map needs a window to draw. */
export function mapRange(range: TimeRange | undefined, nowMs: number): MapTimeWindow {
  const minute = 60_000;
  const now = Math.ceil(nowMs / minute) * minute;
  if (range?.start && range.end) {
    return {
      start: new Date(Date.parse(range.start)).toISOString(),
      end: new Date(Date.parse(range.end)).toISOString(),
    };
  }
  const duration = range?.duration ? parseIsoDuration(range.duration) : DAY_MS;
  return { start: new Date(now - duration).toISOString(), end: new Date(now).toISOString() };
}

/**
 * What the map says in place of a drawing when its window holds no connection and the data's newest
 * record lies outside the range; undefined when the range is not why (the map's own words then).
 */
export function emptyMapNote(newestMs: number | undefined, window: MapTimeWindow, nowMs: number): string | undefined {
  const hint = outsideRangeHint(newestMs, window, nowMs);
  return hint
    ? `No outbound connections in this time window. ${hint} Choose a wider one with Connection Analytics: Select Time Range.`
    : undefined;
}
