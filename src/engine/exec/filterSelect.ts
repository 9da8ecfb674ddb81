/**
 * `where` as a selection of row numbers: each `and` term narrows the rows kept by the terms before it,
 * a term that reads one string column is decided once per distinct value (memoised by dictionary
 * code), and a number column compared with a constant is compared straight on its typed array. Any
 * other term is evaluated row by row over the surviving rows only, so every predicate works here.
 */
import { type Column, StringColumn } from '../column';
import { columnsRead } from '../plan/exprFacts';
import type { Expr } from '../plan/types';
import { Table } from '../table';
import { isNumberBacked, type Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, folded } from './expr';
import { LazyColumn, numberSelection } from './lazy';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

/**
 * The first buffer of a selection: selective filters are the common case (one computer, one hour),
 * and a buffer the size of the input (37 MB for 9M rows) costs its zeroing and a GC's attention.
 */
const FIRST_SELECTION = 16_384;

function selectionBuffer(max: number): Int32Array {
  return new Int32Array(Math.min(max, FIRST_SELECTION));
}

/** The selection with twice the room (at most `max`), its first `count` rows copied. */
function grown(keep: Int32Array, max: number): Int32Array {
  const next = new Int32Array(Math.min(max, keep.length * 2));
  next.set(keep);
  return next;
}

/** Rows of `table` (all, or the candidates given) for which the predicate is true. */
export function selectWhere(pred: Expr, table: Table, ctx: ExecContext, candidates?: Int32Array): Int32Array {
  if (pred.k === 'binary' && pred.op === 'AndExpression') {
    // `and` reads null as false: a row stays only when both sides are true.
    const left = selectWhere(pred.left, table, ctx, candidates);
    return left.length === 0 ? left : selectWhere(pred.right, table, ctx, left);
  }
  const fast = stringTermSelect(pred, table, ctx) ?? numberComparisonSelect(pred, table, ctx);
  if (fast) {
    return fast(candidates);
  }
  const f = compileExpr(pred, table, ctx);
  const n = candidates ? candidates.length : table.rowCount;
  let keep = selectionBuffer(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const row = candidates ? candidates[i]! : i;
    if (f(row) === true) {
      if (count === keep.length) {
        keep = grown(keep, n);
      }
      keep[count++] = row;
    }
  }
  return keep.subarray(0, count);
}

/** A one-value column: the predicate is compiled once against it and run once per distinct value. */
class ProbeColumn implements Column {
  current: string = '';
  readonly length = 1;
  readonly type = 'string' as const;
  get(): Value {
    return this.current;
  }
  isNull(): boolean {
    return false;
  }
}

function stringTermSelect(
  pred: Expr,
  table: Table,
  ctx: ExecContext,
): ((candidates: Int32Array | undefined) => Int32Array) | undefined {
  // `Machine in (machines)`: the subquery's values are the same for every row, so it is decided per value too.
  const names = columnsRead(pred, new Set(), true);
  if (!names || names.size !== 1) {
    return undefined;
  }
  const name = [...names][0]!;
  const col = table.column(name);
  let codes: Int32Array;
  let rows: Int32Array | undefined;
  let dict: readonly string[];
  if (col instanceof StringColumn && col.type === 'string') {
    ({ codes, dict } = col);
  } else if (col instanceof LazyColumn && col.source instanceof StringColumn && col.type === 'string') {
    ({ codes, dict } = col.source);
    rows = col.rows;
  } else {
    return undefined;
  }
  const probe = new ProbeColumn();
  const f = compileExpr(pred, new Table([{ name, column: probe }], 1), ctx);
  // 0: not yet decided, 1: true, 2: not true. Slot 0 is the null/empty string (code −1).
  const memo = new Uint8Array(dict.length + 1);
  const decide = (slot: number): number => {
    probe.current = slot === 0 ? '' : dict[slot - 1]!;
    const m = f(0) === true ? 1 : 2;
    memo[slot] = m;
    return m;
  };
  const n = table.rowCount;
  return (candidates) => {
    const m = candidates ? candidates.length : n;
    if (!candidates && !rows && dict.length * 8 <= m) {
      // A whole column with few distinct values: decide them all first, then one tight loop.
      for (let slot = 0; slot <= dict.length; slot++) {
        decide(slot);
      }
      return selectByMemo(codes, memo, m, ctx);
    }
    let keep = selectionBuffer(m);
    let count = 0;
    for (let start = 0; start < m; start += CHECK_INTERVAL) {
      ctx.check();
      const end = Math.min(m, start + CHECK_INTERVAL);
      for (let i = start; i < end; i++) {
        const row = candidates ? candidates[i]! : i;
        // A row −1 of a selection is null, which reads as the empty string (slot 0).
        const r = rows ? rows[row]! : row;
        const slot = r < 0 ? 0 : codes[r]! + 1;
        let v = memo[slot]!;
        if (v === 0) {
          v = decide(slot);
        }
        if (v === 1) {
          if (count === keep.length) {
            keep = grown(keep, m);
          }
          keep[count++] = row;
        }
      }
    }
    return keep.subarray(0, count);
  };
}

