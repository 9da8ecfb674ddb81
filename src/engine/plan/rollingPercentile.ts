/**
 * evaluate rolling_percentile(ValueColumn, Percentile, IndexColumn, BinSize, BinsPerWindow [, dim…]).
 * The kinds of the arguments are checked here; their constant values when the plan runs
 * (exec/rollingPercentile.ts).
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, type Node, schemaOf, spanOf } from './syntax';
import type { Plan } from './types';

export function lowerRollingPercentile(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const nodes = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  const [value, percentile, index, binSize, binsPerWindow, ...dims] = nodes.map((n) => lowerExpr(n, ctx));
  const fail = (at: { span: Plan['span'] }, message: string): never => {
    throw ctx.errors.at(at.span, 'KQL-ARGUMENT', `rolling_percentile: ${message}`);
  };
  // Kusto.Language has checked the kinds (summable columns, a number, an integer); what is left is
  // that the bin size agrees with the index.
  const sizeOk = index!.type === 'datetime' ? binSize!.type === 'timespan' : binSize!.type !== 'datetime';
  if (!sizeOk) {
    fail(
      binSize!,
      `BinSize is ${index!.type === 'datetime' ? 'a timespan' : 'a number'} for a ${index!.type} index, not ${binSize!.type}.`,
    );
  }
  return {
    k: 'rollingPercentile',
    input,
    value: value!,
    percentile: percentile!,
    index: index!,
    binSize: binSize!,
    binsPerWindow: binsPerWindow!,
    dims,
    span: spanOf(op),
    schema: schemaOf(op),
  };
}
