/**
 * evaluate sliding_window_counts(IdColumn, TimelineColumn, Start, End, LookbackWindow, Bin [, dim…]).
 * The arguments' kinds are checked here, where their positions are known; their values (constants,
 * possibly let-bound) are read when the plan runs (exec/slidingWindowCounts.ts).
 */
import type { LowerContext } from './context';
import { type Node, schemaOf, spanOf } from './syntax';
import { loweredArguments, timelineArguments } from './timelineArguments';
import type { Plan } from './types';

export function lowerSlidingWindowCounts(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const [id, timeline, start, end, lookback, bin, ...dims] = loweredArguments(call, ctx);
  const check = timelineArguments('sliding_window_counts', timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(lookback!, 'LookbackWindow');
  check.length(bin!, 'Bin');
  return {
    k: 'slidingWindowCounts',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    lookback: lookback!,
    bin: bin!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
