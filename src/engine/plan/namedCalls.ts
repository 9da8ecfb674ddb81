/**
 * Calls whose value comes from names the binder knows rather than from values: bag_pack_columns(a, b)
 * is bag_pack('a', a, 'b', b) (each column's name is its property's, as the reference says), and
 * current_database() is the name of the one database the engine holds, the name database() resolves.
 */
import type { LowerContext } from './context';
import { type Node, nameText, spanOf } from './syntax';
import type { Expr } from './types';

/** The binder admits only columns here ("Column name expected."), so each argument names one. */
export function lowerBagPackColumns(
  args: readonly Node[],
  lower: (node: Node) => Expr,
  type: Expr['type'],
  span: Expr['span'],
): Expr {
  const packed = args.flatMap((arg): Expr[] => [
    { k: 'literal', value: nameText(arg), type: 'string', span: spanOf(arg) },
    lower(arg),
  ]);
  return { k: 'call', name: 'bag_pack', args: packed, type, span };
}

export function lowerCurrentDatabase(ctx: LowerContext, type: Expr['type'], span: Expr['span']): Expr {
  return { k: 'literal', value: ctx.globals.Database?.Name ?? '', type, span };
}
