/** Values on the wire: as the Log Analytics REST API returns them (WireValue), and back. */

import { newRecord, parseJsonData } from '../results/jsonData';
import type { WireValue } from '../results/queryResult';
import { parseDatetime } from './functions/datetimeText';
import { parseTimespan } from './functions/timespanText';
import { Int64, longFromText } from './int64';
import { type DynamicValue, type KqlType, type Value, WholeReal } from './values';
import { formatDatetime, formatReal, formatTimespan, hasWholeReal } from './valueText';

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
      // A value of another shape under a real column (a bag from a mistyped call) passes as it is.
      return typeof value !== 'number' || Number.isFinite(value) ? (value as WireValue) : formatReal(value);
    case 'dynamic':
      return hasWholeReal(value as DynamicValue) ? jsonNumbers(value as DynamicValue) : (value as WireValue);
    case 'long':
    case 'int':
      // Past 2^53 a long travels as its digits (results/wireJson.ts writes them back as a JSON number).
      return value instanceof Int64 ? value.big.toString() : (value as WireValue);
    default:
      return value instanceof Int64 ? Number(value.big) : (value as WireValue);
  }
}

/**
 * A dynamic value with its marked whole-number reals as plain JSON numbers: the wire is JSON values,
 * which cannot tell 1.0 from 1 (and a marker object would cross a worker as a bag). An exact long
 * inside a dynamic value becomes its nearest double there: the wire's dynamic values are plain JSON.
 */
function jsonNumbers(value: DynamicValue): WireValue {
  if (value instanceof WholeReal) {
    return value.value;
  }
  if (value instanceof Int64) {
    return Number(value.big);
  }
  if (Array.isArray(value)) {
    return value.map(jsonNumbers);
  }
  if (value !== null && typeof value === 'object') {
    const out = newRecord<WireValue>();
    for (const [k, v] of Object.entries(value)) {
      out[k] = jsonNumbers(v);
    }
    return out;
  }
  return value;
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
        if (
          s.startsWith('{') ||
          s.startsWith('[') ||
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
