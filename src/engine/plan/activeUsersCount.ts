/**
 * evaluate active_users_count(IdColumn, TimelineColumn, Start, End, LookbackWindow, Period,
 * ActivePeriodsCount, Bin [, dim…]). Kinds are checked here; the constant values when the plan runs
 * (exec/activeUsersCount.ts).
 */
import type { LowerContext } from './context';
import { type Node, schemaOf, spanOf } from './syntax';
import { loweredArguments, timelineArguments } from './timelineArguments';
import type { Plan } from './types';

export function lowerActiveUsersCount(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const [id, timeline, start, end, lookback, period, activePeriods, bin, ...dims] = loweredArguments(call, ctx);
  const check = timelineArguments('active_users_count', timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(lookback!, 'LookbackWindow');
  check.length(period!, 'Period');
  check.length(bin!, 'Bin');
  if (activePeriods!.type !== 'int' && activePeriods!.type !== 'long') {
    throw ctx.errors.at(
      activePeriods!.span,
      'KQL-ARGUMENT',
      `active_users_count: ActivePeriodsCount is a whole number of periods, not ${activePeriods!.type}.`,
    );
  }
  return {
    k: 'activeUsersCount',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    lookback: lookback!,
    period: period!,
    activePeriods: activePeriods!,
    bin: bin!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
