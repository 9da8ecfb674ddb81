/**
 * evaluate rows_near(Condition, NumRows [, RowsAfter]): every input row within NumRows rows before,
 * or RowsAfter rows after (NumRows when not given), a row where Condition is true; each row once, in
 * the input's order.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import type { ExecContext } from './context';
import { selectWhere } from './filterSelect';
import { selectRows } from './lazy';

export function runRowsNear(plan: Extract<Plan, { k: 'rowsNear' }>, input: Table, ctx: ExecContext): Table {
  const hits = selectWhere(plan.condition, input, ctx);
  const rows: number[] = [];
  // Hits ascend, so each window starts after the rows already taken.
  let next = 0;
  for (const hit of hits) {
    const last = Math.min(input.rowCount - 1, hit + plan.after);
    for (let r = Math.max(next, hit - plan.before); r <= last; r++) {
      rows.push(r);
    }
    next = Math.max(next, last + 1);
  }
  return rows.length === input.rowCount ? input : selectRows(input, Int32Array.from(rows));
}
