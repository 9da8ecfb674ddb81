/**
 * evaluate activity_counts_metrics(IdColumn, TimelineColumn, Start, End, Window [, dim…]), the
 * arguments as Kusto.Language binds them. Kinds are checked here; the constant values when the plan
 * runs (exec/activityCountsMetrics.ts).
 */
import type { LowerContext } from './context';
import { type Node, schemaOf, spanOf } from './syntax';
import { loweredArguments, timelineArguments } from './timelineArguments';
import type { Plan } from './types';

export function lowerActivityCountsMetrics(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const [id, timeline, start, end, window, ...dims] = loweredArguments(call, ctx);
  const check = timelineArguments('activity_counts_metrics', timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(window!, 'Window');
  return {
    k: 'activityCountsMetrics',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    window: window!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
