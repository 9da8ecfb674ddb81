/**
 * current_database(): the name of the one database the engine holds, the name database() resolves
 * (a name the binder knows, not a value the executor computes).
 */
import type { LowerContext } from './context';
import type { Expr } from './types';

export function lowerCurrentDatabase(ctx: LowerContext, type: Expr['type'], span: Expr['span']): Expr {
  return { k: 'literal', value: ctx.globals.Database?.Name ?? '', type, span };
}
