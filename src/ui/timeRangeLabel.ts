/**
 * The time range setting in words, for the status bar, the tree's description and the results header,
 * and read as the window backends apply: an ISO-8601 duration ending now, an interval `start/end` of
 * two ISO-8601 datetimes (what "Custom…" writes), or `query`.
 */
import { parseIsoDuration } from '../backends/local/timeRange';
import type { TimeRange } from '../results/queryResult';

const UNITS: Record<string, [string, string]> = {
  D: ['day', 'days'],
  H: ['hour', 'hours'],
  M: ['minute', 'minutes'],
  W: ['week', 'weeks'],
};

/** `start/end` of a custom range, when the setting is one and both ends are datetimes. */
export function parseInterval(setting: string): { start: string; end: string } | undefined {
  const parts = setting.split('/');
  if (parts.length !== 2) return undefined;
  const [start, end] = parts.map((p) => p.trim()) as [string, string];
  return Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end)) ? undefined : { start, end };
}

/** "2026-12-04 03:00" in UTC: minutes are what a time picker shows. */
function utcMinutes(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** `PT30M` → "Last 30 minutes", `P7D` → "Last 7 days", `query` → "Time range set in query", an interval → its bounds. */
export function timeRangeLabel(setting: string): string {
  if (setting === 'query') return 'Time range set in query';
  const interval = parseInterval(setting);
  if (interval) return `${utcMinutes(Date.parse(interval.start))} → ${utcMinutes(Date.parse(interval.end))} UTC`;
  const simple = /^P(?:T(\d+)([HM])|(\d+)([DW]))$/.exec(setting.toUpperCase());
  if (simple) {
    const n = Number(simple[1] ?? simple[3]);
    const [one, many] = UNITS[simple[2] ?? simple[4]!]!;
    if (n === 1) return `Last ${one}`;
    return `Last ${n} ${many}`;
  }
  return `Last ${setting}`;
}

/** The window the backends get for a setting; undefined for `query` (no filter added). */
export function timeRangeOf(setting: string): TimeRange | undefined {
  if (setting === 'query') return undefined;
  return parseInterval(setting) ?? { duration: setting };
}

/**
 * What the results header says was applied to a run started at `nowMs`: the setting in words and, for a
 * duration, the bounds it meant then ("Last 24 hours · 2026-12-04 03:00 → 2026-12-05 03:00 UTC").
 */
export function appliedTimeRangeText(setting: string, nowMs: number): string {
  if (setting === 'query' || parseInterval(setting)) return timeRangeLabel(setting);
  let ms: number;
  try {
    ms = parseIsoDuration(setting);
  } catch {
    return timeRangeLabel(setting);
  }
  return `${timeRangeLabel(setting)} · ${utcMinutes(nowMs - ms)} → ${utcMinutes(nowMs)} UTC`;
}
