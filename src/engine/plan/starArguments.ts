/**
 * `estimate_data_size(*)`: the star stands for every column of the row the call sees, which (as for
 * pack_all) is the input of the operator the call sits in, as Kusto.Language bound it.
 */
import type { LowerContext } from './context';
import { operatorInput } from './packAll';
import { kindOf, schemaOf, spanOf, type Node } from './syntax';
import type { Expr } from './types';

export function lowerStarArguments(
  call: Node,
  args: readonly Node[],
  ctx: LowerContext,
  lower: (n: Node) => Expr,
): Expr[] {
  return args.flatMap((a): Expr[] => {
    if (kindOf(a) !== 'StarExpression') {
      return [lower(a)];
    }
    const input = operatorInput(call);
    if (!input) {
      throw ctx.errors.at(
        spanOf(a),
        'KQL-ARGUMENT',
        '`*` here needs the columns of a piped input, and this call has none.',
      );
    }
    const span = spanOf(a);
    return schemaOf(input).map((c): Expr => ({ k: 'column', name: c.name, type: c.type, span }));
  });
}
