/**
 * Evaluates extend/project/print items into columns. A tuple-valued item (series_stats(x)) is computed
 * once per row and its elements spread over its output columns, rather than recomputed per column.
 */
import { type Column, columnBuilder } from '../column';
import type { NamedExpr } from '../plan/types';
import type { Table } from '../table';
import type { Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, evaluateColumn } from './expr';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

export interface NamedColumn {
  readonly name: string;
  readonly column: Column;
}

export function evaluateOutputs(item: NamedExpr, table: Table, ctx: ExecContext): NamedColumn[] {
  const outputs = item.outputs;
  if (!outputs) {
    return [{ name: item.name, column: evaluateColumn(item.expr, table, ctx) }];
  }
  const f = compileExpr(item.expr, table, ctx);
  const builders = outputs.map((c) => columnBuilder(c.type, table.rowCount));
  const n = table.rowCount;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    // A tuple-valued function returns its elements as an array, in the binder's order.
    const values = f(i) as readonly Value[] | null;
    for (let j = 0; j < builders.length; j++) {
      builders[j]!.push(values?.[j] ?? null);
    }
  }
  return outputs.map((c, j) => ({ name: c.name, column: builders[j]!.finish() }));
}
