/** Turns Kusto literal syntax into run-time values (values.ts representation). */

import { newRecord } from '../../results/jsonData';
import { formatDatetime, parseDatetime } from '../functions/datetimeText';
import { parseKustoJson } from '../functions/kustoJson';
import { pastLongRange } from '../functions/kustoJsonReader';
import { formatTimespan, parseTimespan } from '../functions/timespanText';
import { Int64, longFromBigInt, longFromText } from '../int64';
import { type Ticks, ticksFromMultiple, ticksOf } from '../ticks';
import type { DynamicValue, KqlType, Value } from '../values';
import { DATETIME_BASE_MS, realInDynamic, TICKS_PER_MILLISECOND, WholeReal } from '../values';
import { elementsOf, kindOf, type Node, textOf } from './syntax';

function boxed(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && 'v' in (v as Record<string, unknown>)) {
    return (v as { v: unknown }).v;
  }
  return v;
}

/** Dynamic literals are Kusto's JSON (single-quoted strings allowed); anything else stays its text. */
export function parseDynamicText(text: string): DynamicValue {
  try {
    return parseKustoJson(text);
  } catch {
    return text;
  }
}

/** `2d`, `time(1.02:03:04)`, `timespan(00:00:05.12345)`: read from the text, which Bridge loses for the clock forms. */
function timespanFromText(text: string): Ticks | null {
  const wrapped = /^\s*(?:time|timespan)\s*\(\s*(.*?)\s*\)\s*$/is.exec(text);
  return parseTimespan(wrapped ? wrapped[1]! : text);
}

/** The value of a literal expression, or undefined when the node is not one this engine understands. */
export function literalValue(node: Node, type: KqlType): Value | undefined {
  const expr = node as Kusto.Language.Syntax.Expression;
  const kind = kindOf(node);
  if (kind === 'TypeOfLiteralExpression' || kind === 'TokenLiteralExpression') {
    return undefined;
  }
  const raw = expr.LiteralValue as unknown;
  if (raw === null || raw === undefined) {
    return type === 'string' ? '' : null;
  }
  switch (type) {
    case 'bool': {
      const b = boxed(raw);
      return typeof b === 'boolean' ? b : String(raw).toLowerCase() === 'true';
    }
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const text = textOf(node);
      // Bridge loses hexadecimal literals (0x10 comes back as 0); read those from the text.
      const hex = /^(?:(?:int|long)\()?\s*(-?)0x([0-9a-f]+)\s*\)?$/i.exec(text);
      if (hex) {
        // 0x8000000000000000 and up wrap to negative longs, as 64-bit hex literals do in Kusto.
        const big = BigInt(`0x${hex[2]!}`);
        return type === 'long' ? longFromBigInt(hex[1] ? -big : big) : (hex[1] ? -1 : 1) * Number(big);
      }
      // Plain numeric text is read as written: past the long range the bridge boxes 0, Kusto a real.
      if (/^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(text.trim())) {
        const t = text.trim();
        return (type === 'long' && /^[+-]?\d+$/.test(t) && longFromText(t)) || Number(t);
      }
      // The bridge boxes real(nan) and real(±inf) as 0: read those from the text.
      const special = /^(?:real|double)\(\s*([+-]?)(inf|nan)\s*\)$/i.exec(text.trim());
      if (special) {
        return special[2]!.toLowerCase() === 'nan' ? NaN : special[1] === '-' ? -Infinity : Infinity;
      }
      return Number(String(boxed(raw)));
    }
    case 'datetime': {
      const d = boxed(raw);
      if (d instanceof Date && d.getTime() === DOTNET_MIN_DATE_MS) {
        // Kusto.Language gives DateTime.MinValue for text it cannot read, such as the reference's
        // sliding_window_counts example `datetime(2017 - 08 - 01)`, which Kusto reads as 2017-08-01.
        const spaced = /^\s*datetime\s*\(([^)]*)\)\s*$/i.exec(textOf(node))?.[1];
        const read = spaced === undefined ? null : parseDatetime(spaced.replace(/\s*([-:/])\s*/g, '$1'));
        if (read !== null) {
          return read;
        }
      }
      if (d instanceof Date) {
        return ticksFromMultiple(
          d.getTime() - DATETIME_BASE_MS,
          TICKS_PER_MILLISECOND,
          subMillisecondTicks(textOf(node)),
        );
      }
      return null;
    }
    case 'timespan': {
      const fromText = timespanFromText(textOf(node));
      if (fromText !== null) {
        return fromText;
      }
      const ticks = (raw as { ticks?: unknown }).ticks;
      if (ticks === undefined || ticks === null) {
        return null;
      }
      const digits = String(ticks);
      return /^-?\d+$/.test(digits) ? ticksOf(BigInt(digits)) : Number(digits);
    }
    case 'guid':
      return String(raw).toLowerCase();
    case 'string':
      return String(raw);
    case 'dynamic': {
      const fromSyntax = kind === 'DynamicExpression' ? dynamicFromSyntax(node) : undefined;
      if (fromSyntax !== undefined) {
        return fromSyntax;
      }
      return typeof raw === 'string' ? parseDynamicText(raw) : (boxed(raw) as DynamicValue);
    }
  }
}

