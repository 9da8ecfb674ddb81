/**
 * Compiles plan expressions into closures over one input table, evaluated by row index: no row objects,
 * and every function or operator is bound once per call site.
 */
import { type Column, columnBuilder, NumberColumn } from '../column';
import {
  aggregateFunction,
  bindBetween,
  bindBinaryOperator,
  bindListOperator,
  bindPackAll,
  bindUnaryOperator,
  scalarFunction,
  UnsupportedError,
} from '../functions';
import { isConstantExpr } from '../plan/exprFacts';
import type { Expr } from '../plan/types';
import { Table } from '../table';
import type { DynamicValue, KqlType, Value } from '../values';
import { formatDatetimeInDynamic, formatTimespan } from '../valueText';
import { bucketEvaluator, callShape, kernelRows } from './callKernels';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { comparisonFastPath, listFastPath } from './fastPaths';
import { compileSearchTerm } from './searchTerm';
import { numberVector } from './vectorKernels';

export { isConstantExpr } from '../plan/exprFacts';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

import { refusalReason } from '../functions/refusedFunctions';
import { columnReader, type Evaluator } from './columnReader';

export type { Evaluator } from './columnReader';

function bindOrFail<T>(ctx: ExecContext, expr: Expr, what: string, bind: () => T): T {
  try {
    return bind();
  } catch (e) {
    if (e instanceof UnsupportedError) {
      throw ctx.errors.at(
        expr.span,
        'KQL-UNSUPPORTED',
        `${what} is not supported by the embedded engine (${e.message}).`,
      );
    }
    throw e;
  }
}

export function constantOf(expr: Expr): Value | undefined {
  return expr.k === 'literal' ? expr.value : undefined;
}

const NO_ROWS = new Table([], 1);

/** The expression with constant parts already computed, so fast paths see literals. */
export function folded(expr: Expr, ctx: ExecContext): Expr {
  if (expr.k === 'literal' || !isConstantExpr(expr)) {
    return expr;
  }
  return { k: 'literal', value: compileExpr(expr, NO_ROWS, ctx)(0), type: expr.type, span: expr.span };
}