/** Rows 0..m−1 whose code's slot (code + 1) is marked 1 in a fully decided memo. */
function selectByMemo(codes: Int32Array, memo: Uint8Array, m: number, ctx: ExecContext): Int32Array {
  let keep = selectionBuffer(m);
  let count = 0;
  for (let start = 0; start < m; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(m, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      if (memo[codes[i]! + 1] === 1) {
        if (count === keep.length) {
          keep = grown(keep, m);
        }
        keep[count++] = i;
      }
    }
  }
  return keep.subarray(0, count);
}

function numberComparisonSelect(
  pred: Expr,
  table: Table,
  ctx: ExecContext,
): ((candidates: Int32Array | undefined) => Int32Array) | undefined {
  if (pred.k !== 'binary' || pred.left.k !== 'column') {
    return undefined;
  }
  const right = folded(pred.right, ctx);
  const col = table.column(pred.left.name);
  if (
    right.k !== 'literal' ||
    typeof right.value !== 'number' ||
    Number.isNaN(right.value) ||
    !col ||
    col.type !== pred.left.type ||
    right.type !== pred.left.type ||
    !isNumberBacked(right.type) ||
    right.type === 'decimal'
  ) {
    return undefined;
  }
  const c = right.value;
  const numbers = numberSelection(col);
  if (!numbers) {
    return undefined;
  }
  const { values, nulls } = numbers.source;
  const rows = numbers.rows;
  const op = pred.op;
  if (!(op in COMPARE)) {
    return undefined;
  }
  const n = table.rowCount;
  return (candidates) => {
    const m = candidates ? candidates.length : n;
    if (!candidates && !rows) {
      return selectCompared(values, nulls, op, c, m, ctx);
    }
    let keep = selectionBuffer(m);
    let count = 0;
    for (let start = 0; start < m; start += CHECK_INTERVAL) {
      ctx.check();
      const end = Math.min(m, start + CHECK_INTERVAL);
      for (let i = start; i < end; i++) {
        const row = candidates ? candidates[i]! : i;
        const r = rows ? rows[row]! : row;
        // Null (a null-flagged value or a missing row of a selection) compares as null, which `where` drops.
        if (r < 0 || (nulls !== undefined && nulls[r] !== 0)) {
          continue;
        }
        const v = values[r]!;
        // One comparison per operator, chosen by a switch the optimiser hoists out of the loop.
        let ok: boolean;
        switch (op) {
          case 'EqualExpression':
            ok = v === c;
            break;
          case 'NotEqualExpression':
            ok = v !== c;
            break;
          case 'LessThanExpression':
            ok = v < c;
            break;
          case 'LessThanOrEqualExpression':
            ok = v <= c;
            break;
          case 'GreaterThanExpression':
            ok = v > c;
            break;
          default:
            ok = v >= c;
        }
        if (ok) {
          if (count === keep.length) {
            keep = grown(keep, m);
          }
          keep[count++] = row;
        }
      }
    }
    return keep.subarray(0, count);
  };
}

/** The comparison of value v with c for operator op (one of COMPARE's). */
function compared(op: string, v: number, c: number): boolean {
  switch (op) {
    case 'EqualExpression':
      return v === c;
    case 'NotEqualExpression':
      return v !== c;
    case 'LessThanExpression':
      return v < c;
    case 'LessThanOrEqualExpression':
      return v <= c;
    case 'GreaterThanExpression':
      return v > c;
    default:
      return v >= c;
  }
}

/**
 * Rows 0..m−1 of a whole number column whose non-null value compares true with c. Two passes, the
 * first only counting: a filter that keeps most rows (a time range over the data's own span) then
 * fills one exact buffer instead of doubling its way up, copying and zeroing as it grows.
 */
function selectCompared(
  values: Float64Array,
  nulls: Uint8Array | undefined,
  op: string,
  c: number,
  m: number,
  ctx: ExecContext,
): Int32Array {
  let count = 0;
  for (let start = 0; start < m; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(m, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      if ((nulls === undefined || nulls[i] === 0) && compared(op, values[i]!, c)) {
        count++;
      }
    }
  }
  const keep = new Int32Array(count);
  let k = 0;
  for (let start = 0; start < m && k < count; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(m, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      if ((nulls === undefined || nulls[i] === 0) && compared(op, values[i]!, c)) {
        keep[k++] = i;
      }
    }
  }
  return keep;
}

const COMPARE = {
  EqualExpression: true,
  NotEqualExpression: true,
  LessThanExpression: true,
  LessThanOrEqualExpression: true,
  GreaterThanExpression: true,
  GreaterThanOrEqualExpression: true,
};
