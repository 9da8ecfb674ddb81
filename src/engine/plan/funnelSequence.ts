/**
 * evaluate funnel_sequence(IdColumn, TimelineColumn, Start, End, MaxSequenceStepWindow, Step, StateColumn,
 * Sequence) and funnel_sequence_completion(IdColumn, TimelineColumn, Start, End, BinSize, StateColumn,
 * Sequence, MaxSequenceStepPeriods), the arguments as Kusto.Language binds them. Kinds are checked here;
 * the constant values (and the arrays' elements) when the plan runs (exec/funnelSequence.ts,
 * exec/funnelSequenceCompletion.ts).
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { endsQueryResult } from './runtimeColumns';
import { elementsOf, type Node, schemaOf, spanOf } from './syntax';
import { timelineArguments } from './timelineArguments';
import type { Expr, Plan } from './types';

type Call = Kusto.Language.Syntax.FunctionCallExpression;

export function lowerFunnelSequence(call: Call, input: Plan, ctx: LowerContext, op: Node): Plan {
  const [id, timeline, start, end, stepWindow, bin, state, sequence] = funnelArguments(
    'funnel_sequence',
    call,
    ctx,
    'IdColumn, TimelineColumn, Start, End, MaxSequenceStepWindow, Step, StateColumn, Sequence',
  );
  const check = timelineArguments('funnel_sequence', timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(stepWindow!, 'MaxSequenceStepWindow');
  check.length(bin!, 'Step');
  return {
    k: 'funnelSequence',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    stepWindow: stepWindow!,
    bin: bin!,
    state: state!,
    sequence: sequence!,
    // Kusto.Language binds only the first table; operators after the plugin read that one.
    allTables: endsQueryResult(op),
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

export function lowerFunnelSequenceCompletion(call: Call, input: Plan, ctx: LowerContext, op: Node): Plan {
  const [id, timeline, start, end, bin, state, sequence, periods] = funnelArguments(
    'funnel_sequence_completion',
    call,
    ctx,
    'IdColumn, TimelineColumn, Start, End, BinSize, StateColumn, Sequence, MaxSequenceStepPeriods',
  );
  const check = timelineArguments('funnel_sequence_completion', timeline!, ctx);
  check.point(start!, 'Start');
  check.point(end!, 'End');
  check.length(bin!, 'BinSize');
  return {
    k: 'funnelSequenceCompletion',
    input,
    id: id!,
    timeline: timeline!,
    start: start!,
    end: end!,
    bin: bin!,
    state: state!,
    sequence: sequence!,
    periods: periods!,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}

/** The eight arguments, lowered; Kusto.Language has checked their count and kinds, this states it again. */
function funnelArguments(plugin: string, call: Call, ctx: LowerContext, names: string): Expr[] {
  const nodes = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  if (nodes.length !== 8) {
    throw ctx.errors.at(spanOf(call), 'KQL-ARGUMENT', `${plugin} takes eight arguments: ${names}.`);
  }
  return nodes.map((n) => lowerExpr(n, ctx));
}
