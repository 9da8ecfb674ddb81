/**
 * Conversions between KQL types with the to*() functions' rules: a value that does not convert gives
 * null (string: ""), never an error. Operators use the same rules to line up mixed operands, e.g. a
 * dynamic property compared with a string.
 */

import { bigIntOf, Int64, longFromBigInt, longFromText, unsafeInteger } from '../int64';
import { bigTicks, fitDatetime, type Ticks, ticksOf, ticksOfNumber } from '../ticks';
import {
  DATETIME_BASE_DOTNET_TICKS,
  type DynamicValue,
  type KqlType,
  realInDynamic,
  type Value,
  WholeReal,
} from '../values';
import {
  canonicalJson,
  formatDatetimeInDynamic,
  formatTimespan,
  parseDatetime,
  parseTimespan,
  valueToString,
} from '../valueText';
import { jsonTooDeepAt, MAX_DYNAMIC_DEPTH, parseKustoJson } from './kustoJson';
import { EvaluationError } from './types';

/** .NET ticks (since 0001-01-01) of the engine's datetime base, as a double (toreal(datetime)). */
const BASE_DOTNET_TICKS = Number(DATETIME_BASE_DOTNET_TICKS);
const LONG_MIN = -(2n ** 63n);

const REAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER_TEXT = /^[+-]?\d+$/;
const GUID_TEXT = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function realFromString(s: string): number | null {
  const t = s.trim();
  if (REAL_TEXT.test(t)) {
    return Number(t);
  }
  switch (t.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-infinity':
      return -Infinity;
    default:
      return null;
  }
}

function integerFromString(s: string): number | Int64 | null {
  const t = s.trim();
  if (INTEGER_TEXT.test(t)) {
    return longFromText(t);
  }
  // Kusto's tolong()/toint() also take real text and truncate it.
  const r = REAL_TEXT.test(t) ? Number(t) : null;
  return r === null ? null : longFromReal(r);
}

/**
 * A real as a long, as .NET's unchecked conversion gives it: truncated, and past the 64-bit range
 * (tolong(1e19)) the one value x64 gives for every out-of-range real, -9223372036854775808.
 */
export function longFromReal(r: number): number | Int64 | null {
  if (!Number.isFinite(r)) {
    return null;
  }
  const t = Math.trunc(r);
  if (!unsafeInteger(t)) {
    return t;
  }
  const b = BigInt(t);
  return b === BigInt.asIntN(64, b) ? longFromBigInt(b) : longFromBigInt(LONG_MIN);
}

export function toReal(v: Value, from: KqlType): number | null {
  if (v === null || v === undefined) {
    return null;
  }
  switch (typeof v) {
    case 'number':
      return from === 'datetime' ? v + BASE_DOTNET_TICKS : v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return realFromString(v);
    default:
      return v instanceof WholeReal ? v.value : null;
  }
}

export function toLong(v: Value, from: KqlType): number | Int64 | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (from === 'datetime' && (typeof v === 'number' || v instanceof Int64)) {
    // tolong(datetime) counts .NET ticks from 0001-01-01.
    return Number.isFinite(Number(v)) ? longFromBigInt(bigTicks(v) + DATETIME_BASE_DOTNET_TICKS) : null;
  }
  if (v instanceof Int64) {
    return v;
  }
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) {
        return null;
      }
      return longFromReal(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return integerFromString(v);
    default:
      return v instanceof WholeReal ? longFromReal(v.value) : null;
  }
}

export function toInt(v: Value, from: KqlType): number | null {
  const n = toLong(v, from);
  return n === null ? null : n instanceof Int64 ? Number(BigInt.asIntN(32, n.big)) : n | 0;
}

export function toBool(v: Value): boolean | null {
  if (v === null || v === undefined) {
    return null;
  }
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return Number.isNaN(v) ? null : v !== 0;
    case 'string': {
      const t = v.trim().toLowerCase();
      return t === 'true' ? true : t === 'false' ? false : null;
    }
    default:
      return v instanceof WholeReal ? v.value !== 0 : null;
  }
}

export function toDatetime(v: Value, from: KqlType): Ticks | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'string') {
    return parseDatetime(v);
  }
  if (typeof v === 'number' || v instanceof Int64) {
    if (from === 'datetime') {
      return v;
    }
    // todatetime(long) reads .NET ticks, as tolong(datetime) writes them.
    return from === 'int' || from === 'long' ? fitDatetime(ticksOf(bigIntOf(v)! - DATETIME_BASE_DOTNET_TICKS)) : null;
  }
  return null;
}

export function toTimespan(v: Value, from: KqlType): Ticks | null {
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v === 'string') {
    return parseTimespan(v);
  }
  if (v instanceof WholeReal) {
    return v.value;
  }
  if (v instanceof Int64 && from !== 'datetime') {
    return v;
  }
  if (typeof v === 'number' && from !== 'datetime') {
    return Number.isFinite(v) ? ticksOfNumber(Math.trunc(v)) : null;
  }
  return null;
}

export function toGuid(v: Value): string | null {
  if (typeof v !== 'string' || !GUID_TEXT.test(v.trim())) {
    return null;
  }
  const h = v.trim().replace(/-/g, '').toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** parse_json(): JSON text parsed, text that is not JSON kept as a dynamic string, empty text null. */
export function parseJson(s: string): DynamicValue {
  // Only the empty string is an empty dynamic; blank text is not JSON, so it comes back as the string.
  if (s === '') {
    return null;
  }
  // Shorter text cannot nest that deep: the common case costs no scan.
  const tooDeepAt = s.length > MAX_DYNAMIC_DEPTH ? jsonTooDeepAt(s) : -1;
  if (tooDeepAt >= 0) {
    throw new EvaluationError(
      `parse_json: the JSON nests more than ${MAX_DYNAMIC_DEPTH.toLocaleString('en-US')} levels deep (at character ${(tooDeepAt + 1).toLocaleString('en-US')} of ${s.length.toLocaleString('en-US')}), deeper than the embedded engine reads.`,
    );
  }
  try {
    return parseKustoJson(s);
  } catch {
    return s;
  }
}

/** A value of any type inside a dynamic (pack, make_list, …): datetimes and timespans as their text. */
export function toDynamic(v: Value, from: KqlType): DynamicValue {
  if (v === null || v === undefined) {
    return null;
  }
  switch (from) {
    case 'datetime':
      return formatDatetimeInDynamic(v as number);
    case 'timespan':
      return formatTimespan(v as number);
    case 'real':
      return Number.isFinite(v) ? realInDynamic(v as number) : null;
    default:
      return v as DynamicValue;
  }
}

/** Converts a value of type `from` to the representation of type `to` (the cast an implicit conversion does). */
export function convertValue(v: Value, from: KqlType, to: KqlType): Value {
  if (from === to) {
    return v;
  }
  switch (to) {
    case 'string':
      return valueToString(v, from);
    case 'real':
    case 'decimal':
      return toReal(v, from);
    case 'long':
      return toLong(v, from);
    case 'int':
      return toInt(v, from);
    case 'bool':
      return toBool(v);
    case 'datetime':
      return toDatetime(v, from);
    case 'timespan':
      return toTimespan(v, from);
    case 'guid':
      return toGuid(v);
    case 'dynamic':
      return from === 'string' ? v : toDynamic(v, from);
  }
}

export function dynamicEquals(a: DynamicValue, b: DynamicValue): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return false;
  }
  return canonicalJson(a) === canonicalJson(b);
}
