/**
 * Datetime and timespan functions. Calendar arithmetic is done in UTC on ticks; bins of datetimes are
 * aligned the way Kusto aligns them, from 0001-01-01 (a Monday), so `bin(t, 7d)` falls on Mondays.
 */
import { bigIntOf } from '../int64';
import {
  DATETIME_BASE_DOTNET_TICKS,
  DATETIME_BASE_MS,
  type KqlType,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  type Value,
} from '../values';
import { compileDatetimeFormat, compileTimespanFormat } from './datetimeFormat';
import { dateParts, ticksFromParts } from './datetimeText';
import { fitDatetime, fitNumber, scalar, strict, withVolatility } from './define';
import { datetimePartShape, hourOfDayShape, timeOfDayColumnKernel, timeOfDayRowKernel } from './timeOfDayKernels';
import { type CallShape, EvaluationError, type ScalarFunction } from './types';

const TICKS_PER_WEEK = 7 * TICKS_PER_DAY;
// 1970-01-01 was a Thursday: startofweek (Sunday) is 4 days earlier.
const SUNDAY_SHIFT = 4 * TICKS_PER_DAY;

/** Nanoseconds since 1970 as engine ticks; a long past 2^53 is read exactly. */
function unixNanosecondsToTicks(v: Value): number {
  if (typeof v === 'number' && !Number.isInteger(v)) {
    return Math.round((v - DATETIME_BASE_MS * 1e6) / 100);
  }
  const big = bigIntOf(v);
  return big === null ? NaN : Number((big - BigInt(DATETIME_BASE_MS) * 1_000_000n) / 100n);
}

let lastShiftSize = 0;
let lastShift = 0;

/** .NET ticks of the engine's datetime base modulo a bin size, computed exactly (the offset exceeds 2^53). */
function epochShift(size: number): number {
  // bin() runs per row with the same size: keep the BigInt arithmetic off the hot path.
  if (size !== lastShiftSize) {
    lastShift = Number(DATETIME_BASE_DOTNET_TICKS % BigInt(Math.round(size)));
    lastShiftSize = size;
  }
  return lastShift;
}

export function binNumber(v: number, size: number): number {
  return Math.floor(v / size) * size;
}

export function binDatetime(v: number, size: number): number {
  const shift = epochShift(size);
  return Math.floor((v + shift) / size) * size - shift;
}

function startOfDay(t: number): number {
  return Math.floor(t / TICKS_PER_DAY) * TICKS_PER_DAY;
}

function startOfWeek(t: number): number {
  return Math.floor((t + SUNDAY_SHIFT) / TICKS_PER_WEEK) * TICKS_PER_WEEK - SUNDAY_SHIFT;
}

function startOfMonth(t: number): number {
  const p = dateParts(t);
  return ticksFromParts(p.year, p.month, 1);
}

function startOfYear(t: number): number {
  return ticksFromParts(dateParts(t).year, 1, 1);
}

