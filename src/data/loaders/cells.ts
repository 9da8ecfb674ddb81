/**
 * Cell values of exported files → typed run-time values: column types from the schema catalogue, from
 * the REST response's columns, or inferred from the values themselves.
 */
import type { Ticks } from '../../engine/ticks';
import type { KqlType, Value } from '../../engine/values';
import { parseDatetime } from '../../engine/valueText';
import { fromWire } from '../../engine/wireValues';
import { KQL_TYPES } from '../../schema/types';

// The Azure portal's "Export to CSV" writes datetimes in the browser's US format: 11/23/2026, 5:04:12.345 PM.
const PORTAL_DATETIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d{2}):(\d{2})(\.\d{1,7})? ?([AP]M)$/i;

function portalDatetime(s: string): Ticks | null {
  const m = PORTAL_DATETIME.exec(s.trim());
  if (!m) {
    return null;
  }
  let hour = Number(m[4]) % 12;
  if (m[8]!.toUpperCase() === 'PM') {
    hour += 12;
  }
  const two = (x: string | number) => String(x).padStart(2, '0');
  return parseDatetime(`${m[3]}-${two(m[1]!)}-${two(m[2]!)}T${two(hour)}:${m[5]}:${m[6]}${m[7] ?? ''}Z`);
}

function describe(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}'; // Too deep to print.
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const articles: Record<string, string> = {
  int: 'an int',
  long: 'a long',
  real: 'a real',
  bool: 'a bool',
  datetime: 'a datetime',
  timespan: 'a timespan',
  guid: 'a guid',
  decimal: 'a decimal',
  dynamic: 'a dynamic',
  string: 'a string',
};

/**
 * A cell as a value of the column's type. Empty cells are null (the empty string for strings); a value
 * that is not of the type is an error (returned as its reason), not a silent null.
 */
export function convertCell(value: unknown, type: KqlType): { value: Value } | { error: string } {
  if (value === null || value === undefined || value === '') {
    return { value: type === 'string' ? '' : null };
  }
  if (type === 'datetime' && typeof value === 'string') {
    const t = parseDatetime(value) ?? portalDatetime(value);
    return t === null ? { error: `expected a datetime, found ${describe(value)}` } : { value: t };
  }
  if ((type === 'int' || type === 'long') && typeof value === 'number' && !Number.isInteger(value)) {
    return { error: `expected ${articles[type]}, found ${describe(value)}` };
  }
  if ((type === 'int' || type === 'long') && typeof value === 'string' && !/^\s*[+-]?\d+\s*$/.test(value)) {
    return { error: `expected ${articles[type]}, found ${describe(value)}` };
  }
  if (type === 'string' && typeof value !== 'string' && typeof value !== 'object') {
    return { value: String(value) };
  }
  const converted = fromWire(value, type);
  if (converted === null && type !== 'dynamic') {
    return { error: `expected ${articles[type]}, found ${describe(value)}` };
  }
  return { value: converted };
}

/** A KQL type name from a REST column (`datetime`, `long`, `System.String`, …), if it is one. */
export function restColumnType(name: unknown): KqlType | undefined {
  if (typeof name !== 'string') {
    return undefined;
  }
  const t = name.toLowerCase().replace(/^system\./, '');
  const aliases: Record<string, KqlType> = {
    boolean: 'bool',
    int32: 'int',
    int64: 'long',
    double: 'real',
    single: 'real',
    datetime: 'datetime',
    timespan: 'timespan',
    guid: 'guid',
    object: 'dynamic',
    sbyte: 'bool',
    date: 'datetime',
    time: 'timespan',
    uniqueid: 'guid',
    float: 'real',
    integer: 'int',
  };
  return aliases[t] ?? ((KQL_TYPES as readonly string[]).find((k) => k === t) as KqlType | undefined);
}

const INTEGER = /^[+-]?\d{1,15}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function looksDynamic(v: string): boolean {
  const s = v.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) {
    return false;
  }
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** The narrowest type all non-empty values of a column fit: bool, long, real, datetime, dynamic, else string. */
export function inferColumnType(values: Iterable<unknown>): KqlType {
  let bool = true,
    long = true,
    real = true,
    datetime = true,
    dynamic = true;
  let seen = false;
  for (const v of values) {
    if (v === null || v === undefined || v === '') {
      continue;
    }
    seen = true;
    if (typeof v === 'boolean') {
      long = real = datetime = dynamic = false;
    } else if (typeof v === 'number') {
      bool = datetime = dynamic = false;
      long &&= Number.isInteger(v);
    } else if (typeof v === 'object') {
      bool = long = real = datetime = false;
    } else {
      const s = String(v).trim();
      bool &&= /^(true|false)$/i.test(s);
      long &&= INTEGER.test(s);
      real &&= NUMBER.test(s);
      datetime &&= ISO_DATETIME.test(s) || PORTAL_DATETIME.test(s);
      dynamic &&= looksDynamic(s);
    }
    if (!bool && !long && !real && !datetime && !dynamic) {
      return 'string';
    }
  }
  if (!seen) {
    return 'string';
  }
  return bool ? 'bool' : long ? 'long' : real ? 'real' : datetime ? 'datetime' : dynamic ? 'dynamic' : 'string';
}
