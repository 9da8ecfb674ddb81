/** order by / sort by and top: a stable index sort over pre-evaluated key columns. */
import { compareValues } from '../format';
import type { Plan, SortKey } from '../plan/types';
import type { Table } from '../table';
import type { Value } from '../values';
import { CHECK_INTERVAL, type ExecContext } from './context';
import { compileExpr } from './expr';
import { countArgument } from './basic';
import { selectRows } from './lazy';

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** Row indexes of `input` in the order the keys give (Kusto: nulls first ascending, last descending unless told). */
export function sortedRows(keys: readonly SortKey[], input: Table, ctx: ExecContext): number[] {
  const n = input.rowCount;
  const columns = keys.map((k) => {
    const f = compileExpr(k.expr, input, ctx);
    const values: Value[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      values[i] = f(i);
    }
    return values;
  });
  const rows = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    rows[i] = i;
  }
  let comparisons = 0;
  rows.sort((a, b) => {
    if ((++comparisons & 0xffff) === 0) {
      ctx.check();
    }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const va = columns[k]![a]!;
      const vb = columns[k]![b]!;
      const na = va === null;
      const nb = vb === null;
      if (na || nb) {
        if (na && nb) {
          continue;
        }
        return (na ? -1 : 1) * (key.nullsFirst ? 1 : -1);
      }
      const c = compareValues(va, vb, key.expr.type);
      if (c !== 0) {
        return key.descending ? -c : c;
      }
    }
    return 0;
  });
  return rows;
}

export function runSort(plan: P<'sort'>, input: Table, ctx: ExecContext): Table {
  return selectRows(input, sortedRows(plan.keys, input, ctx));
}

export function runTop(plan: P<'top'>, input: Table, ctx: ExecContext): Table {
  const n = countArgument(compileExpr(plan.count, input, ctx)(0), ctx, plan);
  return selectRows(input, sortedRows(plan.keys, input, ctx).slice(0, n));
}
