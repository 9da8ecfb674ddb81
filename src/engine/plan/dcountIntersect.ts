/** evaluate dcount_intersect(hll_1, hll_2 [, hll_3 …]): 2 to 16 sets, as hll() values. */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, type Node, schemaOf, spanOf } from './syntax';
import type { Plan } from './types';

const MAX_SETS = 16;

export function lowerDcountIntersect(
  call: Kusto.Language.Syntax.FunctionCallExpression,
  input: Plan,
  ctx: LowerContext,
  op: Node,
): Plan {
  const nodes = elementsOf<Kusto.Language.Syntax.Expression>(call.ArgumentList?.Expressions);
  if (nodes.length < 2 || nodes.length > MAX_SETS) {
    throw ctx.errors.at(
      spanOf(call),
      'KQL-ARGUMENT',
      `dcount_intersect takes 2 to ${MAX_SETS} hll() values, not ${nodes.length}.`,
    );
  }
  const sketches = nodes.map((n) => lowerExpr(n, ctx));
  for (const s of sketches) {
    if (s.type !== 'dynamic') {
      throw ctx.errors.at(
        s.span,
        'KQL-ARGUMENT',
        `dcount_intersect: each set is an hll() value (dynamic), not ${s.type}.`,
      );
    }
  }
  return { k: 'dcountIntersect', input, sketches, span: spanOf(op), schema: schemaOf(op) };
}
