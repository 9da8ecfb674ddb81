/**
 * Datetime and timespan functions. Calendar arithmetic (calendarTicks.ts) is done in UTC on ticks; bins
 * of datetimes are aligned the way Kusto aligns them, from 0001-01-01 (a Monday), so `bin(t, 7d)` falls on Mondays.
 */
import { bigIntOf, Int64, longFromBigInt } from '../int64';
import {
  addTicks,
  bigTicks,
  binTicks,
  floorDivTicks,
  isTicks,
  modTicks,
  subtractTicks,
  type Ticks,
  ticksOf,
  ticksOfNumber,
  ticksOfSeconds,
} from '../ticks';
import {
  type KqlType,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  type Value,
} from '../values';
import {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  binDatetimeTicks,
  binNumber,
  dayOfYear,
  floorDivBig,
  isoWeek,
  legacyWeek,
  SUNDAY_SHIFT,
  startOfDay,
  startOfMonth,
  startOfWeek,
  startOfYear,
  TICKS_PER_WEEK,
  unixToTicks,
} from './calendarTicks';
import { compileDatetimeFormat, compileTimespanFormat } from './datetimeFormat';
import { dateParts, ticksFromParts } from './datetimeText';
import { fitDatetime, fitNumber, scalar, strict, withVolatility } from './define';
import { datetimePartShape, hourOfDayShape, timeOfDayColumnKernel, timeOfDayRowKernel } from './timeOfDayKernels';
import { type CallShape, EvaluationError, type ScalarFunction } from './types';

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