const LEAF_TYPES: Record<string, KqlType> = {
  LongLiteralExpression: 'long',
  IntLiteralExpression: 'int',
  RealLiteralExpression: 'real',
  DecimalLiteralExpression: 'decimal',
  BooleanLiteralExpression: 'bool',
  StringLiteralExpression: 'string',
  DateTimeLiteralExpression: 'datetime',
  TimespanLiteralExpression: 'timespan',
  GuidLiteralExpression: 'guid',
};

/**
 * A dynamic literal read from Kusto.Language's syntax of it: `dynamic([datetime(2021-01-01), 1h])`
 * holds a datetime and a timespan (as their text, as in any dynamic value), and may nest `dynamic(…)`;
 * the literal's plain text is not JSON. Undefined for a shape this reader does not know.
 */
function dynamicFromSyntax(node: Node): DynamicValue | undefined {
  const kind = kindOf(node);
  switch (kind) {
    case 'DynamicExpression': {
      const inner = (node as Kusto.Language.Syntax.DynamicExpression).Expression;
      return inner ? dynamicFromSyntax(inner) : null;
    }
    case 'JsonArrayExpression': {
      const out: DynamicValue[] = [];
      for (const item of elementsOf((node as Kusto.Language.Syntax.JsonArrayExpression).Values)) {
        const v = dynamicFromSyntax(item);
        if (v === undefined) {
          return undefined;
        }
        out.push(v);
      }
      return out;
    }
    case 'JsonObjectExpression': {
      const out = newRecord<DynamicValue>();
      for (const p of elementsOf<Kusto.Language.Syntax.JsonPair>(
        (node as Kusto.Language.Syntax.JsonObjectExpression).Pairs,
      )) {
        const key = unquote(p.Name?.Text ?? '');
        const v = p.Value ? dynamicFromSyntax(p.Value) : null;
        if (key === undefined || v === undefined) {
          return undefined;
        }
        out[key] = v;
      }
      return out;
    }
    case 'NullLiteralExpression':
      return null;
    case 'UnaryMinusExpression': {
      const operand = (node as Kusto.Language.Syntax.PrefixUnaryExpression).Expression;
      const v = operand ? dynamicFromSyntax(operand) : undefined;
      if (v instanceof Int64) {
        return longFromBigInt(-v.big);
      }
      return typeof v === 'number' ? -v : v instanceof WholeReal ? new WholeReal(-v.value) : undefined;
    }
  }
  const type = LEAF_TYPES[kind];
  if (!type) {
    return undefined;
  }
  const value = literalValue(node, type);
  if (value === undefined || value === null) {
    return value === null ? null : undefined;
  }
  if (type === 'datetime') {
    return formatDatetime(value as number);
  }
  if (type === 'timespan') {
    return formatTimespan(value as number);
  }
  // `42.0` in a dynamic literal stays a real (gettype 'real', printed `42.0`), as does a number past the long range.
  if (
    type === 'real' ||
    (typeof value === 'number' && /^-?\d+$/.test(textOf(node).trim()) && pastLongRange(textOf(node).trim()))
  ) {
    return realInDynamic(value as number);
  }
  return value as DynamicValue;
}

/** A JSON key as written: "a", or 'a' as Kusto also accepts, with escapes resolved. */
function unquote(text: string): string | undefined {
  try {
    const key = parseKustoJson(text.trim());
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** JavaScript dates stop at milliseconds; Kusto keeps 100-ns ticks (datetime(2020-01-01 10:00:00.1234567)). */
/** 0001-01-01, .NET's DateTime.MinValue, in JavaScript milliseconds. */
const DOTNET_MIN_DATE_MS = Date.parse('0001-01-01T00:00:00Z');

function subMillisecondTicks(text: string): number {
  const m = /\d{2}:\d{2}:\d{2}\.(\d+)/.exec(text);
  if (!m || m[1]!.length <= 3) {
    return 0;
  }
  return Number(m[1]!.slice(3, 7).padEnd(4, '0'));
}
