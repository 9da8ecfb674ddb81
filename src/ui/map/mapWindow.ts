/** The time range the map's slider steps through, from the `kql.timeRange` setting. Pure. */
import { parseIsoDuration } from '../../backends/local/timeRange';
import type { MapTimeWindow } from '../../protocol/mapMessages';
import type { TimeRange } from '../../results/queryResult';

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
