/** Values on the wire: as the Log Analytics REST API returns them (WireValue), and back. */

import { parseJsonData } from '../results/jsonData';
import type { WireValue } from '../results/queryResult';
import { isExactDynamicText } from '../results/wireJson';
import { parseDatetime } from './functions/datetimeText';
import { parseTimespan } from './functions/timespanText';
import { Int64, longFromText } from './int64';
import { isTicks } from './ticks';
import type { DynamicValue, KqlType, Value } from './values';
import { dynamicJson, formatDatetime, formatReal, formatTimespan, hasWholeReal } from './valueText';

/** A value as the Log Analytics REST API returns it (see WireValue). */
export function toWire(value: Value, type: KqlType): WireValue {
  if (value === null || value === undefined) {
    return type === 'string' ? '' : null;
  }
  switch (type) {
    case 'datetime':
      return isTicks(value) ? formatDatetime(value) : null;
    case 'timespan':
      return isTicks(value) ? formatTimespan(value) : null;
    case 'real':
      // JSON has no NaN/Infinity: the REST API sends them as strings.
      // A value of another shape under a real column (a bag from a mistyped call) passes as it is.
      return typeof value !== 'number' || Number.isFinite(value) ? (value as WireValue) : formatReal(value);
    case 'dynamic':
      // Plain JSON values cannot tell 1.0 from 1 nor hold a long past 2^53: a value holding either
      // crosses as its exact JSON text, the form Log Analytics' REST API sends every dynamic value in.
      if (typeof value === 'string') {
        // A dynamic string that would read as exact JSON text (`[1,2]`, `1.5`, a quoted string) crosses
        // as its JSON text too, so it stays a string (results/wireJson.ts isExactDynamicText).
        return isExactDynamicText(value, 'dynamic') ? JSON.stringify(value) : value;
      }
      return hasWholeReal(value as DynamicValue) ? dynamicJson(value as DynamicValue) : (value as WireValue);
    case 'long':
    case 'int':
    case 'decimal':
      // Past 2^53 a long (or parse_version's decimal) travels as its digits (results/wireJson.ts writes them back as a JSON number).
      return value instanceof Int64 ? value.big.toString() : (value as WireValue);
    default:
      return value instanceof Int64 ? Number(value.big) : (value as WireValue);
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
      return typeof value === 'string' &&
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim())
        ? value.trim().toLowerCase()
        : null;
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
      // Digits are read exactly (a long past 2^53 arrives as its digits); other numbers as numbers.
      if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) {
        const exact = longFromText(value.trim());
        return type === 'int' && exact instanceof Int64 ? Number(BigInt.asIntN(32, exact.big)) : exact;
      }
      const n = wireNumber(value);
      return n === null || !Number.isFinite(n) ? null : Math.trunc(n);
    }
    case 'decimal':
      // A whole decimal past 2^53 (parse_version's) arrives as its digits: read them exactly.
      if (typeof value === 'string' && /^\s*-?\d{16,33}\s*$/.test(value)) {
        const big = BigInt(value.trim());
        return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= -BigInt(Number.MAX_SAFE_INTEGER)
          ? Number(big)
          : new Int64(big);
      }
      return wireNumber(value);
    case 'real':
      return wireNumber(value);
    case 'datetime':
      return typeof value === 'string' ? parseDatetime(value) : null;
    case 'timespan':
      return typeof value === 'string' ? parseTimespan(value) : null;
    case 'dynamic':
      if (typeof value === 'string') {
        const s = value.trim();
        if (
          s.startsWith('{') ||
          s.startsWith('[') ||
          s.startsWith('"') ||
          s === 'null' ||
          s === 'true' ||
          s === 'false' ||
          wireNumber(s) !== null
        ) {
          try {
            return parseJsonData(s) as DynamicValue;
          } catch {
            return value;
          }
        }
      }
      return value as DynamicValue;
  }
}
