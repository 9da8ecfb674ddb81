/**
 * A query parameter's value, given as text, checked against its declared type and written back as a
 * typed KQL literal. The literal is built from the value the engine read (never from the text), so no
 * value can bring query text with it: a string is quoted by kqlString, anything else is printed from
 * its number, ticks, GUID or JSON. Used where a value must become part of a query (Log Analytics takes
 * no parameter values with a request) and to say, as the user types, why a value will not do.
 */
import { kqlString } from '../kql/literals';
import { parameterType } from '../schema/parameterTypes';
import { formatDatetime } from './functions/datetimeText';
import { formatTimespan } from './functions/timespanText';
import { readParameterValue } from './plan/parameterValue';
import { isTicks } from './ticks';
import { type DynamicValue, Int64, type KqlType, type Value } from './values';
import { dynamicJson } from './valueText';

// Where the declared type names are read; re-exported for the callers that read values too.
export { parameterType };

export type ParameterReading = { readonly literal: string } | { readonly problem: string };

/** What a value of each type looks like, for the reason a value is refused. */
const EXAMPLES: Partial<Record<KqlType, string>> = {
  bool: 'true or false',
  int: 'a whole number, e.g. 42',
  long: 'a whole number, e.g. 42 or 0x2A',
  real: 'a number, e.g. 0.5 or 1e6',
  decimal: 'a number, e.g. 12.75',
  datetime: 'a date and time, e.g. 2024-05-01 or 2024-05-01T13:30:00Z',
  timespan: 'a duration, e.g. 30m, 2h, 1d or 1.02:00:00',
  guid: 'a GUID, e.g. 74be27de-1e4e-49d9-b579-fe0b331d3642',
  dynamic: 'a JSON value or dynamic literal, e.g. ["a", "b"] or {"k": 1}',
};

/** What a value of `type` looks like ("a whole number, e.g. 42"), for a prompt's placeholder. */
export function parameterExample(type: KqlType): string {
  return EXAMPLES[type] ?? (type === 'string' ? 'any text, as it is (no quotes needed)' : `a ${type} value`);
}

/**
 * `text` read as a value of `type`: its literal, or why it is not one ("not a long: expected a whole
 * number, e.g. 42"). A string takes any text, the empty one included.
 */
export function parameterLiteral(text: string, type: KqlType): ParameterReading {
  const plain = readingWithoutParsing(text, type);
  if (plain) {
    return plain;
  }
  const value = readParameterValue(text, type);
  if (value === undefined) {
    return { problem: `Not a ${type}: expected ${EXAMPLES[type] ?? `a ${type} literal`}.` };
  }
  return { literal: literalOf(value, type) };
}

/**
 * The reading of `text` when it needs no parse (a string, or a blank value of another type), so
 * Kusto.Language is not loaded for it; undefined when only parsing the literal can tell.
 */
function readingWithoutParsing(text: string, type: KqlType): ParameterReading | undefined {
  if (type === 'string') {
    return { literal: kqlString(text) };
  }
  if (text.trim() === '') {
    return { problem: `Enter ${EXAMPLES[type] ?? `a ${type} value`}.` };
  }
  return undefined;
}

/** Why a parameter declared with `declaredType` takes no value: it is not a scalar type. */
function notScalar(declaredType: string): ParameterReading {
  return { problem: `'${declaredType}' is not a scalar type: a query parameter must have one.` };
}

/** `text` read as a value of a parameter declared with the type name `declaredType` (aliases included). */
export function declaredParameterLiteral(text: string, declaredType: string): ParameterReading {
  const type = parameterType(declaredType);
  return type ? parameterLiteral(text, type) : notScalar(declaredType);
}

/**
 * The reading of `text` for `declaredType` when it needs no parse (a string, a blank value, a type that
 * is not a scalar); undefined when the literal must be parsed, with the library (the language server's).
 */
export function declaredReadingWithoutParsing(text: string, declaredType: string): ParameterReading | undefined {
  const type = parameterType(declaredType);
  return type ? readingWithoutParsing(text, type) : notScalar(declaredType);
}

/** The literal Kusto reads back as `value`, written from the value alone. */
function literalOf(value: Value, type: KqlType): string {
  if (value === null) {
    return `${type}(null)`;
  }
  switch (type) {
    case 'bool':
      return `bool(${value ? 'true' : 'false'})`;
    case 'int':
    case 'long':
    case 'decimal':
      return `${type}(${value instanceof Int64 ? value.big.toString() : numberText(value as number)})`;
    case 'real':
      return `real(${numberText(value instanceof Int64 ? Number(value.big) : (value as number))})`;
    case 'datetime':
      return `datetime(${formatDatetime(ticksOf(value))})`;
    case 'timespan': {
      // Kusto prints a negative duration with a leading minus, which a timespan literal does not take.
      const text = formatTimespan(ticksOf(value));
      return text.startsWith('-') ? `-timespan(${text.slice(1)})` : `timespan(${text})`;
    }
    case 'guid':
      return `guid(${guidText(value)})`;
    case 'dynamic':
      // Quoted JSON: the JSON's own strings could otherwise hold a `)` that a dynamic literal ends at.
      return `parse_json(${kqlString(dynamicJson(value as DynamicValue))})`;
    default:
      return kqlString(String(value));
  }
}

function numberText(n: number): string {
  if (Number.isNaN(n)) {
    return 'nan';
  }
  if (!Number.isFinite(n)) {
    return n > 0 ? '+inf' : '-inf';
  }
  return String(n);
}

function ticksOf(value: Value): number | Int64 {
  if (!isTicks(value)) {
    throw new Error(`A datetime or timespan parameter read as ${typeof value}.`);
  }
  return value;
}

/** The engine reads a GUID as its text; anything else here would be a bug, never query text. */
function guidText(value: Value): string {
  const text = String(value);
  if (!/^[0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12}$/i.test(text)) {
    throw new Error(`A guid parameter read as ${JSON.stringify(text)}.`);
  }
  return text;
}