export function compileExpr(expr: Expr, table: Table, ctx: ExecContext): Evaluator {
  if (expr.k !== 'literal' && table !== NO_ROWS && isConstantExpr(expr)) {
    const value = compileExpr(expr, NO_ROWS, ctx)(0);
    return () => value;
  }
  switch (expr.k) {
    case 'literal': {
      const v = expr.value;
      return () => v;
    }
    case 'column': {
      const col = table.column(expr.name);
      if (!col) {
        return () => (expr.type === 'string' ? '' : null);
      }
      return columnReader(col);
    }
    case 'call': {
      const fn = scalarFunction(expr.name);
      if (!fn) {
        if (aggregateFunction(expr.name)) {
          throw ctx.errors.at(
            expr.span,
            'KQL-AGGREGATE',
            `The aggregate function '${expr.name}' can only be used in summarize.`,
          );
        }
        const reason = refusalReason(expr.name);
        throw ctx.errors.at(
          expr.span,
          'KQL-UNSUPPORTED',
          `The function '${expr.name}' is not supported by the embedded engine${reason ? `: ${reason}` : ''}.`,
        );
      }
      // A window function has no row-by-row implementation: its row kernel is all there is.
      const impl = fn.window
        ? undefined
        : bindOrFail(ctx, expr, `The function '${expr.name}' with these argument types`, () =>
            fn.bind(
              expr.args.map((a) => a.type),
              expr.type,
              ctx.call,
              expr.args.map(constantOf),
            ),
          );
      const args = expr.args.map((a) => compileExpr(a, table, ctx));
      const shape = fn.rowKernel || fn.bucketStep ? callShape(expr) : undefined;
      const kernel = shape && fn.rowKernel?.(shape, args, kernelRows(table, ctx), impl);
      if (kernel) {
        return kernel;
      }
      const step = shape && fn.bucketStep?.(shape);
      if (step !== undefined) {
        const stepArg = constantOf(expr.args[1]!) ?? null;
        return bucketEvaluator(step, args[0]!, impl && ((v) => impl([v, stepArg])));
      }
      if (!impl) {
        throw ctx.errors.at(
          expr.span,
          'KQL-UNSUPPORTED',
          `The function '${expr.name}' is not supported by the embedded engine.`,
        );
      }
      const n = args.length;
      if (n === 0) {
        return () => impl([]);
      }
      if (n === 1) {
        const a0 = args[0]!;
        return (row) => impl([a0(row)]);
      }
      if (n === 2) {
        const a0 = args[0]!;
        const a1 = args[1]!;
        return (row) => impl([a0(row), a1(row)]);
      }
      return (row) => {
        const values: Value[] = new Array(n);
        for (let i = 0; i < n; i++) {
          values[i] = args[i]!(row);
        }
        return impl(values);
      };
    }
    case 'binary': {
      const fast = comparisonFastPath({ ...expr, right: folded(expr.right, ctx) }, table);
      if (fast) {
        return fast;
      }
      const impl = bindOrFail(
        ctx,
        expr,
        `The operator ${expr.op.replace(/Expression$/, '')} on ${expr.left.type} and ${expr.right.type}`,
        () => bindBinaryOperator(expr.op, expr.left.type, expr.right.type, expr.type),
      );
      const l = compileExpr(expr.left, table, ctx);
      const r = compileExpr(expr.right, table, ctx);
      if (expr.op === 'AndExpression' || expr.op === 'OrExpression') {
        // Short-circuit: the right side of `and` is skipped when the left is false (and `or` when true).
        const decisive = expr.op === 'OrExpression';
        return (row) => {
          const a = l(row);
          return a === decisive ? decisive : impl(a, r(row));
        };
      }
      return (row) => impl(l(row), r(row));
    }
    case 'unary': {
      const impl = bindOrFail(ctx, expr, `The operator ${expr.op}`, () =>
        bindUnaryOperator(expr.op, expr.operand.type, expr.type),
      );
      const o = compileExpr(expr.operand, table, ctx);
      return (row) => impl(o(row));
    }
    case 'list': {
      const impl = bindOrFail(ctx, expr, `The operator ${expr.op.replace(/Expression$/, '')}`, () =>
        bindListOperator(expr.op, expr.left.type, expr.type),
      );
      const l = compileExpr(expr.left, table, ctx);
      const items = expr.items.map((i) => compileExpr(i, table, ctx));
      if (expr.items.every(isConstantExpr)) {
        const list = items.map((i) => i(0));
        return listFastPath(expr, table, impl, list) ?? ((row) => impl(l(row), list));
      }
      return (row) =>
        impl(
          l(row),
          items.map((i) => i(row)),
        );
    }
    case 'between': {
      const impl = bindBetween(expr.negated, expr.value.type, expr.high.type);
      const v = compileExpr(expr.value, table, ctx);
      const lo = compileExpr(expr.low, table, ctx);
      const hi = compileExpr(expr.high, table, ctx);
      return (row) => impl(v(row), lo(row), hi(row));
    }
    case 'index': {
      const target = compileExpr(expr.target, table, ctx);
      const key = compileExpr(expr.key, table, ctx);
      return (row) => indexDynamic(target(row), key(row));
    }
    case 'rowNumber': {
      const start = expr.start ? compileExpr(expr.start, table, ctx)(0) : 1;
      const base = typeof start === 'number' ? start : 1;
      return (row) => base + row;
    }
    case 'shift': {
      const inner = compileExpr(expr.expr, table, ctx);
      const fallback = expr.fallback
        ? compileExpr(expr.fallback, table, ctx)
        : () => (expr.type === 'string' ? '' : null);
      const offset = expr.offset;
      const n = table.rowCount;
      return (row) => {
        const r = row + offset;
        return r >= 0 && r < n ? inner(r) : fallback(row);
      };
    }
    case 'scalarQuery': {
      const v = scalarQueryValue(expr, ctx);
      return () => v;
    }
    case 'tableColumn': {
      const values = tableColumnValues(expr, ctx);
      return () => values;
    }
    case 'packAll': {
      const wanted = expr.columns ? new Set(expr.columns) : undefined;
      const cols = table.columns.filter((c) => !wanted || wanted.has(c.name));
      const readers = cols.map((c) => columnReader(c.column));
      const pack = bindPackAll(
        cols.map((c) => ({ name: c.name, type: c.column.type })),
        expr.ignoreNullEmpty,
      );
      return (row) => pack(readers.map((read) => read(row)));
    }
    case 'searchTerm':
      return compileSearchTerm(expr.term, expr.column, table, ctx, expr.op);
  }
}

