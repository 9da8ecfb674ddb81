/**
 * Whole-column kernels for the commonest computed number columns (a function's own column kernel such
 * as `hourofday(TimeGenerated)`'s, and `BytesSent + BytesReceived`): one typed loop over the operands' arrays instead of a chain of
 * per-row evaluator calls. Each kernel gives exactly what the row-by-row path gives (the same
 * operator implementations, the same null and NaN rules as the column builder) or declines, and the
 * row-by-row path runs instead.
 */
import { NumberColumn, type NumberRange } from '../column';
import { bindBinaryOperator, scalarFunction } from '../functions';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import { Int64, isNumberBacked, type KqlType } from '../values';
import { callShape } from './callKernels';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { type NumberSelection, numberSelection } from './lazy';
import { pairArithmetic } from './pairArithmetic';

// A module-local copy: a transpiled import is a getter call on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A number column's values in the table's row order; a set flag in `nulls` is a null. */
export interface NumberVector {
  readonly values: Float64Array;
  readonly nulls?: Uint8Array;
  /** The non-null values' range when the kernel tracked it (null: every value is null). */
  readonly range?: NumberRange | null;
}

const ARITHMETIC = new Set(['AddExpression', 'SubtractExpression', 'MultiplyExpression']);

function plainNumberType(type: KqlType): boolean {
  return isNumberBacked(type) && type !== 'decimal';
}

/** The expression as a whole-column vector, or undefined when no kernel applies. */
export function numberVector(expr: Expr, table: Table, ctx: ExecContext): NumberVector | undefined {
  if (!plainNumberType(expr.type)) {
    return undefined;
  }
  // A bare column needs no kernel: evaluateColumn reuses it, and operands read it in place.
  switch (expr.k) {
    case 'call':
      return functionKernel(expr, table, ctx);
    case 'binary':
      return arithmetic(expr, table, ctx);
    default:
      return undefined;
  }
}

/** The function's own column kernel (functions/types.ts ColumnKernel), over its number argument's values in place. */
function functionKernel(expr: Extract<Expr, { k: 'call' }>, table: Table, ctx: ExecContext): NumberVector | undefined {
  const kernel = scalarFunction(expr.name)?.columnKernel?.(callShape(expr));
  const arg = kernel && expr.args[kernel.arg];
  if (!kernel || !arg || !plainNumberType(arg.type)) {
    return undefined;
  }
  const input = operand(arg, table, ctx);
  if (input === undefined || typeof input === 'number') {
    return undefined;
  }
  return kernel.run(input, table.rowCount, () => ctx.check());
}

/**
 * The result of `a op b` for a plain numeric result type, as the operator's implementation computes
 * it (fitNumber: a finite integer truncated for long, to 32 bits for int; real as is). Undefined for
 * result types whose fitting the kernel leaves to the implementation.
 */
function inlineArithmetic(op: string, type: KqlType): ((a: number, b: number) => number | null) | undefined {
  const raw =
    op === 'AddExpression'
      ? (a: number, b: number) => a + b
      : op === 'SubtractExpression'
        ? (a: number, b: number) => a - b
        : (a: number, b: number) => a * b;
  switch (type) {
    case 'real':
      return raw;
    case 'long':
      return (a, b) => {
        const v = raw(a, b);
        return Number.isFinite(v) ? Math.trunc(v) : null;
      };
    case 'int':
      return (a, b) => {
        const v = raw(a, b);
        return Number.isFinite(v) ? Math.trunc(v) | 0 : null;
      };
    default:
      return undefined;
  }
}

