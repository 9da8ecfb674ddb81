/**
 * evaluate session_count(IdColumn, TimelineColumn, Start, End, Bin, LookBackWindow [, dim…]). Kinds
 * are checked here; the constant values when the plan runs (exec/sessionCount.ts).
 */
import type { LowerContext } from './context';
import { type Node, schemaOf, spanOf } from './syntax';
import { loweredArguments, timelineArguments } from './timelineArguments';
import type { Plan } from './types';

export function lowerSessionCount(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const [id, timeline, start, end, bin, lookback, ...dims] = loweredArguments(call, ctx);
  const check = timelineArguments('session_count', timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(bin!, 'Bin');
  check.length(lookback!, 'LookBackWindow');
  return {
    k: 'sessionCount',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    bin: bin!,
    lookback: lookback!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