function scalarQueryValue(expr: Extract<Expr, { k: 'scalarQuery' }>, ctx: ExecContext): Value {
  if (!ctx.shared.has(expr)) {
    const t = ctx.runPlan(expr.plan, ctx);
    const col = t.columns[0]?.column;
    ctx.shared.set(expr, col && t.rowCount > 0 ? col.get(0) : expr.type === 'string' ? '' : null);
  }
  return ctx.shared.get(expr) as Value;
}

function tableColumnValues(expr: Extract<Expr, { k: 'tableColumn' }>, ctx: ExecContext): Value[] {
  if (!ctx.shared.has(expr)) {
    const t = ctx.runPlan(expr.plan, ctx);
    const col = t.columns[0]?.column;
    const values: Value[] = [];
    for (let i = 0; col && i < t.rowCount; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      values.push(col.get(i));
    }
    ctx.shared.set(expr, values);
  }
  return ctx.shared.get(expr) as Value[];
}

/** A reader specialised to the column's storage, avoiding the generic get() dispatch per row. */
/** d.key / d[index] on a dynamic value; negative indexes count from the end, as in Kusto. */
export function indexDynamic(target: Value, key: Value): Value {
  if (target === null || typeof target !== 'object') {
    return null;
  }
  if (Array.isArray(target)) {
    if (typeof key !== 'number') {
      return null;
    }
    const i = key < 0 ? target.length + key : key;
    return (target[i] as DynamicValue | undefined) ?? null;
  }
  if (typeof key !== 'string') {
    return null;
  }
  // Own members only: a bag from anywhere must not answer `toString` or `constructor` from Object.
  return Object.hasOwn(target, key) ? ((target as { [k: string]: DynamicValue })[key] ?? null) : null;
}

/** A scalar as it appears inside a dynamic value (datetimes and timespans as their text). */
export function toDynamic(v: Value, type: KqlType): DynamicValue {
  if (v === null) {
    return null;
  }
  if (type === 'datetime' || type === 'timespan') {
    return dynamicText(v as number, type);
  }
  return v as DynamicValue;
}

function dynamicText(v: number, type: 'datetime' | 'timespan'): string {
  return type === 'datetime' ? formatDatetimeInDynamic(v) : formatTimespan(v);
}

/** Evaluates an expression for every row into a column of its type (a bare column is reused as is). */
export function evaluateColumn(expr: Expr, table: Table, ctx: ExecContext): Column {
  if (expr.k === 'column') {
    const col = table.column(expr.name);
    if (col && col.type === expr.type) {
      return col;
    }
  }
  if (expr.k !== 'literal' && !isConstantExpr(expr)) {
    const vector = numberVector(expr, table, ctx);
    if (vector) {
      return new NumberColumn(expr.type, vector.values, vector.nulls, undefined, vector.range);
    }
  }
  const f = compileExpr(expr, table, ctx);
  const b = columnBuilder(expr.type, table.rowCount);
  const n = table.rowCount;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    b.push(f(i));
  }
  return b.finish();
}
