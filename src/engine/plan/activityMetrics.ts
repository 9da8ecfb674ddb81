/**
 * evaluate activity_metrics(IdColumn, TimelineColumn, [Start, End,] Window [, dim…]). Kusto.Language
 * binds three arguments (its second signature reads the third as Start; the reference's syntax says
 * it is the Window, and so it is here) and four (Start and End without a Window, which the reference's
 * syntax does not allow: refused here). Kinds are checked here; the constant values when the plan
 * runs (exec/activityMetrics.ts).
 */
import type { LowerContext } from './context';
import { type Node, schemaOf, spanOf } from './syntax';
import { loweredArguments, optionalPeriod, timelineArguments } from './timelineArguments';
import type { Plan } from './types';

export function lowerActivityMetrics(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const args = loweredArguments(call, ctx);
  if (args.length === 4) {
    throw ctx.errors.at(
      args[3]!.span,
      'KQL-ARGUMENT',
      'activity_metrics: after Start and End comes the Window, the length of a period (e.g. 7d).',
    );
  }
  const withPeriod = args.length > 3;
  const [id, timeline] = args;
  const [start, end] = withPeriod ? args.slice(2, 4) : [];
  const [window, ...dims] = args.slice(withPeriod ? 4 : 2);
  const check = timelineArguments('activity_metrics', timeline!, ctx);
  const period = optionalPeriod(check, start, end);
  check.length(window!, 'Window');
  return {
    k: 'activityMetrics',
    input,
    id: id!,
    timeline: timeline!,
    period,
    window: window!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
