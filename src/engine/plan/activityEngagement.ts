/**
 * evaluate activity_engagement(IdColumn, TimelineColumn, [Start, End,] InnerActivityWindow,
 * OuterActivityWindow [, dim…]): Kusto.Language takes the dimensions only after Start and End, and
 * refuses other argument counts. Kinds are checked here; the constant values when the plan runs
 * (exec/activityEngagement.ts).
 */
import type { LowerContext } from './context';
import { type Node, schemaOf, spanOf } from './syntax';
import { loweredArguments, optionalPeriod, timelineArguments } from './timelineArguments';
import type { Plan } from './types';

export function lowerActivityEngagement(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const args = loweredArguments(call, ctx);
  const withPeriod = args.length > 4;
  const [id, timeline] = args;
  const [start, end] = withPeriod ? args.slice(2, 4) : [];
  const [inner, outer, ...dims] = args.slice(withPeriod ? 4 : 2);
  const check = timelineArguments('activity_engagement', timeline!, ctx);
  const period = optionalPeriod(check, start, end);
  check.length(inner!, 'InnerActivityWindow');
  check.length(outer!, 'OuterActivityWindow');
  return {
    k: 'activityEngagement',
    input,
    id: id!,
    timeline: timeline!,
    period,
    inner: inner!,
    outer: outer!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
