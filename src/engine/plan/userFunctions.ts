/** User-defined functions (`let f = (a:long) { … }`): expanded at each call site, arguments bound by name. */
import { Scope, withScope, type LowerContext } from './context';
import { lowerExpr } from './expressions';
import { lowerStatement } from './statements';
import { elementsOf, isTabular, kindOf, nameText, spanOf, type Node } from './syntax';
import type { Expr, Plan } from './types';

const MAX_EXPANSION_DEPTH = 32;

export type Expansion = { readonly k: 'scalar'; readonly expr: Expr } | { readonly k: 'tabular'; readonly plan: Plan };

/**
 * Expands a call of a user function; undefined when the callee is not one (a built-in).
 * `input`, from `T | invoke f(…)`, is bound to the function's first parameter (Kusto: f(T, …)).
 */
export function expandUserFunction(
  call: Node,
  argNodes: readonly Node[],
  ctx: LowerContext,
  input?: Plan,
): Expansion | undefined {
  const name = call.ReferencedSymbol?.Name;
  if (!name) {
    return undefined;
  }
  const binding = ctx.scope.get(name);
  if (binding?.k !== 'function') {
    return undefined;
  }
  if (ctx.depth >= MAX_EXPANSION_DEPTH) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-RECURSION',
      `The function '${name}' expands too deeply (recursive functions are not supported).`,
    );
  }
  const decl = binding.declaration;
  const scope = new Scope(binding.scope);
  const params = elementsOf<Kusto.Language.Syntax.FunctionParameter>(decl.Parameters?.Parameters);
  // `f(len=3, s)`: named arguments go to their parameters, the others fill the rest in order.
  const named = new Map<string, Node>();
  const positional: Node[] = [];
  for (const a of argNodes) {
    if (kindOf(a) === 'SimpleNamedExpression') {
      const n = a as Kusto.Language.Syntax.SimpleNamedExpression;
      named.set(nameText(n.Name), n.Expression!);
    } else {
      positional.push(a);
    }
  }
  let nextPositional = 0;
  params.forEach((p, i) => {
    const pname = nameText(p.NameAndType?.Name);
    if (input && i === 0) {
      scope.set(pname, { k: 'tabular', plan: input });
      return;
    }
    const arg = named.get(pname) ?? positional[nextPositional++] ?? p.DefaultValue?.Value;
    if (!arg) {
      throw ctx.errors.at(
        spanOf(call),
        'KQL-ARGUMENT',
        `The function '${name}' needs a value for its parameter '${pname}'.`,
      );
    }
    if (isTabular(arg)) {
      scope.set(pname, { k: 'tabular', plan: ctx.tabular(arg, ctx) });
    } else {
      scope.set(pname, { k: 'scalar', expr: lowerExpr(arg, ctx) });
    }
  });
  let inner = withScope(ctx, scope, true);
  const body = decl.Body!;
  for (const stmt of elementsOf(body.Statements)) {
    inner = lowerStatement(stmt, inner).ctx;
  }
  const result: Node = body.Expression!;
  if (isTabular(result)) {
    return { k: 'tabular', plan: inner.tabular(result, inner) };
  }
  return { k: 'scalar', expr: lowerExpr(result, inner) };
}
