/**
 * A query parameter's value as the request gives it (text), read as Kusto reads it: "as if it were a
 * literal in the body of a query" of the declared type. One reading for the engine (queryParameters.ts)
 * and for what checks or rewrites values before a run (the editor's input box, the Log Analytics
 * backend's `let` statements), so what one accepts the other runs.
 */
import { kusto } from '../../kql';
import { parseDatetime } from '../functions/datetimeText';
import { parseTimespan } from '../functions/timespanText';
import { Int64, longFromBigInt } from '../int64';
import { isNumericType, type KqlType, type Value } from '../values';
import { literalValue } from './literals';
import { elementsOf, kindOf, type Node, textOf, typeOf } from './syntax';

/**
 * The value of `text` for a parameter of `type` (a string parameter takes its text as it is), or
 * undefined when the text is not one literal of that type.
 */
export function readParameterValue(
  text: string,
  type: KqlType,
  globals: Kusto.Language.GlobalState = kusto().GlobalState.Default!,
): Value | undefined {
  if (type === 'string') {
    return text;
  }
  for (const candidate of literalCandidates(text, type)) {
    const read = literalOf(candidate, type, globals);
    if (read !== undefined) {
      return valueAsType(read.value, read.type, type);
    }
  }
  return undefined;
}

/** A long read for a real (or int) parameter is that parameter's type: `x:real = 1` is 1.0. */
export function valueAsType(value: Value, from: KqlType, to: KqlType): Value {
  if (from === to || !isNumericType(to) || !isNumericType(from)) {
    return value;
  }
  return value instanceof Int64 && to !== 'long' ? Number(value.big) : value;
}

/** Integers read as any number type, any number as a real or decimal; nothing else changes type. */
function convertible(from: KqlType, to: KqlType): boolean {
  const integer = (t: KqlType) => t === 'int' || t === 'long';
  return from === to || (integer(from) && integer(to)) || ((to === 'real' || to === 'decimal') && isNumericType(from));
}

/**
 * Kusto.Language takes `long(abc)`, `bool(x)` or `datetime(abc)` as a literal and loses its value (the
 * bridge gives 0, false or the minimum date): the text inside must read as a value of its type.
 */
function wellFormed(text: string, type: KqlType): boolean {
  const inner = /^\w+\(\s*([\s\S]*?)\s*\)$/.exec(text.trim())?.[1] ?? text.trim();
  if (/^null$/i.test(inner)) {
    return true;
  }
  switch (type) {
    case 'int':
    case 'long':
      return /^[+-]?(?:\d+|0x[0-9a-f]+)$/i.test(inner);
    case 'real':
    case 'decimal':
      return /^[+-]?(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?|0x[0-9a-f]+|nan|inf)$/i.test(inner);
    case 'bool':
      return /^(?:true|false)$/i.test(inner);
    case 'datetime':
      return parseDatetime(inner) !== null;
    case 'timespan':
      return parseTimespan(inner) !== null;
    case 'guid':
      return /^[0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12}$/i.test(inner);
    default:
      return true;
  }
}

/** Literal kinds Kusto.Language gives each declared type, when a value is written without its type's name. */
function literalCandidates(text: string, type: KqlType): string[] {
  const trimmed = text.trim();
  return [trimmed, `${type}(${trimmed})`];
}

/**
 * The value of `candidate` when it is exactly one literal of `type` (or a number for a numeric type):
 * bound alone as `print <candidate>`, so nothing but a literal gets through (no injected operators).
 */
function literalOf(
  candidate: string,
  type: KqlType,
  globals: Kusto.Language.GlobalState,
): { value: Value; type: KqlType } | undefined {
  const code = kusto().KustoCode.ParseAndAnalyze(`print ${candidate}`, globals)!;
  const diagnostics = code.GetDiagnostics();
  if (diagnostics && diagnostics.Count > 0) {
    return undefined;
  }
  const statements = elementsOf<Node>((code.Syntax as Kusto.Language.Syntax.QueryBlock).Statements);
  const print =
    statements.length === 1 ? (statements[0] as Kusto.Language.Syntax.ExpressionStatement).Expression : null;
  if (!print || kindOf(print) !== 'PrintOperator') {
    return undefined;
  }
  const items = elementsOf<Node>((print as Kusto.Language.Syntax.PrintOperator).Expressions);
  const item = items.length === 1 ? items[0]! : undefined;
  const negated = item && kindOf(item) === 'UnaryMinusExpression';
  const literal = negated ? (item as Kusto.Language.Syntax.PrefixUnaryExpression).Expression : item;
  if (
    !literal ||
    !((literal as Kusto.Language.Syntax.Expression).IsLiteral || kindOf(literal) === 'DynamicExpression')
  ) {
    return undefined;
  }
  const literalType = typeOf(literal);
  if (!convertible(literalType, type) || !wellFormed(textOf(literal), literalType)) {
    return undefined;
  }
  const value = literalValue(literal, literalType);
  if (value === undefined) {
    return undefined;
  }
  if (!negated) {
    return { value, type: literalType };
  }
  if (value instanceof Int64) {
    return { value: longFromBigInt(-value.big), type: literalType };
  }
  return typeof value === 'number' && (isNumericType(literalType) || literalType === 'timespan')
    ? { value: -value, type: literalType }
    : undefined;
}
