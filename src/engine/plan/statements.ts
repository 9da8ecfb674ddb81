/**
 * Lowers a query's statements: `let`s, query parameters and patterns extend the scope, `restrict`
 * narrows what the statements after it see, expression statements become outputs.
 */
import { BIN_AUTO_OPTIONS } from './binAuto';
import { type LowerContext, Scope, withScope } from './context';
import { lowerExpr, symbolKind } from './expressions';
import { isGraph, isGroup } from './graphSyntax';
import { lowerMultiResult, multiResultOperator, type NamedOutput, notLastError } from './multiResult';
import { lowerQueryParameters } from './queryParameters';
import { lowerRestrict } from './restrict';
import { isTabular, kindOf, type Node, nameText, nonTabularKind, spanOf, textOf } from './syntax';

export interface StatementResult {
  readonly ctx: LowerContext;
  /** The statement's result tables: one, or several after fork, facet or evaluate preview. */
  readonly outputs?: readonly NamedOutput[];
}

export function lowerStatement(stmt: Node, ctx: LowerContext): StatementResult {
  const kind = kindOf(stmt);
  if (kind === 'LetStatement') {
    const let_ = stmt as Kusto.Language.Syntax.LetStatement;
    const name = nameText(let_.Name);
    const value: Node = let_.Expression!;
    const several = lastOperator(value);
    if (several && multiResultOperator(several)) {
      throw notLastError(several, ctx);
    }
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
    const several = lowerMultiResult(expr, ctx, lowerExpr);
    if (several) {
      return { ctx, outputs: several };
    }
    if (isGraph(expr) || (isGroup(expr) && kindOf(lastOperator(expr) ?? expr) === 'GraphToTableOperator')) {
      // Lowered first, so a graph operator's own error (graph-match without project, graph-to-table of
      // nodes and edges together, whose result is a group of two tables) comes first. Other groups (a
      // function whose body ends in fork) get notTabularMessage below.
      ctx.tabular(expr, ctx);
      throw ctx.errors.at(
        spanOf(expr),
        'KQL-GRAPH',
        'A graph is not a result: follow make-graph with a graph operator (graph-match, graph-to-table…).',
      );
    }
    // `T | consume` binds to no table (void), yet runs: its result is a table without rows. A pattern
    // invoked without the path it needs binds to no table either: patterns.ts says what is missing.
    if (!isTabular(expr) && !endsInConsume(expr) && symbolKind(expr) !== 'Pattern') {
      throw ctx.errors.at(spanOf(expr), 'KQL-STATEMENT', notTabularMessage(expr));
    }
    return { ctx, outputs: [{ plan: ctx.tabular(expr, ctx) }] };
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
    // Request options (set notruncation; …) change nothing the embedded engine computes, except
    // those bin_auto() reads (binAuto.ts).
    const set = stmt as Kusto.Language.Syntax.SetOptionStatement;
    const name = nameText(set.Name);
    const value = set.ValueClause?.Expression;
    if (!BIN_AUTO_OPTIONS.has(name) || !value) {
      return { ctx };
    }
    return { ctx: { ...ctx, options: new Map(ctx.options).set(name, lowerExpr(value, ctx)) } };
  }
  throw ctx.errors.unsupported(stmt, `The statement '${kind.replace(/Statement$/, '')}'`);
}

function lastOperator(expr: Node): Node | undefined {
  return kindOf(expr) === 'PipeExpression'
    ? ((expr as Kusto.Language.Syntax.PipeExpression).Operator ?? undefined)
    : undefined;
}

function endsInConsume(expr: Node): boolean {
  const op = lastOperator(expr);
  return op !== undefined && kindOf(op) === 'ConsumeOperator';
}

/** Why a statement gives no table, by what it gives instead. */
function notTabularMessage(expr: Node): string {
  const text = abbreviated(expr);
  switch (nonTabularKind(expr)) {
    case 'tables':
      return `'${text}' returns several tables (a fork, facet or evaluate preview inside it): the local engine runs those only as the last operator of the query statement itself, not from a function.`;
    case 'nothing':
      return `'${text}' returns no table (a consume inside it): the local engine runs consume only as the last operator of the query statement itself, not from a function.`;
    default:
      return `A query statement must be a tabular expression; '${text}' is a scalar value (write print ${text} to see it as a table).`;
  }
}

/** The statement's text for a message, cut short when long. */
function abbreviated(expr: Node): string {
  const text = textOf(expr).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}
