/**
 * Runs an aggregate's typed fold (its definition's `fold`, see functions/aggregateFolds.ts) over all
 * groups at once, instead of the per-row step() calls. The executor only hands over the rows: which
 * aggregates have a fold, and for which argument types, the functions say.
 */
import type { Column } from '../column';
import type { AggregateFunction, AggregateImpl } from '../functions';
import type { AggregateCall } from '../plan/types';
import type { Value } from '../values';
import type { Evaluator } from './columnReader';
import type { ExecContext } from './context';
import { numberSelection } from './lazy';

/**
 * One value per group from the aggregate's typed fold, or undefined when it has none for this call or
 * leaves it to step(). `column`: the first argument when it is a plain column of the input, read in place.
 */
export function runTypedFold(
  fn: AggregateFunction,
  call: AggregateCall,
  impl: AggregateImpl,
  args: readonly Evaluator[],
  groupOf: Int32Array,
  groupCount: number,
  n: number,
  ctx: ExecContext,
  column?: Column,
): Value[] | undefined {
  const fold = fn.fold?.({ argTypes: call.args.map((a) => a.type), outputTypes: call.outputs.map((o) => o.type) });
  if (!fold) {
    return undefined;
  }
  return fold({
    groupOf,
    groupCount,
    n,
    args,
    numbers: numberSelection(column),
    empty: impl.result(impl.init()) as Value,
    check: () => ctx.check(),
  });
}
