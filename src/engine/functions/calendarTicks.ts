/**
 * Calendar arithmetic on ticks in either form (ticks.ts), exact to the tick over Kusto's whole
 * datetime range: the starts of days, weeks, months and years, month arithmetic as .NET's AddMonths,
 * ISO and legacy week numbers, bins aligned as Kusto aligns them (from 0001-01-01, a Monday), and
 * Unix counts as ticks. datetimeFunctions.ts builds the KQL functions on these.
 */
import { bigIntOf } from '../int64';
import {
  addTicks,
  bigTicks,
  binTicks,
  floorDivTicks,
  modTicks,
  type Ticks,
  ticksFromMultiple,
  ticksOf,
  ticksOfNumber,
} from '../ticks';
import {
  DATETIME_BASE_DOTNET_TICKS,
  DATETIME_BASE_MS,
  TICKS_PER_DAY,
  TICKS_PER_MILLISECOND,
  type Value,
} from '../values';
import { dateParts, ticksFromParts } from './datetimeText';

export const TICKS_PER_WEEK = 7 * TICKS_PER_DAY;
// 1970-01-01 was a Thursday: startofweek (Sunday) is 4 days earlier.
export const SUNDAY_SHIFT = 4 * TICKS_PER_DAY;

/**
 * A count of `unit` ticks since 1970 as engine ticks, exact for whole counts (a long past 2^53 too);
 * a fractional count is rounded to the nearest tick. Units below a tick (nanoseconds) truncate.
 */
export function unixToTicks(v: Value, ticksPerUnit: number, unitsPerTick = 1): Ticks | null {
  const base = BigInt(DATETIME_BASE_MS) * BigInt(TICKS_PER_MILLISECOND);
  if (typeof v === 'number' && !Number.isInteger(v)) {
    if (!Number.isFinite(v)) {
      return null;
    }
    // The base is taken off in the count's own unit first, so a recent time's ticks are rounded once.
    const baseInUnits = (DATETIME_BASE_MS * TICKS_PER_MILLISECOND * unitsPerTick) / ticksPerUnit;
    return ticksOfNumber(Math.round(((v - baseInUnits) * ticksPerUnit) / unitsPerTick));
  }
  const big = bigIntOf(v);
  return big === null ? null : ticksOf((big * BigInt(ticksPerUnit)) / BigInt(unitsPerTick) - base);
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

/** bin() of a datetime in either form of ticks, exact (binDatetime serves doubles in the window). */
export function binDatetimeTicks(v: Ticks, size: Ticks): Ticks {
  if (typeof v === 'number' && typeof size === 'number') {
    const shift = epochShift(size);
    const r = Math.floor((v + shift) / size) * size - shift;
    if (Math.abs(r) <= Number.MAX_SAFE_INTEGER) {
      return r;
    }
  }
  const s = bigTicks(size);
  return binTicks(v, size, DATETIME_BASE_DOTNET_TICKS % s);
}

export function startOfDay(t: Ticks): Ticks {
  return ticksFromMultiple(floorDivTicks(t, TICKS_PER_DAY), TICKS_PER_DAY);
}

export function startOfWeek(t: Ticks): Ticks {
  return ticksFromMultiple(floorDivTicks(addTicks(t, SUNDAY_SHIFT), TICKS_PER_WEEK), TICKS_PER_WEEK, -SUNDAY_SHIFT);
}

/** Whole days since the base (exact: days always fit a double). */
export function dayNumber(t: Ticks): number {
  return floorDivTicks(t, TICKS_PER_DAY);
}

export function startOfMonth(t: Ticks): Ticks {
  const p = dateParts(t);
  return ticksFromParts(p.year, p.month, 1);
}

export function startOfYear(t: Ticks): Ticks {
  return ticksFromParts(dateParts(t).year, 1, 1);
}

/** Adds whole months as .NET's AddMonths does: the day is clamped to the target month's length. */
export function addMonths(t: Ticks, months: number): Ticks {
  const p = dateParts(t);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return addTicks(ticksFromParts(year, month, day), modTicks(t, TICKS_PER_DAY));
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(t: Ticks): number {
  const p = dateParts(t);
  const dayNum = (p.weekday + 6) % 7; // Monday = 0
  const thursday = dayNumber(t) + 3 - dayNum;
  const firstOfYear = dayNumber(ticksFromParts(dateParts(ticksFromMultiple(thursday, TICKS_PER_DAY)).year, 1, 1));
  return Math.floor((thursday - firstOfYear) / 7) + 1;
}

/** weekofyear(), the obsolete variant: week 1 is the week (from Monday) holding the year's first Wednesday. */
export function legacyWeek(t: Ticks): number {
  const dayNum = (dateParts(t).weekday + 6) % 7;
  const wednesday = dayNumber(t) + 2 - dayNum;
  const firstOfYear = dayNumber(ticksFromParts(dateParts(ticksFromMultiple(wednesday, TICKS_PER_DAY)).year, 1, 1));
  return Math.floor((wednesday - firstOfYear) / 7) + 1;
}

export function dayOfYear(t: Ticks): number {
  return dayNumber(t) - dayNumber(startOfYear(t)) + 1;
}

export function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export const addDays = (t: Ticks, n: number): Ticks => addTicks(t, ticksFromMultiple(n, TICKS_PER_DAY));
export const addWeeks = (t: Ticks, n: number): Ticks => addTicks(t, ticksFromMultiple(n, TICKS_PER_WEEK));
export const addYears = (t: Ticks, n: number): Ticks => addMonths(t, 12 * n);
