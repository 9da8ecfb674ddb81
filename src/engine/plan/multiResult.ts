/**
 * The operators that return several tables: `fork`, `facet` and `evaluate preview(N)`. Each ends a
 * query statement and gives that statement several outputs, all reading one shared input, so the
 * input is run once whatever the number of legs (a shared plan is cached by id when it runs).
 */
import type { LowerContext } from './context';
import { elementsOf, kindOf, type Node, nameText, spanOf, textOf, typeOf } from './syntax';
import type { Expr, Plan, Span } from './types';

/** Lowers a scalar expression: expressions.ts's, passed in because it reaches statements.ts (user functions). */
export type ScalarLowerer = (node: Node, ctx: LowerContext) => Expr;

/** One result table of a statement; `name` where the query names it (`name=(…)`, `| as Name`). */
export interface NamedOutput {
  readonly plan: Plan;
  readonly name?: string;
}

/** The operators (by syntax kind) that return several tables, with their keyword for messages. */
const MULTI_RESULT_OPERATORS = new Map([
  ['ForkOperator', 'fork'],
  ['FacetOperator', 'facet'],
]);

/** `fork`, `facet` or `evaluate preview`: the keyword, else undefined. */
export function multiResultOperator(op: Node): string | undefined {
  const kind = kindOf(op);
  if (kind === 'EvaluateOperator') {
    const call = (op as Kusto.Language.Syntax.EvaluateOperator).FunctionCall;
    const name = (call?.ReferencedSymbol?.Name ?? (call ? textOf(call.Name) : '')).toLowerCase();
    return name === 'preview' ? 'evaluate preview' : undefined;
  }
  return MULTI_RESULT_OPERATORS.get(kind);
}

/** The error for such an operator anywhere but at the end of a statement (in a `let`, or piped on). */
export function notLastError(op: Node, ctx: LowerContext): Error {
  return ctx.errors.at(
    spanOf(op),
    'KQL-SEMANTIC',
    `${multiResultOperator(op)} returns several tables, so it can only be the last operator of a query statement (not piped on, nor in a let or a subquery).`,
  );
}

/** The tables of a statement that ends in fork, facet or evaluate preview; undefined for any other. */
export function lowerMultiResult(expr: Node, ctx: LowerContext, lowerExpr: ScalarLowerer): NamedOutput[] | undefined {
  if (kindOf(expr) !== 'PipeExpression') {
    return undefined;
  }
  const pipe = expr as Kusto.Language.Syntax.PipeExpression;
  const op: Node = pipe.Operator!;
  const which = multiResultOperator(op);
  if (!which) {
    return undefined;
  }
  const lowered = ctx.tabular(pipe.Expression!, ctx);
  const input: Plan =
    lowered.k === 'shared'
      ? lowered
      : { k: 'shared', id: ctx.nextId(), plan: lowered, span: lowered.span, schema: lowered.schema };
  if (which === 'fork') {
    return lowerFork(op as Kusto.Language.Syntax.ForkOperator, input, ctx);
  }
  if (which === 'facet') {
    return lowerFacet(op as Kusto.Language.Syntax.FacetOperator, input, ctx, lowerExpr);
  }
  return lowerPreview(op as Kusto.Language.Syntax.EvaluateOperator, input, ctx, lowerExpr);
}

/**
 * Each leg is a pipe of operators over the input; its table takes the leg's `name=`, else the name of
 * an `as` at its end (the reference: "the name of the results tab is the same name as provided with
 * the name parameter or the as operator"). Kusto.Language refuses the operators a leg may not hold.
 */
function lowerFork(op: Kusto.Language.Syntax.ForkOperator, input: Plan, ctx: LowerContext): NamedOutput[] {
  return elementsOf<Kusto.Language.Syntax.ForkExpression>(op.Expressions).map((leg) => {
    const plan = ctx.tabular(leg.Expression!, { ...ctx, implicitInput: input });
    const given = leg.NameEquals ? nameText(leg.NameEquals.Name) : undefined;
    return { plan, name: given ?? asName(plan) };
  });
}

/** The name an `as` at the end of a leg gives it. */
function asName(plan: Plan): string | undefined {
  const inner = plan.k === 'shared' ? plan.plan : plan;
  return inner.k === 'as' ? inner.name : undefined;
}

/**
 * The reference's order: the `with` table first (when there is one), then one table per column with
 * the column's values and `count_<column>`, as `summarize count() by column` gives them.
 */
function lowerFacet(
  op: Kusto.Language.Syntax.FacetOperator,
  input: Plan,
  ctx: LowerContext,
  lowerExpr: ScalarLowerer,
): NamedOutput[] {
  const span = spanOf(op);
  const outputs: NamedOutput[] = [];
  const clause = op.WithClause;
  if (clause) {
    // `with (a | b)` and `with operator`: either way operators over the input.
    const body: Node =
      kindOf(clause) === 'FacetWithExpressionClause'
        ? (clause as Kusto.Language.Syntax.FacetWithExpressionClause).Expression!
        : (clause as Kusto.Language.Syntax.FacetWithOperatorClause).Operator!;
    outputs.push({ plan: ctx.tabular(body, { ...ctx, implicitInput: input }) });
  }
  for (const item of elementsOf(op.Expressions)) {
    const key = lowerExpr(item, ctx);
    if (key.k !== 'column') {
      throw ctx.errors.at(spanOf(item), 'KQL-SEMANTIC', `facet by takes column names; '${textOf(item)}' is not one.`);
    }
    outputs.push({ plan: countBy(key.name, key.type, span, input) });
  }
  return outputs;
}

function countBy(column: string, type: ReturnType<typeof typeOf>, span: Span, input: Plan): Plan {
  const count = { name: `count_${column}`, type: 'long' as const };
  return {
    k: 'summarize',
    input,
    keys: [{ name: column, expr: { k: 'column', name: column, type, span } }],
    aggregates: [{ name: 'count', args: [], outputs: [count], span }],
    span,
    schema: [{ name: column, type }, count],
  };
}

/**
 * `evaluate preview(N)`: the first N rows, then a one-row table with the number of rows of the whole
 * input (column `Count`), as the reference describes its two tables.
 */
function lowerPreview(
  op: Kusto.Language.Syntax.EvaluateOperator,
  input: Plan,
  ctx: LowerContext,
  lowerExpr: ScalarLowerer,
): NamedOutput[] {
  const span = spanOf(op);
  const args = elementsOf(op.FunctionCall?.ArgumentList?.Expressions);
  const count = args[0] ? lowerExpr(args[0], ctx) : undefined;
  if (!count || args.length !== 1 || (typeOf(args[0]!) !== 'long' && typeOf(args[0]!) !== 'int')) {
    throw ctx.errors.at(span, 'KQL-ARGUMENT', 'evaluate preview takes one argument: the number of rows to show.');
  }
  return [
    { plan: { k: 'take', input, count, span, schema: input.schema } },
    { plan: { k: 'count', input, span, schema: [{ name: 'Count', type: 'long' }] } },
  ];
}
