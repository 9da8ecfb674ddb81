/**
 * `declare query_parameters(n:long = 3, who:string)`: each parameter is a scalar name for the statements
 * after it. Its value is the one the request gives (ExecuteOptions.parameters, `kql --param`), else its
 * default. Kusto's request carries values as text and parses each "as if it were a literal in the body
 * of a query" of the declared type; a string parameter takes its text as it is.
 */
import { kusto } from '../../kql';
import { parseDatetime } from '../functions/datetimeText';
import { parseTimespan } from '../functions/timespanText';
import { Int64, longFromBigInt } from '../int64';
import { isNumericType, type KqlType, type Value } from '../values';
import { type LowerContext, Scope, withScope } from './context';
import { literalValue } from './literals';
import { elementsOf, kindOf, type Node, nameText, spanOf, textOf, typeOf } from './syntax';
import type { Expr, Span } from './types';

export function lowerQueryParameters(stmt: Kusto.Language.Syntax.QueryParametersStatement, ctx: LowerContext) {
  const scope = new Scope(ctx.scope);
  for (const p of elementsOf<Kusto.Language.Syntax.FunctionParameter>(stmt.Parameters)) {
    const declared = p.NameAndType!;
    const name = nameText(declared.Name);
    const span = spanOf(p);
    if (kindOf(declared.Type!) !== 'PrimitiveTypeExpression') {
      throw ctx.errors.at(span, 'KQL-PARAMETER', `The query parameter '${name}' must have a scalar type.`);
    }
    const type = typeOf(declared.Name!);
    const given = ctx.parameters?.get(name);
    const fallback = p.DefaultValue?.Value;
    let expr: Expr;
    if (given !== undefined) {
      expr = givenValue(given, type, name, span, ctx);
    } else if (fallback) {
      if (type === 'dynamic') {
        throw ctx.errors.at(
          spanOf(p.DefaultValue!),
          'KQL-PARAMETER',
          `The query parameter '${name}' is dynamic, and a dynamic query parameter cannot have a default value (as with user functions): give its value with the request.`,
        );
      }
      expr = asDeclaredType(defaultValue(fallback, name, ctx), type);
    } else {
      throw ctx.errors.at(
        span,
        'KQL-PARAMETER',
        `The query parameter '${name}' has no value here: it has no default, and the request gives none (give it a default, '${name}:${textOf(declared.Type)} = …', or a value, e.g. kql --param ${name}=…).`,
      );
    }
    scope.set(name, { k: 'scalar', expr });
  }
  return withScope(ctx, scope);
}

/** A default is a literal of the parameter's type (the reference's rule; the binder checks the type). */
function defaultValue(node: Node, name: string, ctx: LowerContext): Expr {
  const type = typeOf(node);
  const value = (node as Kusto.Language.Syntax.Expression).IsLiteral ? literalValue(node, type) : undefined;
  if (value === undefined) {
    throw ctx.errors.at(
      spanOf(node),
      'KQL-PARAMETER',
      `The default value of the query parameter '${name}' must be a literal.`,
    );
  }
  return { k: 'literal', value, type, span: spanOf(node) };
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

/** A long default of a real (or int) parameter is that parameter's type: `x:real = 1` is 1.0. */
function asDeclaredType(expr: Expr, type: KqlType): Expr {
  if (expr.k !== 'literal' || expr.type === type || !isNumericType(type) || !isNumericType(expr.type)) {
    return expr;
  }
  const v = expr.value;
  const value: Value = v instanceof Int64 && type !== 'long' ? Number(v.big) : v;
  return { ...expr, value, type };
}

/** Literal kinds Kusto.Language gives each declared type, when a value is written without its type's name. */
function literalCandidates(text: string, type: KqlType): string[] {
  const trimmed = text.trim();
  return [trimmed, `${type}(${trimmed})`];
}

/** The value the request gives a parameter, read as a literal of the parameter's type. */
function givenValue(text: string, type: KqlType, name: string, span: Span, ctx: LowerContext): Expr {
  if (type === 'string') {
    return { k: 'literal', value: text, type, span };
  }
  for (const candidate of literalCandidates(text, type)) {
    const value = literalOf(candidate, type, ctx);
    if (value !== undefined) {
      return asDeclaredType({ k: 'literal', value: value.value, type: value.type, span }, type);
    }
  }
  throw ctx.errors.at(
    span,
    'KQL-PARAMETER',
    `The value given for the query parameter '${name}' is not a ${type} literal: ${JSON.stringify(text)}.`,
  );
}

/**
 * The value of `candidate` when it is exactly one literal of `type` (or a number for a numeric type):
 * bound alone as `print <candidate>`, so nothing but a literal gets through (no injected operators).
 */
function literalOf(candidate: string, type: KqlType, ctx: LowerContext): { value: Value; type: KqlType } | undefined {
  const code = kusto().KustoCode.ParseAndAnalyze(`print ${candidate}`, ctx.globals)!;
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
