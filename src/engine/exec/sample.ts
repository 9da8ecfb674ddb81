/**
 * sample and sample-distinct. Kusto documents both as random and non-deterministic (two evaluations
 * of the same `sample` differ), so they draw from Math.random; what is fixed is how many rows or
 * values come back and that each is one of the input's.
 */
import { columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import { hashKey } from '../valueCompare';
import { countArgument } from './basic';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, evaluateColumn } from './expr';
import { selectRows } from './lazy';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** `n` distinct positions out of `size`, uniformly, ascending (Floyd's algorithm: n draws, no shuffle of all). */
function randomPositions(size: number, n: number): Int32Array {
  const chosen = new Set<number>();
  for (let j = size - n; j < size; j++) {
    const t = Math.floor(Math.random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(chosen).sort();
}

export function runSample(plan: P<'sample'>, input: Table, ctx: ExecContext): Table {
  const n = countArgument(compileExpr(plan.count, input, ctx)(0), ctx, plan);
  return n >= input.rowCount ? input : selectRows(input, randomPositions(input.rowCount, n));
}

export function runSampleDistinct(plan: P<'sampleDistinct'>, input: Table, ctx: ExecContext): Table {
  const n = countArgument(compileExpr(plan.count, input, ctx)(0), ctx, plan);
  const values = evaluateColumn(plan.value, input, ctx);
  const firstRow = new Map<string | number, number>();
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const key = hashKey(values.get(i), values.type);
    if (!firstRow.has(key)) {
      firstRow.set(key, i);
    }
  }
  const rows = [...firstRow.values()];
  const picked = n >= rows.length ? rows : [...randomPositions(rows.length, n)].map((p) => rows[p]!);
  const out = columnBuilder(values.type, picked.length);
  for (const row of picked) {
    out.push(values.get(row));
  }
  return new Table([{ name: plan.schema[0]?.name ?? 'Column1', column: out.finish() }], picked.length);
}
