/**
 * Values as text and on the wire, and the ordering/equality/hashing every operator shares, so that
 * `order by`, `summarize by`, `join`, `distinct` and tostring() all agree with each other and with Kusto.
 */
import type { WireValue } from '../results/queryResult';
import { parseDatetime } from './functions/datetimeText';
import { parseTimespan } from './functions/timespanText';
import type { DynamicValue, KqlType, Value } from './values';

export { parseDatetime, formatDatetime } from './functions/datetimeText';
export { parseTimespan, formatTimespan } from './functions/timespanText';
import { formatDatetime } from './functions/datetimeText';
import { formatTimespan } from './functions/timespanText';

/**
 * A real as .NET prints a double (what Kusto's tostring() gives): shortest round-trip digits,
 * scientific notation from 1E+15 up and below 1E-04, `NaN`, `Infinity`, `-Infinity`.
 */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) {
    return 'NaN';
  }
  if (!Number.isFinite(n)) {
    return n > 0 ? 'Infinity' : '-Infinity';
  }
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4)) {
    const [mantissa, exp] = n.toExponential().split('e') as [string, string];
    const sign = exp.startsWith('-') ? '-' : '+';
    return `${mantissa.toUpperCase()}E${sign}${exp.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  return String(n);
}

/** Dynamic values as JSON text with object keys sorted, so equal bags print (and hash) alike. */
export function canonicalJson(value: DynamicValue): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

/** tostring(): null → "", datetimes/timespans in Kusto's printed form, dynamic strings unquoted, other dynamic as JSON. */
export function valueToString(value: Value, type: KqlType): string {
  if (value === null || value === undefined) {
    return '';
  }
  switch (type) {
    case 'string':
    case 'guid':
      return String(value);
    case 'bool':
      return value ? 'true' : 'false';
    case 'datetime':
      return Number.isFinite(value) ? formatDatetime(value as number) : '';
    case 'timespan':
      return Number.isFinite(value) ? formatTimespan(value as number) : '';
    case 'real':
      return formatReal(value as number);
    case 'int':
    case 'long':
    case 'decimal':
      return String(value);
    case 'dynamic':
      if (typeof value === 'string') {
        return value;
      }
      if (typeof value === 'number') {
        return Number.isInteger(value) ? String(value) : formatReal(value);
      }
      return JSON.stringify(value);
  }
}

/** A value as the Log Analytics REST API returns it (see WireValue). */
export function toWire(value: Value, type: KqlType): WireValue {
  if (value === null || value === undefined) {
    return type === 'string' ? '' : null;
  }
  switch (type) {
    case 'datetime':
      return Number.isFinite(value) ? formatDatetime(value as number) : null;
    case 'timespan':
      return Number.isFinite(value) ? formatTimespan(value as number) : null;
    case 'real':
      // JSON has no NaN/Infinity: the REST API sends them as strings.
      return Number.isFinite(value) ? (value as number) : formatReal(value as number);
    default:
      return value as WireValue;
  }
}

function wireNumber(value: unknown): number | null {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (s === 'NaN') {
      return NaN;
    }
    if (s === 'Infinity' || s === '+Infinity') {
      return Infinity;
    }
    if (s === '-Infinity') {
      return -Infinity;
    }
    if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) {
      return null;
    }
    return Number(s);
  }
  return null;
}

/**
 * A value from the wire (REST JSON, or a CSV/JSON export cell) in the run-time representation.
 * Like Kusto's ingestion, a value that does not fit the column type becomes null (string: "").
 * Dynamic values given as JSON text are parsed; text that is not JSON stays a string.
 */
export function fromWire(value: unknown, type: KqlType): Value {
  if (value === null || value === undefined) {
    return type === 'string' ? '' : null;
  }
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'guid':
      return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim())
        ? value.trim().toLowerCase() : null;
    case 'bool':
      if (typeof value === 'boolean') {
        return value;
      }
      if (typeof value === 'number') {
        return value !== 0;
      }
      if (typeof value === 'string') {
        const s = value.trim().toLowerCase();
        return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : null;
      }
      return null;
    case 'int':
    case 'long': {
      const n = wireNumber(value);
      return n === null || !Number.isFinite(n) ? null : Math.trunc(n);
    }
    case 'real':
    case 'decimal':
      return wireNumber(value);
    case 'datetime':
      return typeof value === 'string' ? parseDatetime(value) : null;
    case 'timespan':
      return typeof value === 'string' ? parseTimespan(value) : null;
    case 'dynamic':
      if (typeof value === 'string') {
        const s = value.trim();
        if (s.startsWith('{') || s.startsWith('[') || s === 'null' || s === 'true' || s === 'false' || wireNumber(s) !== null) {
          try {
            return JSON.parse(s) as DynamicValue;
          } catch {
            return value;
          }
        }
      }
      return value as DynamicValue;
  }
}

function dynamicRank(v: DynamicValue): number {
  if (v === null) {
    return 0;
  }
  switch (typeof v) {
    case 'boolean': return 1;
    case 'number': return 2;
    case 'string': return 3;
    default: return Array.isArray(v) ? 4 : 5;
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
        return compareValues(a, b, 'real');
      }
      const sa = ra === 3 ? (a as string) : canonicalJson(a);
      const sb = rb === 3 ? (b as string) : canonicalJson(b);
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    default: {
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
      return Number.isNaN(value) ? '\u0000NaN' : (value as number) === 0 ? 0 : (value as number);
  }
}
