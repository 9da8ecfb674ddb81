/**
 * Values as text: tostring(), .NET's printing of reals, dynamic values as canonical JSON (object keys
 * sorted, so equal bags print and hash alike).
 */
import { formatDatetime } from './functions/datetimeText';
import { formatTimespan } from './functions/timespanText';
import { isTicks } from './ticks';
import { type DynamicValue, Int64, type KqlType, type Value, WholeReal } from './values';

export { formatDatetime, formatDatetimeInDynamic, parseDatetime } from './functions/datetimeText';
export { formatTimespan, parseTimespan } from './functions/timespanText';

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

/** A real inside dynamic JSON as Kusto writes it: a whole number keeps its `.0` (`[-1.0,1.0,3.0]`). */
export function realJson(n: number): string {
  if (!Number.isFinite(n)) {
    return 'null';
  }
  const text = formatReal(n);
  return Number.isInteger(n) && !text.includes('E') ? `${text}.0` : text;
}

/** Dynamic values as JSON text with object keys sorted, so equal bags print (and hash) alike. */
export function canonicalJson(value: DynamicValue): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof WholeReal) {
    return realJson(value.value);
  }
  if (value instanceof Int64) {
    return value.big.toString();
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
}

/** Dynamic values as JSON text in their own key order (tostring()), whole-number reals with their `.0`. */
export function dynamicJson(value: DynamicValue): string {
  if (!hasWholeReal(value)) {
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof WholeReal) {
    return realJson(value.value);
  }
  if (value instanceof Int64) {
    return value.big.toString();
  }
  if (Array.isArray(value)) {
    return `[${value.map(dynamicJson).join(',')}]`;
  }
  const bag = value as { [key: string]: DynamicValue };
  return `{${Object.keys(bag)
    .map((k) => `${JSON.stringify(k)}:${dynamicJson(bag[k]!)}`)
    .join(',')}}`;
}

/**
 * Whether a dynamic value holds a marked whole-number real or an exact long anywhere, which JSON.stringify
 * would print wrong (most hold neither: JSON.stringify then serves).
 */
export function hasWholeReal(value: DynamicValue): boolean {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (value instanceof WholeReal || value instanceof Int64) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(hasWholeReal);
  }
  for (const k in value) {
    if (hasWholeReal(value[k]!)) {
      return true;
    }
  }
  return false;
}

/** tostring(): null → "", datetimes/timespans in Kusto's printed form, dynamic strings unquoted, other dynamic as JSON. */
export function valueToString(value: Value, type: KqlType): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'object' && type !== 'dynamic') {
    // A bag or array under a scalar type: its JSON (a bag has no prototype, so String() would throw).
    if (value instanceof Int64) {
      if (type === 'datetime' || type === 'timespan') {
        return type === 'datetime' ? formatDatetime(value) : formatTimespan(value);
      }
      return type === 'real' ? formatReal(Number(value.big)) : value.big.toString();
    }
    return value instanceof WholeReal ? formatReal(value.value) : dynamicJson(value as DynamicValue);
  }
  switch (type) {
    case 'string':
    case 'guid':
      return String(value);
    case 'bool':
      return value ? 'true' : 'false';
    case 'datetime':
      return isTicks(value) ? formatDatetime(value) : '';
    case 'timespan':
      return isTicks(value) ? formatTimespan(value) : '';
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
      // A real alone prints as tostring(real) does; inside an array or bag, as JSON (`1.0`).
      if (value instanceof WholeReal) {
        return formatReal(value.value);
      }
      return dynamicJson(value as DynamicValue);
  }
}
