/**
 * Subqueries whose source is implicit (mv-apply's per-row subtable, partition's per-key subtable): the
 * plan reads its input through a shared plan id, which each run binds to a different table.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import type { ExecContext } from './context';

export function runOverSubtable(subquery: Plan, rowsId: number, subtable: Table, ctx: ExecContext): Table {
  // A copy of the shared results, so nothing the subquery computes from one subtable (a toscalar(),
  // an `as`) is reused for the next.
  const shared = new Map(ctx.shared);
  shared.set(rowsId, subtable);
  return ctx.runPlan(subquery, { ...ctx, shared });
}
