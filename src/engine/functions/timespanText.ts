/**
 * Timespan text: Kusto's literals (`1d`, `1.5h`, `100ms`, `10microsecond`, `1tick`) and the .NET
 * constant form `[-][d.]hh:mm[:ss[.fffffff]]`, and Kusto's printed form (`1.02:03:04`, `00:30:00`,
 * `-00:00:01.5000000`). Timespans are 100-ns ticks (values.ts).
 */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../values';
import { unsafeInteger } from '../int64';
import { negateTicks, type Ticks, ticksFromMultiple, ticksOf, ticksOfNumber } from '../ticks';
import { fractionToTicks, pad } from './datetimeText';

const UNIT_TICKS: Record<string, number> = {};
function units(ticks: number, ...names: string[]): void {
  for (const n of names) {
    UNIT_TICKS[n] = ticks;
  }
}
units(TICKS_PER_DAY, 'd', 'day', 'days');
units(TICKS_PER_HOUR, 'h', 'hr', 'hrs', 'hour', 'hours');
units(TICKS_PER_MINUTE, 'm', 'min', 'mins', 'minute', 'minutes');
units(TICKS_PER_SECOND, 's', 'sec', 'secs', 'second', 'seconds');
units(TICKS_PER_MILLISECOND, 'ms', 'milli', 'millis', 'millisec', 'millisecond', 'milliseconds');
units(10, 'micro', 'micros', 'microsec', 'microsecond', 'microseconds');
units(0.01, 'nano', 'nanos', 'nanosec', 'nanosecond', 'nanoseconds');
units(1, 'tick', 'ticks');

const LITERAL = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)\s*([a-z]+)$/i;
const CLOCK = /^([+-]?)(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?$/;
// time(2) and totimespan("2") read a bare number as days.
const DAYS = /^([+-]?)(\d+)$/;

/** Parses a timespan literal or a `[-][d.]hh:mm[:ss[.fffffff]]` string; null when it is not one. */
export function parseTimespan(text: string): Ticks | null {
  const s = text.trim();
  let m = LITERAL.exec(s);
  if (m) {
    const unit = UNIT_TICKS[m[3]!.toLowerCase()];
    if (unit === undefined) {
      return null;
    }
    const ticks = Math.round(Number(m[2]) * unit);
    const exact = unsafeInteger(ticks) && /^\d+$/.test(m[2]!) && unit >= 1 ? BigInt(m[2]!) * BigInt(unit) : null;
    if (exact !== null) {
      // 36500d and the like pass 2^53 ticks: whole counts of whole units are exact.
      return ticksOf(m[1] === '-' ? -exact : exact);
    }
    return ticksOfNumber(m[1] === '-' ? -ticks : ticks);
  }
  m = CLOCK.exec(s);
  if (m) {
    const hours = Number(m[3]);
    const minutes = Number(m[4]);
    const seconds = Number(m[5] ?? 0);
    if (hours > 23 || minutes > 59 || seconds > 59) {
      return null;
    }
    const rest =
      hours * TICKS_PER_HOUR +
      minutes * TICKS_PER_MINUTE +
      seconds * TICKS_PER_SECOND +
      (m[6] ? fractionToTicks(m[6]) : 0);
    const ticks = ticksFromMultiple(Number(m[2] ?? 0), TICKS_PER_DAY, rest);
    return m[1] === '-' ? negateTicks(ticks) : ticks;
  }
  m = DAYS.exec(s);
  if (m) {
    const ticks = ticksFromMultiple(Number(m[2]), TICKS_PER_DAY);
    return m[1] === '-' ? negateTicks(ticks) : ticks;
  }
  return null;
}

/** A timespan's fields, exact in either form of ticks (days never pass 2^53; the rest is under a day). */
export interface TimespanParts {
  negative: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Ticks below the second, 0..9,999,999. */
  fraction: number;
}

const BIG_DAY = BigInt(TICKS_PER_DAY);

export function timespanParts(ticks: Ticks): TimespanParts {
  let days: number;
  let rest: number;
  let negative: boolean;
  if (typeof ticks === 'number') {
    const t = Math.round(Math.abs(ticks));
    negative = ticks < 0 && t !== 0;
    days = Math.floor(t / TICKS_PER_DAY);
    rest = t - days * TICKS_PER_DAY;
  } else {
    negative = ticks.big < 0n;
    const t = negative ? -ticks.big : ticks.big;
    days = Number(t / BIG_DAY);
    rest = Number(t % BIG_DAY);
  }
  const hours = Math.floor(rest / TICKS_PER_HOUR);
  rest -= hours * TICKS_PER_HOUR;
  const minutes = Math.floor(rest / TICKS_PER_MINUTE);
  rest -= minutes * TICKS_PER_MINUTE;
  const seconds = Math.floor(rest / TICKS_PER_SECOND);
  return { negative, days, hours, minutes, seconds, fraction: rest - seconds * TICKS_PER_SECOND };
}

/** Kusto's printed form `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(ticks: Ticks): string {
  const { negative, days, hours, minutes, seconds, fraction } = timespanParts(ticks);
  const sign = negative ? '-' : '';
  const dayPart = days > 0 ? `${days}.` : '';
  const frac = fraction > 0 ? `.${pad(fraction, 7)}` : '';
  return `${sign}${dayPart}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}${frac}`;
}
