/**
 * Datetime text: what Kusto's datetime() literals and todatetime() accept, and how Kusto prints a
 * datetime (`2019-04-10T00:00:00Z`, or with a 7-digit fraction `2019-04-10T00:00:00.1230000Z`).
 * Datetimes are 100-ns ticks since DATETIME_BASE, exact in either form of ticks.ts.
 */
import { floorDivTicks, modTicks, subtractTicks, type Ticks, ticksFromMultiple } from '../ticks';
import { DATETIME_BASE_MS, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE } from '../values';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// Named zones of RFC 822 / RFC 850 (minutes east of UTC).
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/** Ticks for a UTC calendar time; years below 100 are taken literally (Date.UTC would add 1900). */
export function ticksFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  fractionTicks = 0,
): Ticks {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return ticksFromMultiple(d.getTime() - DATETIME_BASE_MS, TICKS_PER_MILLISECOND, fractionTicks);
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : days);
}

/** Digits after the decimal point as 100-ns ticks (extra digits past the 7th are dropped). */
export function fractionToTicks(digits: string): number {
  return Number((digits + '0000000').slice(0, 7));
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) {
    return 0;
  }
  const z = zone.trim().toLowerCase();
  if (z in ZONES) {
    return ZONES[z]!;
  }
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) {
    return null;
  }
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string,
  zone: string | undefined,
): Ticks | null {
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) {
    return null;
  }
  return subtractTicks(
    ticksFromParts(year, month, day, hour, minute, second, fraction ? fractionToTicks(fraction) : 0),
    offset * TICKS_PER_MINUTE,
  );
}

// ISO 8601 and the "sortable" forms: 2019-04-10, 2019-04-10 10:00, 2019-04-10T10:00:00.123Z, 2019/04/10 10:00:00+02:00.
const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC?|GMT)?$/i;
// Basic ISO 8601 without separators: 20190410, 20190410T101500Z.
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(?:(\d{2})(?:\.(\d+))?)?)?(Z)?$/i;
// RFC 822 / 1123 / 850: "Sat, 8 Nov 14 15:05:02 GMT", "Saturday, 08-Nov-14 15:05:02 GMT", "8 Nov 2014 15:05 +0100".
const RFC =
  /^(?:[a-z]+,\s*)?(\d{1,2})[\s-]([a-z]{3})[a-z]*[\s-](\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(?:\s*([a-z]+|[+-]\d{2}:?\d{2}))?$/i;
// US style that .NET's invariant parse accepts: 04/10/2019 10:00:00, 12-02-2022.
const US = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z)?$/i;

function twoDigitYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

/** Parses any datetime text Kusto accepts; null when it is not one. */
export function parseDatetime(text: string): Ticks | null {
  const s = text.trim();
  if (s === '') {
    return null;
  }
  let m = ISO.exec(s) ?? ISO_BASIC.exec(s);
  if (m) {
    return build(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      m[7] ?? '',
      m[8],
    );
  }
  m = RFC.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0) {
      return null;
    }
    return build(
      twoDigitYear(m[3]!),
      month,
      Number(m[1]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      m[7] ?? '',
      m[8],
    );
  }
  m = US.exec(s);
  if (m) {
    return build(
      Number(m[3]),
      Number(m[1]),
      Number(m[2]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      m[7] ?? '',
      m[8],
    );
  }
  return null;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Sub-second part in ticks, 0..9,999,999. */
  fraction: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** Splits ticks into UTC calendar fields (exact to the tick, even where a Date would stop at ms). */
export function dateParts(ticks: Ticks): DateParts {
  const d = new Date(floorDivTicks(ticks, TICKS_PER_MILLISECOND) + DATETIME_BASE_MS);
  const subMs = modTicks(ticks, TICKS_PER_MILLISECOND);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    fraction: d.getUTCMilliseconds() * TICKS_PER_MILLISECOND + Math.round(subMs),
    weekday: d.getUTCDay(),
  };
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => pad(i, 2));
const MS_PER_DAY = 86_400_000;
/** The last day printed and its `yyyy-MM-ddT` text: a column's datetimes mostly share a few days. */
let lastDay = Number.NaN;
let lastDayText = '';

/**
 * formatDatetime for safe double ticks (every datetime from mid-1981 to mid-2038, so 4-digit years):
 * the time of day by integer arithmetic and the date from a one-day cache, no Date or parts object
 * per value. `search` and tostring print whole datetime columns, where the general path dominated.
 */
function formatSafeTicks(t: number): string {
  const ms = Math.floor(t / TICKS_PER_MILLISECOND);
  const day = Math.floor(ms / MS_PER_DAY);
  if (day !== lastDay) {
    const d = new Date(day * MS_PER_DAY + DATETIME_BASE_MS);
    lastDayText = `${d.getUTCFullYear()}-${TWO_DIGITS[d.getUTCMonth() + 1]}-${TWO_DIGITS[d.getUTCDate()]}T`;
    lastDay = day;
  }
  const msOfDay = ms - day * MS_PER_DAY;
  const second = Math.floor(msOfDay / 1000);
  const fraction = (msOfDay - second * 1000) * TICKS_PER_MILLISECOND + (t - ms * TICKS_PER_MILLISECOND);
  const clock = `${lastDayText}${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}`;
  return fraction === 0 ? `${clock}Z` : `${clock}.${pad(fraction, 7)}Z`;
}

/** Kusto's printed form: ISO 8601 in UTC, the fraction (7 digits) only when it is not zero. */
export function formatDatetime(ticks: Ticks): string {
  if (typeof ticks === 'number') {
    const t = Math.round(ticks);
    if (Number.isSafeInteger(t)) {
      return formatSafeTicks(t);
    }
  }
  const p = dateParts(typeof ticks === 'number' ? Math.round(ticks) : ticks);
  const base = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  return p.fraction === 0 ? `${base}Z` : `${base}.${pad(p.fraction, 7)}Z`;
}

/**
 * A datetime as it sits inside a dynamic value (pack_array, make_list, make-series' axis, pack_all):
 * always with its seven fraction digits, as Kusto's JSON writes it and the reference's examples print
 * it (`["2017-01-01T00:00:00.0000000Z", …]`), where tostring() of the datetime itself drops a zero fraction.
 */
export function formatDatetimeInDynamic(ticks: Ticks): string {
  const text = formatDatetime(ticks);
  return text.length === 20 ? `${text.slice(0, 19)}.0000000Z` : text;
}
