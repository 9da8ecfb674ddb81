/**
 * bag_pack_columns(c1, c2, …): a bag of the named columns, each under its column's name (reference:
 * "The name of the column is the property name"). The names are the binder's, known before anything
 * runs, so the call becomes bag_pack("c1", c1, "c2", c2, …), which already builds bags.
 */
import type { ErrorFactory, Node } from './syntax';
import { spanOf } from './syntax';
import type { Expr } from './types';

export function lowerBagPackColumns(
  args: readonly Node[],
  lower: (arg: Node) => Expr,
  errors: ErrorFactory,
  type: Expr['type'],
  span: Expr['span'],
): Expr {
  const packArgs: Expr[] = [];
  for (const arg of args) {
    const value = lower(arg);
    if (value.k !== 'column') {
      throw errors.at(
        spanOf(arg),
        'KQL-ARGUMENT',
        "bag_pack_columns() takes columns: each property is named after its column, and this argument is not one (name it with extend first, or use bag_pack('name', expression)).",
      );
    }
    packArgs.push({ k: 'literal', value: value.name, type: 'string', span: value.span }, value);
  }
  return { k: 'call', name: 'bag_pack', args: packArgs, type, span };
}
