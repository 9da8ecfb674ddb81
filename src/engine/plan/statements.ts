/** Lowers a query's statements: `let`s extend the scope, expression statements become outputs. */
import { Scope, withScope, type LowerContext } from './context';
import { lowerExpr } from './expressions';
import { isTabular, kindOf, nameText, spanOf, type Node } from './syntax';
import type { Plan } from './types';
import { isGraph, isGroup } from './graphSyntax';

export interface StatementResult {
  readonly ctx: LowerContext;
  readonly output?: Plan;
}

export function lowerStatement(stmt: Node, ctx: LowerContext): StatementResult {
  const kind = kindOf(stmt);
  if (kind === 'LetStatement') {
    const let_ = stmt as Kusto.Language.Syntax.LetStatement;
    const name = nameText(let_.Name);
    const value: Node = let_.Expression!;
    const scope = new Scope(ctx.scope);
    const inner = withScope(ctx, scope);
    if (kindOf(value) === 'FunctionDeclaration') {
      // The function's own scope holds it, so a (bounded) recursive call resolves.
      scope.set(name, { k: 'function', declaration: value as Kusto.Language.Syntax.FunctionDeclaration, scope });
    } else if (isTabular(value) || isGraph(value)) {
      const plan = ctx.tabular(value, ctx);
      scope.set(name, {
        k: 'tabular',
        plan:
          plan.k === 'shared' ? plan : { k: 'shared', id: ctx.nextId(), plan, span: plan.span, schema: plan.schema },
      });
    } else {
      scope.set(name, { k: 'scalar', expr: lowerExpr(value, ctx) });
    }
    return { ctx: inner };
  }
  if (kind === 'ExpressionStatement') {
    const expr: Node = (stmt as Kusto.Language.Syntax.ExpressionStatement).Expression!;
    if (isGraph(expr) || isGroup(expr)) {
      // Lowered first, so a graph operator's own error (graph-match without project, graph-to-table of
      // nodes and edges together, whose result is a group of two tables) comes first.
      ctx.tabular(expr, ctx);
      throw ctx.errors.at(
        spanOf(expr),
        'KQL-GRAPH',
        'A graph is not a result: follow make-graph with a graph operator (graph-match, graph-to-table…).',
      );
    }
    if (!isTabular(expr)) {
      throw ctx.errors.at(spanOf(expr), 'KQL-STATEMENT', 'A query statement must be a tabular expression.');
    }
    return { ctx, output: ctx.tabular(expr, ctx) };
  }
  if (kind === 'SetOptionStatement') {
    // Request options (set notruncation; …) change nothing the embedded engine computes.
    return { ctx };
  }
  throw ctx.errors.unsupported(stmt, `The statement '${kind.replace(/Statement$/, '')}'`);
}
