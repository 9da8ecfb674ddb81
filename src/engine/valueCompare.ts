/**
 * The ordering, equality and hashing every operator shares, so that `order by`, `summarize by`,
 * `join`, `distinct`, min()/max() and arg_max() all agree with each other and with Kusto.
 */

import { compareLongs, longsEqual } from './functions/longArithmetic';
import { type DynamicValue, Int64, type KqlType, type Value, WholeReal } from './values';
import { canonicalJson } from './valueText';

function dynamicRank(v: DynamicValue): number {
  if (v === null) {
    return 0;
  }
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
    default:
      return Array.isArray(v) ? 4 : v instanceof WholeReal || v instanceof Int64 ? 2 : 5;
  }
}

/**
 * Total order for `order by`, `top`, min()/max() and arg_max(): numbers numerically (NaN below all
 * numbers), strings ordinally (UTF-16 code units, as .NET's ordinal comparison), false < true.
 * null sorts below every value; callers apply `nulls first/last` themselves.
 */
export function compareValues(a: Value, b: Value, type: KqlType): number {
  if (a === null || a === undefined) {
    return b === null || b === undefined ? 0 : -1;
  }
  if (b === null || b === undefined) {
    return 1;
  }
  switch (type) {
    case 'string':
    case 'guid':
      return a < b ? -1 : a > b ? 1 : 0;
    case 'bool':
      return Number(a) - Number(b);
    case 'dynamic': {
      const ra = dynamicRank(a);
      const rb = dynamicRank(b);
      if (ra !== rb) {
        return ra - rb;
      }
      if (ra === 2 || ra === 1) {
        return compareValues(Number(a), Number(b), 'real');
      }
      const sa = ra === 3 ? (a as string) : canonicalJson(a);
      const sb = rb === 3 ? (b as string) : canonicalJson(b);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    default: {
      if (a instanceof Int64 || b instanceof Int64) {
        return compareLongs(a as number | Int64, b as number | Int64);
      }
      const x = a as number;
      const y = b as number;
      if (Number.isNaN(x) || Number.isNaN(y)) {
        return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

/** Key equality for grouping/joining: null equals null (as in summarize by), dynamic by canonical JSON. */
export function valuesEqual(a: Value, b: Value, type: KqlType): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || a === undefined || b === undefined) {
    return false;
  }
  if (type === 'dynamic') {
    return typeof a === 'object' && typeof b === 'object' && canonicalJson(a) === canonicalJson(b);
  }
  if (a instanceof Int64 || b instanceof Int64) {
    return longsEqual(a, b);
  }
  return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b as number);
}

const NULL_KEY = '\u0000null';

/**
 * A Map key standing for one value of one type: equal keys ⇔ valuesEqual. Numbers stay numbers
 * (fast Map lookups); null, NaN and dynamic values become strings that no value of the type can collide with.
 */
export function hashKey(value: Value, type: KqlType): string | number {
  if (value === null || value === undefined) {
    return NULL_KEY;
  }
  switch (type) {
    case 'string':
    case 'guid':
      return value as string;
    case 'bool':
      return value ? 1 : 0;
    case 'dynamic':
      return canonicalJson(value);
    default:
      // A long past 2^53 never equals a number, so its digits make a key of their own.
      if (value instanceof Int64) {
        return `\u0000L${value.big}`;
      }
      return Number.isNaN(value) ? '\u0000NaN' : (value as number) === 0 ? 0 : (value as number);
  }
}
