/** order by / sort by and top: a stable index sort over pre-evaluated key columns. */

import type { Plan, SortKey } from '../plan/types';
import type { Table } from '../table';
import { compareValues } from '../valueCompare';
import type { Value } from '../values';
import { countArgument } from './basic';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { selectRows } from './lazy';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

const NULL = 0;
const NAN = 1;
const VALUE = 2;

/**
 * Null and NaN go together, at the end `nulls first/last` names, whichever the direction: null, NaN,
 * then the values for nulls first; the values, NaN, null for nulls last (the sort reference's table:
 * `asc nulls last` gives -inf, -5, 0, +inf, NaN, null; `desc nulls first` null, NaN, +inf, 5, 0, -5).
 */
function edgeRank(v: Value): number {
  return v === null ? NULL : typeof v === 'number' && Number.isNaN(v) ? NAN : VALUE;
}

/** Row indexes of `input` in the order the keys give (Kusto: nulls first ascending, last descending unless told). */
export function sortedRows(keys: readonly SortKey[], input: Table, ctx: ExecContext, limit = Infinity): number[] {
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
  let comparisons = 0;
  const compare = (a: number, b: number): number => {
    if ((++comparisons & 0xffff) === 0) {
      ctx.check();
    }
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const va = columns[k]![a]!;
      const vb = columns[k]![b]!;
      const ra = edgeRank(va);
      const rb = edgeRank(vb);
      if (ra !== VALUE || rb !== VALUE) {
        if (ra === rb) {
          continue;
        }
        return key.nullsFirst ? ra - rb : rb - ra;
      }
      const c = compareValues(va, vb, key.expr.type);
      if (c !== 0) {
        return key.descending ? -c : c;
      }
    }
    return a - b;
  };
  if (limit < n / 8) {
    return topRows(n, limit, compare);
  }
  const rows = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    rows[i] = i;
  }
  return rows.sort(compare);
}

/** The first `limit` rows in order, keeping a sorted buffer instead of sorting every row (top 10 of 1M). */
function topRows(n: number, limit: number, compare: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    if (best.length === limit && compare(i, best[limit - 1]!) >= 0) {
      continue;
    }
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid]!, i) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    best.splice(lo, 0, i);
    if (best.length > limit) {
      best.pop();
    }
  }
  return best;
}

export function runSort(plan: P<'sort'>, input: Table, ctx: ExecContext): Table {
  return selectRows(input, sortedRows(plan.keys, input, ctx));
}

export function runTop(plan: P<'top'>, input: Table, ctx: ExecContext): Table {
  const n = countArgument(compileExpr(plan.count, input, ctx)(0), ctx, plan);
  return selectRows(input, sortedRows(plan.keys, input, ctx, n).slice(0, n));
}