/** `a + b`, `a - b`, `a * b` over number columns, vectors and constants, as the operator computes them. */
function arithmetic(expr: Extract<Expr, { k: 'binary' }>, table: Table, ctx: ExecContext): NumberVector | undefined {
  if (!ARITHMETIC.has(expr.op) || !plainNumberType(expr.left.type) || !plainNumberType(expr.right.type)) {
    return undefined;
  }
  const left = operand(expr.left, table, ctx);
  const right = operand(expr.right, table, ctx);
  if (left === undefined || right === undefined || (typeof left === 'number' && typeof right === 'number')) {
    return undefined;
  }
  const numeric = (t: KqlType) => t === 'int' || t === 'long' || t === 'real';
  const inline = numeric(expr.left.type) && numeric(expr.right.type) ? inlineArithmetic(expr.op, expr.type) : undefined;
  if (inline && typeof left !== 'number' && typeof right !== 'number') {
    // Two columns: the loop without a closure call per row. Undefined only past 2^53 (the exact path's).
    return pairArithmetic(expr.op, expr.type, left, right, table.rowCount, ctx);
  }
  const impl =
    inline ??
    (bindBinaryOperator(expr.op, expr.left.type, expr.right.type, expr.type) as (
      a: number | null,
      b: number | null,
    ) => unknown);
  const real = expr.type === 'real';
  const n = table.rowCount;
  const values = new Float64Array(n);
  let nulls: Uint8Array | undefined;
  const L = typeof left === 'number' ? undefined : left;
  const R = typeof right === 'number' ? undefined : right;
  // Exact longs past 2^53, in an operand or a result, are the row-by-row path's (BigInt arithmetic).
  if (L?.source.exact || R?.source.exact) {
    return undefined;
  }
  const integral = expr.type === 'long' || expr.type === 'datetime' || expr.type === 'timespan';
  const lc = typeof left === 'number' ? left : 0;
  const rc = typeof right === 'number' ? right : 0;
  // The smallest and largest value written: one bound check at the end instead of one per row, and the
  // column's range for free (a long sum over it then needs no overflow check per add).
  let min = Infinity;
  let max = -Infinity;
  let hasNaN = false;
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const a = L ? read(L, i) : lc;
      const b = R ? read(R, i) : rc;
      const v = a === null || b === null ? null : impl(a, b);
      // The column builder's rule: null, a non-number, or NaN outside real columns is null.
      if (typeof v === 'number') {
        if (v === v) {
          values[i] = v;
          if (v < min) {
            min = v;
          }
          if (v > max) {
            max = v;
          }
        } else if (real) {
          values[i] = v;
          hasNaN = true;
        } else {
          (nulls ??= new Uint8Array(n))[i] = 1;
        }
      } else if (v instanceof Int64) {
        // A datetime or timespan result past 2^53 ticks: the row-by-row path keeps it exact.
        return undefined;
      } else {
        (nulls ??= new Uint8Array(n))[i] = 1;
      }
    }
  }
  if (integral && min <= max && !(min >= -MAX_SAFE && max <= MAX_SAFE)) {
    // A long, datetime or timespan past 2^53 is the row-by-row path's (exact in BigInt).
    return undefined;
  }
  // As numberRange gives it: null when no value but nulls was written.
  const range = min <= max || hasNaN ? { min, max, hasNaN } : null;
  return { values, nulls, range };
}

function read(column: NumberSelection, i: number): number | null {
  const r = column.rows ? column.rows[i]! : i;
  const { values, nulls } = column.source;
  return r < 0 || (nulls !== undefined && nulls[r] !== 0) ? null : values[r]!;
}

/** A non-null number constant, or the operand's values read in place. */
function operand(expr: Expr, table: Table, ctx: ExecContext): number | NumberSelection | undefined {
  if (expr.k === 'literal') {
    return typeof expr.value === 'number' ? expr.value : undefined;
  }
  if (expr.k === 'column') {
    const col = table.column(expr.name);
    return col?.type === expr.type ? numberSelection(col) : undefined;
  }
  const vector = numberVector(expr, table, ctx);
  return vector && { source: new NumberColumn(expr.type, vector.values, vector.nulls, undefined, vector.range) };
}
