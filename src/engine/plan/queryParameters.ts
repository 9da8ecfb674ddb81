/**
 * `declare query_parameters(n:long = 3, who:string)`: each parameter is a scalar name for the statements
 * after it. Its value is the one the request gives (ExecuteOptions.parameters, `kql --param`), else its
 * default. Kusto's request carries values as text and parses each "as if it were a literal in the body
 * of a query" of the declared type; a string parameter takes its text as it is.
 */
import { isNumericType, type KqlType } from '../values';
import { type LowerContext, Scope, withScope } from './context';
import { literalValue } from './literals';
import { readParameterValue, valueAsType } from './parameterValue';
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

/** A long default of a real (or int) parameter is that parameter's type: `x:real = 1` is 1.0. */
function asDeclaredType(expr: Expr, type: KqlType): Expr {
  if (expr.k !== 'literal' || expr.type === type || !isNumericType(type) || !isNumericType(expr.type)) {
    return expr;
  }
  return { ...expr, value: valueAsType(expr.value, expr.type, type), type };
}

/** The value the request gives a parameter, read as a literal of the parameter's type. */
function givenValue(text: string, type: KqlType, name: string, span: Span, ctx: LowerContext): Expr {
  const value = readParameterValue(text, type, ctx.globals);
  if (value !== undefined) {
    return { k: 'literal', value, type, span };
  }
  throw ctx.errors.at(
    span,
    'KQL-PARAMETER',
    `The value given for the query parameter '${name}' is not a ${type} literal: ${JSON.stringify(text)}.`,
  );
}
