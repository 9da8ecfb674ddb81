/** The Log Analytics API's time window (an ISO-8601 duration and/or bounds) as the engine's tick range. */
import { ticksFromMs } from '../../engine/values';
import { BackendError } from '../../results/errors';
import type { TimeRange } from '../../results/queryResult';

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** An ISO-8601 duration (PT24H, P7D, P1DT12H, PT30M) in milliseconds; years and months are not fixed lengths and are refused. */
export function parseIsoDuration(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || /T$/i.test(text.trim())) {
    throw new BackendError('config', `"${text}" is not an ISO-8601 duration such as PT24H or P7D.`);
  }
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
}

function parseInstant(text: string, what: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new BackendError('config', `The time range's ${what} "${text}" is not an ISO-8601 datetime.`);
  }
  return ms;
}

/** Tick bounds [start, end) of a time range, relative to `nowMs` when it gives only a duration. */
export function timeRangeTicks(
  range: TimeRange | undefined,
  nowMs: number,
): { start: number; end: number } | undefined {
  if (!range || (!range.duration && !range.start && !range.end)) {
    return undefined;
  }
  const duration = range.duration ? parseIsoDuration(range.duration) : undefined;
  let start = range.start ? parseInstant(range.start, 'start') : undefined;
  let end = range.end ? parseInstant(range.end, 'end') : undefined;
  if (duration !== undefined) {
    if (start !== undefined && end === undefined) {
      end = start + duration;
    } else if (start === undefined) {
      end ??= nowMs;
      start = end - duration;
    }
  }
  start ??= -8.64e15;
  end ??= nowMs;
  if (end < start) {
    throw new BackendError('config', 'The time range ends before it starts.');
  }
  return { start: ticksFromMs(start), end: ticksFromMs(end) };
}