/** Adds whole months as .NET's AddMonths does: the day is clamped to the target month's length. */
function addMonths(t: number, months: number): number {
  const p = dateParts(t);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  const timeOfDay = t - startOfDay(t);
  return ticksFromParts(year, month, day) + timeOfDay;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(t: number): number {
  const p = dateParts(t);
  const dayNum = (p.weekday + 6) % 7; // Monday = 0
  const thursday = startOfDay(t) + (3 - dayNum) * TICKS_PER_DAY;
  const firstOfYear = ticksFromParts(dateParts(thursday).year, 1, 1);
  return Math.floor((thursday - firstOfYear) / TICKS_PER_WEEK) + 1;
}

/** weekofyear(), the obsolete variant: week 1 is the week (from Monday) holding the year's first Wednesday. */
function legacyWeek(t: number): number {
  const dayNum = (dateParts(t).weekday + 6) % 7;
  const wednesday = startOfDay(t) + (2 - dayNum) * TICKS_PER_DAY;
  const firstOfYear = ticksFromParts(dateParts(wednesday).year, 1, 1);
  return Math.floor((wednesday - firstOfYear) / TICKS_PER_WEEK) + 1;
}

function dayOfYear(t: number): number {
  return Math.floor((startOfDay(t) - startOfYear(t)) / TICKS_PER_DAY) + 1;
}

type Part =
  | 'year'
  | 'quarter'
  | 'month'
  | 'week'
  | 'day'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'microsecond'
  | 'nanosecond';

const PART_NAMES: Record<string, Part> = {
  year: 'year',
  quarter: 'quarter',
  month: 'month',
  week: 'week',
  week_of_year: 'week',
  day: 'day',
  hour: 'hour',
  minute: 'minute',
  second: 'second',
  millisecond: 'millisecond',
  microsecond: 'microsecond',
  nanosecond: 'nanosecond',
};

function partOf(name: Value, fn: string): Part {
  const p = PART_NAMES[String(name).trim().toLowerCase()];
  if (!p) {
    throw new EvaluationError(`${fn}(): unknown datetime part '${String(name)}'`);
  }
  return p;
}

/** datetime_part's part by name; the name is nearly always a constant, so the last one is kept. */
let lastPartName: Value | undefined;
let lastPart: Part | 'dayofyear' = 'year';
function partNamed(name: Value): Part | 'dayofyear' {
  if (name !== lastPartName) {
    const text = String(name).trim().toLowerCase();
    lastPart = text === 'dayofyear' ? 'dayofyear' : partOf(text, 'datetime_part');
    lastPartName = name;
  }
  return lastPart;
}

const FIXED_PART_TICKS: Partial<Record<Part, number>> = {
  week: TICKS_PER_WEEK,
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MILLISECOND,
  microsecond: 10,
  nanosecond: 0.01,
};

function datetimePart(part: Part | 'dayofyear', t: number): number {
  // The clock parts are plain arithmetic on the ticks; only the calendar ones need a Date.
  if (part === 'hour' || part === 'minute' || part === 'second') {
    const ofDay = ((t % TICKS_PER_DAY) + TICKS_PER_DAY) % TICKS_PER_DAY;
    switch (part) {
      case 'hour':
        return Math.floor(ofDay / TICKS_PER_HOUR);
      case 'minute':
        return Math.floor((ofDay % TICKS_PER_HOUR) / TICKS_PER_MINUTE);
      default:
        return Math.floor((ofDay % TICKS_PER_MINUTE) / TICKS_PER_SECOND);
    }
  }
  const p = dateParts(t);
  switch (part) {
    case 'year':
      return p.year;
    case 'quarter':
      return Math.floor((p.month - 1) / 3) + 1;
    case 'month':
      return p.month;
    case 'week':
      return isoWeek(t);
    case 'day':
      return p.day;
    case 'dayofyear':
      return dayOfYear(t);
    case 'millisecond':
      return Math.floor(p.fraction / TICKS_PER_MILLISECOND);
    case 'microsecond':
      return Math.floor(p.fraction / 10);
    case 'nanosecond':
      return p.fraction * 100;
  }
}

/** datetime_diff: the number of period boundaries between the two values (dt1 − dt2). */
function datetimeDiff(part: Part, a: number, b: number): number {
  const pa = dateParts(a);
  const pb = dateParts(b);
  switch (part) {
    case 'year':
      return pa.year - pb.year;
    case 'quarter':
      return pa.year * 4 + Math.floor((pa.month - 1) / 3) - (pb.year * 4 + Math.floor((pb.month - 1) / 3));
    case 'month':
      return pa.year * 12 + pa.month - (pb.year * 12 + pb.month);
    case 'week':
      return Math.round((startOfWeek(a) - startOfWeek(b)) / TICKS_PER_WEEK);
    case 'nanosecond':
      return Math.round((a - b) * 100);
    default: {
      const size = FIXED_PART_TICKS[part]!;
      return Math.round(Math.floor(a / size) - Math.floor(b / size));
    }
  }
}

function datetimeAdd(part: Part, amount: number, t: number): number {
  switch (part) {
    case 'year':
      return addMonths(t, amount * 12);
    case 'quarter':
      return addMonths(t, amount * 3);
    case 'month':
      return addMonths(t, amount);
    default:
      return t + Math.round(amount * FIXED_PART_TICKS[part]!);
  }
}

/**
 * The last tick before t. Datetimes after 1998 exceed 2^53 ticks, where a double holds only every
 * second tick, so endofday() gives …59.9999998 there instead of Kusto's …59.9999999.
 */
function justBefore(t: number): number {
  if (!Number.isFinite(t)) {
    return t;
  }
  let d = 1;
  while (t - d >= t) {
    d *= 2;
  }
  return t - d;
}

// The startof and endof functions take an optional offset in units of the period.
function period(
  name: string,
  start: (t: number) => number,
  step: (t: number, n: number) => number,
  end: boolean,
): ScalarFunction {
  return strict(name, (args) => {
    const t = args[0] as number;
    const offset = typeof args[1] === 'number' ? Math.trunc(args[1]) : 0;
    const s = step(start(t), offset);
    return fitDatetime(end ? justBefore(step(s, 1)) : s);
  });
}

const addDays = (t: number, n: number): number => t + n * TICKS_PER_DAY;
const addWeeks = (t: number, n: number): number => t + n * TICKS_PER_WEEK;
const addYears = (t: number, n: number): number => addMonths(t, 12 * n);

function bin(value: number, size: number, type: KqlType, resultType: KqlType): Value {
  if (size <= 0 || !Number.isFinite(size)) {
    return null;
  }
  if (type === 'datetime') {
    return fitDatetime(binDatetime(value, size));
  }
  return fitNumber(binNumber(value, size), resultType);
}

function makeDatetime(args: readonly Value[]): Value {
  const [y, mo, d, h = 0, mi = 0, s = 0] = args as number[];
  if (
    y! < 1 ||
    y! > 9999 ||
    mo! < 1 ||
    mo! > 12 ||
    d! < 1 ||
    d! > 31 ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    s < 0 ||
    s >= 60
  ) {
    return null;
  }
  const whole = Math.floor(s);
  const t = ticksFromParts(y!, mo!, d!, h, mi, whole, Math.round((s - whole) * TICKS_PER_SECOND));
  return dateParts(t).day === d ? fitDatetime(t) : null;
}

function makeTimespan(args: readonly Value[]): Value {
  const n = args as number[];
  const [d, h, m, s] = n.length === 4 ? n : [0, n[0]!, n[1]!, n[2] ?? 0];
  return Math.round(d! * TICKS_PER_DAY + h! * TICKS_PER_HOUR + m! * TICKS_PER_MINUTE + s! * TICKS_PER_SECOND);
}

function withFormat(name: string, compile: (f: string) => (t: number) => string): ScalarFunction {
  return scalar(name, (_types, _result, _ctx, constArgs) => {
    let lastFormat = typeof constArgs[1] === 'string' ? constArgs[1] : undefined;
    let fmt = lastFormat === undefined ? undefined : compile(lastFormat);
    return (args) => {
      const t = args[0];
      const f = args[1];
      if (typeof t !== 'number' || !Number.isFinite(t) || typeof f !== 'string') {
        return '';
      }
      if (f !== lastFormat || !fmt) {
        fmt = compile(f);
        lastFormat = f;
      }
      return fmt(t as number);
    };
  });
}

/**
 * bin(x, step) with a constant step as a floor on the raw number. For datetimes Kusto bins from
 * 0001-01-01, which is a whole number of days before 1970, so that holds for steps that divide a day.
 */
function binStep(call: CallShape): number | undefined {
  const [type, sizeType] = call.argTypes;
  const step = call.constArgs[1];
  if (call.argTypes.length !== 2 || typeof step !== 'number' || !(step > 0) || !Number.isFinite(step)) {
    return undefined;
  }
  const result = call.resultType;
  const dayAligned =
    (type === 'datetime' || type === 'timespan') && sizeType === 'timespan' && TICKS_PER_DAY % step === 0;
  const integral =
    (type === 'long' || type === 'int') && Number.isInteger(step) && (result === 'long' || result === 'int');
  const real = type === 'real' && result === 'real';
  return dayAligned || integral || real ? step : undefined;
}

export const datetimeFunctions: ScalarFunction[] = [
  withVolatility(
    scalar('now', (_t, _r, ctx) => (args) => fitDatetime(ctx.now + (typeof args[0] === 'number' ? args[0] : 0))),
    'query',
  ),
  withVolatility(
    scalar('ago', (_t, _r, ctx) => (args) => (typeof args[0] === 'number' ? fitDatetime(ctx.now - args[0]) : null)),
    'query',
  ),
  {
    ...strict('bin', (args, types, resultType) => bin(args[0] as number, args[1] as number, types[0]!, resultType), [
      'floor',
    ]),
    bucketStep: binStep,
  },
  strict('bin_at', (args, types, resultType) => {
    const [v, size, at] = args as number[];
    if (size! <= 0) {
      return null;
    }
    return fitNumber(Math.floor((v! - at!) / size!) * size! + at!, types[0] === 'datetime' ? 'datetime' : resultType);
  }),
  {
    ...strict('datetime_part', (args) => datetimePart(partNamed(args[0]!), args[1] as number), ['datepart']),
    rowKernel: timeOfDayRowKernel(datetimePartShape),
    columnKernel: timeOfDayColumnKernel(datetimePartShape),
  },
  strict('datetime_diff', (args) =>
    datetimeDiff(partOf(args[0]!, 'datetime_diff'), args[1] as number, args[2] as number),
  ),
  strict('datetime_add', (args) =>
    fitDatetime(datetimeAdd(partOf(args[0]!, 'datetime_add'), args[1] as number, args[2] as number)),
  ),
  period('startofday', startOfDay, addDays, false),
  period('startofweek', startOfWeek, addWeeks, false),
  period('startofmonth', startOfMonth, addMonths, false),
  period('startofyear', startOfYear, addYears, false),
  period('endofday', startOfDay, addDays, true),
  period('endofweek', startOfWeek, addWeeks, true),
  period('endofmonth', startOfMonth, addMonths, true),
  period('endofyear', startOfYear, addYears, true),
  strict('dayofweek', (args) => dateParts(args[0] as number).weekday * TICKS_PER_DAY),
  strict('dayofmonth', (args) => dateParts(args[0] as number).day),
  strict('dayofyear', (args) => dayOfYear(args[0] as number)),
  {
    ...strict('hourofday', (args) => dateParts(args[0] as number).hour),
    rowKernel: timeOfDayRowKernel(hourOfDayShape),
    columnKernel: timeOfDayColumnKernel(hourOfDayShape),
  },
  strict('getmonth', (args) => dateParts(args[0] as number).month, ['monthofyear']),
  strict('getyear', (args) => dateParts(args[0] as number).year),
  strict('week_of_year', (args) => isoWeek(args[0] as number)),
  strict('weekofyear', (args) => legacyWeek(args[0] as number)),
  withFormat('format_datetime', compileDatetimeFormat),
  withFormat('format_timespan', compileTimespanFormat),
  strict('make_datetime', makeDatetime),
  strict('make_timespan', makeTimespan),
  // The base is taken off in the count's own unit first, so a recent time's ticks are rounded once, exactly.
  strict('unixtime_seconds_todatetime', (args) =>
    fitDatetime(Math.round((Number(args[0]) - DATETIME_BASE_MS / 1000) * TICKS_PER_SECOND)),
  ),
  strict('unixtime_milliseconds_todatetime', (args) =>
    fitDatetime(Math.round((Number(args[0]) - DATETIME_BASE_MS) * TICKS_PER_MILLISECOND)),
  ),
  strict('unixtime_microseconds_todatetime', (args) =>
    fitDatetime(Math.round((Number(args[0]) - DATETIME_BASE_MS * 1000) * 10)),
  ),
  strict('unixtime_nanoseconds_todatetime', (args) => fitDatetime(unixNanosecondsToTicks(args[0]!))),
];
