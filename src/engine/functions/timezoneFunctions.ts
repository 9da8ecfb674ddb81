/**
 * datetime_utc_to_local, datetime_local_to_utc and datetime_list_timezones, on the zone rules of the
 * runtime's Intl (the IANA database). Only the zone names the reference lists are accepted; any other
 * name (or a null argument) gives null.
 */
import { floorDivTicks, isTicks, modTicks, ticksFromMultiple } from '../ticks';
import { DATETIME_BASE_MS, TICKS_PER_MILLISECOND, type Value } from '../values';
import { fitDatetime, scalar } from './define';
import { KUSTO_TIMEZONES } from './timezoneNames';
import type { ScalarFunction } from './types';

const known = new Set(KUSTO_TIMEZONES);
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at the instant `ms` (Unix milliseconds), in milliseconds. */
function offsetAt(zone: string, ms: number): number {
  const parts: Record<string, string> = {};
  for (const p of formatFor(zone).formatToParts(new Date(ms))) {
    parts[p.type] = p.value;
  }
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') {
    year = 1 - year;
  }
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
}

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

/**
 * Local wall time → UTC. Away from a transition there is one answer. Near one, the reference's
 * Europe/Brussels example fixes the rule: a local time is compared with the transition instant read in
 * the offset in force before it, so a time in the spring-forward gap (02:00 on 2022-03-27) already takes
 * the new offset (→ 00:00 UTC), and a repeated autumn hour takes the first (pre-transition) offset.
 * The offset "before" is read two days earlier, since zones do not change offset twice within two days.
 */
function localToUtcMs(zone: string, localMs: number): number {
  const before = offsetAt(zone, localMs - TWO_DAYS_MS);
  return localMs - offsetAt(zone, localMs - before);
}

function converter(name: string, convert: (zone: string, ms: number) => number): ScalarFunction {
  return scalar(name, () => (args) => {
    const [t, zone] = args as [Value, Value];
    if (!isTicks(t) || typeof zone !== 'string' || !known.has(zone)) {
      return null;
    }
    // Whole milliseconds go through the zone rules; the sub-millisecond ticks are carried over.
    const ms = floorDivTicks(t, TICKS_PER_MILLISECOND) + DATETIME_BASE_MS;
    const rest = modTicks(t, TICKS_PER_MILLISECOND);
    return fitDatetime(ticksFromMultiple(convert(zone, ms) - DATETIME_BASE_MS, TICKS_PER_MILLISECOND, rest));
  });
}

export const timezoneFunctions: ScalarFunction[] = [
  converter('datetime_utc_to_local', (zone, ms) => ms + offsetAt(zone, ms)),
  converter('datetime_local_to_utc', localToUtcMs),
  scalar('datetime_list_timezones', () => () => [...KUSTO_TIMEZONES]),
];