function datetimePart(part: Part | 'dayofyear', t: Ticks): number {
  // The clock parts are plain arithmetic on the ticks; only the calendar ones need a Date.
  if (part === 'hour' || part === 'minute' || part === 'second') {
    const ofDay = modTicks(t, TICKS_PER_DAY);
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
function datetimeDiff(part: Part, a: Ticks, b: Ticks): number | Int64 | null {
  if (!isTicks(a) || !isTicks(b)) {
    return null;
  }
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
      return (
        floorDivTicks(addTicks(a, SUNDAY_SHIFT), TICKS_PER_WEEK) -
        floorDivTicks(addTicks(b, SUNDAY_SHIFT), TICKS_PER_WEEK)
      );
    case 'nanosecond':
      return longFromBigInt((bigTicks(a) - bigTicks(b)) * 100n);
    default: {
      // Microseconds between far-apart datetimes pass 2^53: the count is a long, exact.
      const size = BigInt(FIXED_PART_TICKS[part]!);
      return longFromBigInt(floorDivBig(bigTicks(a), size) - floorDivBig(bigTicks(b), size));
    }
  }
}

function datetimeAdd(part: Part, amount: number, t: Ticks): Ticks {
  switch (part) {
    case 'year':
      return addMonths(t, amount * 12);
    case 'quarter':
      return addMonths(t, amount * 3);
    case 'month':
      return addMonths(t, amount);
    default:
      return addTicks(t, ticksOfNumber(Math.round(amount * FIXED_PART_TICKS[part]!)));
  }
}

// The startof and endof functions take an optional offset in units of the period.
function period(
  name: string,
  start: (t: Ticks) => Ticks,
  step: (t: Ticks, n: number) => Ticks,
  end: boolean,
): ScalarFunction {
  return strict(name, (args) => {
    const t = args[0] as Ticks;
    const offset = typeof args[1] === 'number' ? Math.trunc(args[1]) : 0;
    const s = step(start(t), offset);
    return fitDatetime(end ? subtractTicks(step(s, 1), 1) : s);
  });
}

function bin(value: number | Int64, size: number | Int64, type: KqlType, resultType: KqlType): Value {
  if (!(Number(size) > 0) || !isTicks(size)) {
    return null;
  }
  if (type === 'datetime') {
    return fitDatetime(binDatetimeTicks(value, size));
  }
  if (type === 'timespan' && (value instanceof Int64 || size instanceof Int64)) {
    return binTicks(value, size);
  }
  return fitNumber(binNumber(Number(value), Number(size)), resultType);
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

function fitUnix(v: Value, ticksPerUnit: number, unitsPerTick = 1): Value {
  const t = unixToTicks(v, ticksPerUnit, unitsPerTick);
  return t === null ? null : fitDatetime(t);
}

/**
 * make_timespan([days,] hours, minutes[, seconds]): exact to the tick, the seconds (a real, as the
 * reference types them) rounded to the nearest tick (ticks.ts: ticksOfSeconds); null past a
 * timespan's 64-bit range. Hours and minutes past 23 and 59 are not refused (the reference gives
 * their usual range, not what falls outside it): 25 hours is a day and an hour.
 */
function makeTimespan(args: readonly Value[]): Value {
  if (args.length < 2) {
    return null; // make_timespan(value), an overload Kusto.Language declares that no reference page describes
  }
  const [days, hours, minutes, seconds] = args.length === 4 ? args : [0, args[0], args[1], args[2] ?? 0];
  const d = bigIntOf(days);
  const h = bigIntOf(hours);
  const m = bigIntOf(minutes);
  const s = seconds instanceof Int64 ? seconds.big * 10_000_000n : ticksOfSeconds(Number(seconds));
  if (d === null || h === null || m === null || s === null) {
    return null;
  }
  const ticks = d * BigInt(TICKS_PER_DAY) + h * BigInt(TICKS_PER_HOUR) + m * BigInt(TICKS_PER_MINUTE) + s;
  return ticks === BigInt.asIntN(64, ticks) ? ticksOf(ticks) : null;
}

function withFormat(name: string, compile: (f: string) => (t: Ticks) => string): ScalarFunction {
  return scalar(name, (_types, _result, _ctx, constArgs) => {
    let lastFormat = typeof constArgs[1] === 'string' ? constArgs[1] : undefined;
    let fmt = lastFormat === undefined ? undefined : compile(lastFormat);
    return (args) => {
      const t = args[0];
      const f = args[1];
      if (!isTicks(t) || typeof f !== 'string') {
        return '';
      }
      if (f !== lastFormat || !fmt) {
        fmt = compile(f);
        lastFormat = f;
      }
      return fmt(t);
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
    scalar('now', (_t, _r, ctx) => (args) => fitDatetime(isTicks(args[0]) ? addTicks(ctx.now, args[0]) : ctx.now)),
    'query',
  ),
  withVolatility(
    scalar('ago', (_t, _r, ctx) => (args) => (isTicks(args[0]) ? fitDatetime(subtractTicks(ctx.now, args[0])) : null)),
    'query',
  ),
  {
    ...strict('bin', (args, types, resultType) => bin(args[0] as number, args[1] as number, types[0]!, resultType), [
      'floor',
    ]),
    bucketStep: binStep,
  },
  strict('bin_at', (args, types, resultType) => {
    const [v, size, at] = args as Ticks[];
    if (!(Number(size) > 0)) {
      return null;
    }
    if (v instanceof Int64 || size instanceof Int64 || at instanceof Int64) {
      // Datetimes and timespans past 2^53 ticks: the same floor, exact.
      const offset = bigTicks(subtractTicks(v!, at!));
      const s = bigTicks(size!);
      if (s === 0n || !isTicks(v) || !isTicks(at)) {
        return null;
      }
      return fitNumber(
        addTicks(ticksOf(floorDivBig(offset, s) * s), at!),
        types[0] === 'datetime' ? 'datetime' : resultType,
      );
    }
    const [x, step, origin] = args as number[];
    return fitNumber(
      Math.floor((x! - origin!) / step!) * step! + origin!,
      types[0] === 'datetime' ? 'datetime' : resultType,
    );
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
  strict('unixtime_seconds_todatetime', (args) => fitUnix(args[0]!, TICKS_PER_SECOND)),
  strict('unixtime_milliseconds_todatetime', (args) => fitUnix(args[0]!, TICKS_PER_MILLISECOND)),
  strict('unixtime_microseconds_todatetime', (args) => fitUnix(args[0]!, 10)),
  strict('unixtime_nanoseconds_todatetime', (args) => fitUnix(args[0]!, 1, 100)),
];
