/**
 * How KQL values look at run time, one row at a time. The static type (from the binder) always says
 * which representation a value has, so no tagging is needed:
 *
 * | KQL type                 | JavaScript value                                              |
 * |--------------------------|---------------------------------------------------------------|
 * | bool                     | boolean                                                       |
 * | int, long, real, decimal | number (int/long hold integers; long is exact to 2^53)        |
 * | datetime                 | number: 100-ns ticks since 1970-01-01T00:00:00Z               |
 * | timespan                 | number: 100-ns ticks                                          |
 * | string                   | string (KQL strings are never null: the empty string stands in)|
 * | guid                     | string, lower-case canonical form                             |
 * | dynamic                  | a JSON value: null, boolean, number, string, array or object  |
 *
 * `null` is KQL's null for every type but string.
 */
import type { KqlType } from '../schema/types';

export type { KqlType };

export type DynamicValue = null | boolean | number | string | DynamicValue[] | { [key: string]: DynamicValue };

export type Value = null | boolean | number | string | DynamicValue;

export const TICKS_PER_MILLISECOND = 10_000;
export const TICKS_PER_SECOND = 10_000_000;
export const TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24 * TICKS_PER_HOUR;

export function ticksFromDate(d: Date): number {
  return d.getTime() * TICKS_PER_MILLISECOND;
}

export function dateFromTicks(ticks: number): Date {
  return new Date(Math.floor(ticks / TICKS_PER_MILLISECOND));
}

export function isNumericType(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** Types whose values are numbers in a Float64Array column. */
export function isNumberBacked(t: KqlType): boolean {
  return isNumericType(t) || t === 'datetime' || t === 'timespan';
}
