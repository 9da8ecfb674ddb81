/**
 * How KQL values look at run time, one row at a time. The static type (from the binder) always says
 * which representation a value has, so no tagging is needed:
 *
 * | KQL type                 | JavaScript value                                              |
 * |--------------------------|---------------------------------------------------------------|
 * | bool                     | boolean                                                       |
 * | int, long, real, decimal | number (int/long hold integers); a long past ±(2^53−1): Int64  |
 * | datetime                 | number: 100-ns ticks since DATETIME_BASE (2009-12-31T00:00Z)  |
 * | timespan                 | number: 100-ns ticks                                          |
 * | string                   | string (KQL strings are never null: the empty string stands in)|
 * | guid                     | string, lower-case canonical form                             |
 * | dynamic                  | a JSON value: null, boolean, number, string, array or object; |
 * |                          | a whole-number real inside it is a WholeReal (see below), a    |
 * |                          | long past ±(2^53−1) an Int64                                   |
 *
 * `null` is KQL's null for every type but string.
 */
import type { KqlType } from '../schema/types';
import { Int64 } from './int64';

export type { KqlType };
export { Int64 };

export type DynamicValue =
  | null
  | boolean
  | number
  | WholeReal
  | Int64
  | string
  | DynamicValue[]
  | { [key: string]: DynamicValue };

/**
 * A whole-number real inside a dynamic value (`dynamic([1.0])`, series_ceiling's output, make_list of
 * a real column). Kusto's dynamic keeps real 1.0 apart from long 1 (gettype, tostring and JSON print
 * `1.0`), and a bare JavaScript number cannot: a plain number in a dynamic is a long when whole and a
 * real otherwise, and this marker carries the rest. valueOf lets arithmetic and comparisons read it
 * as its number; code that tests `typeof v === 'number'` on dynamic elements reads dynamicNumber(v).
 */
export class WholeReal {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** Shared markers for the small whole numbers most series hold (markers never change, so sharing is safe). */
const SMALL_WHOLE_REALS = Array.from({ length: 2049 }, (_, i) => new WholeReal(i - 1024));

/** A real as an element of a dynamic value: whole-number reals marked, others as they are. */
export function realInDynamic(n: number): number | WholeReal {
  if (!Number.isInteger(n)) {
    return n;
  }
  return n >= -1024 && n <= 1024 && !Object.is(n, -0) ? SMALL_WHOLE_REALS[n + 1024]! : new WholeReal(n);
}

/** The number a dynamic element holds (a long, a real, or a marked whole-number real), else undefined. */
export function dynamicNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : v instanceof WholeReal ? v.value : v instanceof Int64 ? Number(v.big) : undefined;
}

/** Whether a dynamic element is a real (gettype() 'real'): a fraction, NaN/±Infinity or a marked whole number. */
export function isDynamicReal(v: unknown): boolean {
  return v instanceof WholeReal || (typeof v === 'number' && !Number.isInteger(v));
}

/** A dynamic value is a property bag: an object that is neither an array nor a marked real. */
export function isDynamicBag(v: unknown): v is { [key: string]: DynamicValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof WholeReal) && !(v instanceof Int64);
}

export type Value = null | boolean | number | Int64 | string | DynamicValue;

export const TICKS_PER_MILLISECOND = 10_000;
export const TICKS_PER_SECOND = 10_000_000;
export const TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24 * TICKS_PER_HOUR;

/**
 * Datetimes count ticks from 2009-12-31T00:00:00Z, not from 1970: a double holds every integer up to
 * 2^53, and 2^53 ticks is 28.5 years, so counted from here every datetime from mid-1981 to mid-2038 is
 * exact to the 100-ns tick (counted from 1970, datetimes after mid-1998 are past 2^53 and exact only to
 * 200 ns). The base is a Thursday a whole number of weeks after 1970-01-01, so week and day
 * arithmetic on ticks is unchanged. Outside that window a datetime is the nearest double, as before.
 */
export const DATETIME_BASE_MS = 14_609 * 86_400_000;
/** .NET ticks (from 0001-01-01) of DATETIME_BASE, exact: tolong(datetime) and todatetime(long) count from year 1. */
export const DATETIME_BASE_DOTNET_TICKS = 621_355_968_000_000_000n + BigInt(DATETIME_BASE_MS) * 10_000n;

/** Engine ticks of a time in milliseconds since the Unix epoch. */
export function ticksFromMs(ms: number): number {
  return (ms - DATETIME_BASE_MS) * TICKS_PER_MILLISECOND;
}

/** Milliseconds since the Unix epoch of engine ticks (floored to the millisecond). */
export function msFromTicks(ticks: number): number {
  return Math.floor(ticks / TICKS_PER_MILLISECOND) + DATETIME_BASE_MS;
}

export function ticksFromDate(d: Date): number {
  return ticksFromMs(d.getTime());
}

export function dateFromTicks(ticks: number): Date {
  return new Date(msFromTicks(ticks));
}

export function isNumericType(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** Types whose values are numbers in a Float64Array column. */
export function isNumberBacked(t: KqlType): boolean {
  return isNumericType(t) || t === 'datetime' || t === 'timespan';
}
