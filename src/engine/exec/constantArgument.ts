/** A plugin's constant argument (a literal or let-bound value), read once before the rows. */

import { Int64 } from '../int64';
import type { Expr } from '../plan/types';
import { Table } from '../table';
import type { ExecContext } from './context';
import { compileExpr } from './expr';

/** The argument's value as a number (an Int64 when past 2^53); null and text are an error at the argument. */
export function constantArgument(expr: Expr, plugin: string, name: string, ctx: ExecContext): number | Int64 {
  const v = compileExpr(expr, new Table([], 1), ctx)(0);
  if ((typeof v === 'number' && Number.isFinite(v)) || v instanceof Int64) {
    return v;
  }
  throw ctx.errors.at(expr.span, 'KQL-ARGUMENT', `${plugin}: ${name} is a constant, not null.`);
}
