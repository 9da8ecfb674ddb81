/** `T | invoke f(a, b)`: Kusto's shorthand for f(T, a, b), where f is a function of a table. */
import type { LowerContext } from './context';
import { expandUserFunction } from './userFunctions';
import { elementsOf, kindOf, spanOf, type Node, textOf } from './syntax';
import type { Plan } from './types';

export function lowerInvoke(op: Node, input: Plan, ctx: LowerContext): Plan {
  const fn: Node | null = (op as Kusto.Language.Syntax.InvokeOperator).Function;
  const call =
    fn && kindOf(fn) === 'FunctionCallExpression' ? (fn as Kusto.Language.Syntax.FunctionCallExpression) : undefined;
  const argNodes = call ? elementsOf(call.ArgumentList?.Expressions) : [];
  const expanded = fn ? expandUserFunction(fn, argNodes, ctx, input) : undefined;
  if (expanded?.k === 'tabular') {
    return expanded.plan;
  }
  if (expanded?.k === 'scalar') {
    throw ctx.errors.at(
      spanOf(op),
      'KQL-TYPE',
      `invoke needs a function that returns a table; '${textOf(fn!).trim()}' returns a scalar.`,
    );
  }
  // Built-in tabular functions and stored functions are not known to the embedded engine.
  throw ctx.errors.unsupported(op, `invoke of '${fn ? textOf(fn).trim() : ''}'`);
}
