/**
 * Lowers a query's statements: `let`s, query parameters and patterns extend the scope, `restrict`
 * narrows what the statements after it see, expression statements become outputs.
 */
import { type LowerContext, Scope, withScope } from './context';
import { lowerExpr } from './expressions';
import { lowerQueryParameters } from './queryParameters';
import { lowerRestrict } from './restrict';
import { isTabular, kindOf, type Node, nameText, spanOf } from './syntax';
import type { Plan } from './types';

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
    } else if (isTabular(value)) {
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
    if (!isTabular(expr)) {
      throw ctx.errors.at(spanOf(expr), 'KQL-STATEMENT', 'A query statement must be a tabular expression.');
    }
    return { ctx, output: ctx.tabular(expr, ctx) };
  }
  if (kind === 'QueryParametersStatement') {
    return { ctx: lowerQueryParameters(stmt as Kusto.Language.Syntax.QueryParametersStatement, ctx) };
  }
  if (kind === 'PatternStatement') {
    // patterns.ts lowers the body of the match an invocation names, in the scope of the declaration.
    const pattern = stmt as Kusto.Language.Syntax.PatternStatement;
    const scope = new Scope(ctx.scope);
    scope.set(nameText(pattern.Name), { k: 'pattern', declaration: pattern, scope: ctx.scope });
    return { ctx: withScope(ctx, scope) };
  }
  if (kind === 'RestrictStatement') {
    return { ctx: lowerRestrict(stmt as Kusto.Language.Syntax.RestrictStatement, ctx) };
  }
  if (kind === 'AliasStatement') {
    // prepare.ts has bound the alias's target as this database (databasePaths.ts): nothing is left to do.
    return { ctx };
  }
  if (kind === 'SetOptionStatement') {
    // Request options (set notruncation; …) change nothing the embedded engine computes.
    return { ctx };
  }
  throw ctx.errors.unsupported(stmt, `The statement '${kind.replace(/Statement$/, '')}'`);
}
