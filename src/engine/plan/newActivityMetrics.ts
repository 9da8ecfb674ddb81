/**
 * evaluate new_activity_metrics(IdColumn, TimelineColumn, Start, End, Window [, Cohort] [, dim…]
 * [, Lookback]), laid out as Kusto.Language lays it out: the sixth argument is the Cohort when it is
 * not a column, the scalars after it are dimensions, and a tabular last argument is the Lookback.
 * Kinds are checked here; the constant values when the plan runs (exec/newActivityMetrics.ts).
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, isTabular, type Node, schemaOf, spanOf } from './syntax';
import { timelineArguments } from './timelineArguments';
import type { Expr, Plan } from './types';

const PLUGIN = 'new_activity_metrics';

export function lowerNewActivityMetrics(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const nodes = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  const lookbackNode = nodes.length > 5 && isTabular(nodes[nodes.length - 1]!) ? nodes[nodes.length - 1] : undefined;
  const scalars = (lookbackNode ? nodes.slice(0, -1) : nodes).map((n) => lowerExpr(n, ctx));
  const [id, timeline, start, end, window, ...rest] = scalars;
  const cohort = rest[0] && rest[0].k !== 'column' ? rest[0] : undefined;
  const dims = cohort ? rest.slice(1) : rest;
  const check = timelineArguments(PLUGIN, timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(window!, 'Window');
  if (cohort) {
    check.point(cohort, 'Cohort');
  }
  const lookback = lookbackNode ? lowerLookback(lookbackNode, id!, ctx) : undefined;
  return {
    k: 'newActivityMetrics',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    window: window!,
    cohort,
    dims,
    lookback,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

/** The Lookback's ids are its column named as the IdColumn (the reference's example keeps that name). */
function lowerLookback(
  node: Kusto.Language.Syntax.Expression,
  id: Expr,
  ctx: LowerContext,
): { plan: Plan; column: string } {
  const plan = ctx.tabular(node, ctx);
  const column = id.k === 'column' ? id.name : undefined;
  if (column === undefined || !plan.schema.some((c) => c.name === column)) {
    throw ctx.errors.at(
      spanOf(node),
      'KQL-ARGUMENT',
      `${PLUGIN}: the Lookback table holds the ids already seen in a column named as the IdColumn${column ? ` ('${column}')` : ''}; it has ${plan.schema.map((c) => c.name).join(', ') || 'no columns'}.`,
    );
  }
  return { plan, column };
}
