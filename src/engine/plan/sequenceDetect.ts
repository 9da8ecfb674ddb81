/**
 * evaluate sequence_detect(TimelineColumn, MaxSequenceStepWindow, MaxSequenceSpan, Expr1, Expr2, …
 * [, Dim…]): the bool arguments after the third are the steps (named or not), the rest dimensions —
 * as Kusto.Language lays the arguments out.
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, kindOf, type Node, schemaOf, spanOf, typeOf } from './syntax';
import type { Plan } from './types';

export function lowerSequenceDetect(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const nodes = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  const unnamed = (n: Kusto.Language.Syntax.Expression): Kusto.Language.Syntax.Expression =>
    kindOf(n) === 'SimpleNamedExpression' ? (n as Kusto.Language.Syntax.SimpleNamedExpression).Expression! : n;
  const rest = nodes.slice(3).map(unnamed);
  const stepCount = rest.findIndex((n) => typeOf(n) !== 'bool');
  const steps = stepCount < 0 ? rest : rest.slice(0, stepCount);
  if (nodes.length < 4 || steps.length === 0) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-ARGUMENT',
      'sequence_detect takes TimelineColumn, MaxSequenceStepWindow, MaxSequenceSpan, then one bool predicate per step and optional dimensions.',
    );
  }
  const [timeline, stepWindow, maxSpan] = nodes.slice(0, 3).map((n) => lowerExpr(n, ctx));
  const lengthType = timeline!.type === 'datetime' ? 'timespan' : timeline!.type;
  for (const [arg, name] of [
    [stepWindow!, 'MaxSequenceStepWindow'],
    [maxSpan!, 'MaxSequenceSpan'],
  ] as const) {
    const ok = timeline!.type === 'datetime' ? arg.type === 'timespan' : arg.type !== 'datetime';
    if (!ok) {
      throw ctx.errors.at(
        arg.span,
        'KQL-ARGUMENT',
        `sequence_detect: ${name} is a ${lengthType} for a ${timeline!.type} timeline, not ${arg.type}.`,
      );
    }
  }
  return {
    k: 'sequenceDetect',
    input,
    timeline: timeline!,
    stepWindow: stepWindow!,
    maxSpan: maxSpan!,
    steps: steps.map((n) => lowerExpr(n, ctx)),
    dims: rest.slice(steps.length).map((n) => lowerExpr(n, ctx)),
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
