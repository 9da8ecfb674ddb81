/**
 * What the executor hands a function's kernels (functions/types.ts): the call's shape and the rows it
 * runs over. Which functions have kernels, and for which shapes, the functions say; nothing here names one.
 */
import type { CallShape, KernelRows, ScalarFunction } from '../functions';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import type { Value } from '../values';
import { columnReader, type Evaluator } from './columnReader';
import type { ExecContext } from './context';

type CallExpr = Extract<Expr, { k: 'call' }>;

/** The call's argument types, its literal arguments' values, and its result type. */
export function callShape(expr: CallExpr): CallShape {
  return {
    argTypes: expr.args.map((a) => a.type),
    constArgs: expr.args.map((a) => (a.k === 'literal' ? a.value : undefined)),
    resultType: expr.type,
  };
}

/** The table's rows as a row kernel reads them. */
export function kernelRows(table: Table, ctx: ExecContext): KernelRows {
  return {
    rowCount: table.rowCount,
    column: (name) => {
      const column = table.column(name);
      return column && columnReader(column);
    },
    check: () => ctx.check(),
  };
}

/** The step of a bucketing call (bin with a constant step), or undefined. */
export function bucketStepOf(fn: ScalarFunction | undefined, expr: CallExpr): number | undefined {
  return fn?.bucketStep?.(callShape(expr));
}

/**
 * floor(x / step) * step of the argument's numbers: the value of a bucketing call. A value past 2^53
 * (an Int64: a far datetime, a long) goes to the function's own implementation, which is exact.
 */
export function bucketEvaluator(step: number, arg: Evaluator, exact?: (v: Value) => Value): Evaluator {
  return (row) => {
    const v = arg(row);
    return typeof v === 'number' ? Math.floor(v / step) * step : v !== null && exact ? exact(v) : null;
  };
}
