/**
 * Typed-array loops for the commonest aggregates (count, countif, sum, min, max over numbers), used
 * instead of the per-row step() calls of the function library. Groups that see no value take the
 * library's own result for an empty state, so both paths give the same answers.
 */
import type { AggregateImpl } from '../functions';
import { isNumberBacked, isNumericType, type Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import type { Evaluator } from './expr';
import type { AggregateCall } from '../plan/types';
import type { Column, NumberColumn } from '../column';
import { numberSelection } from './lazy';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

const FAST = new Set(['count', 'countif', 'sum', 'min', 'max', 'dcount']);

export function canRunFast(call: AggregateCall): boolean {
  if (!FAST.has(call.name) || call.outputs.length !== 1) {
    return false;
  }
  if (call.name === 'count') {
    return call.args.length === 0;
  }
  if (call.name === 'dcount') {
    // dcount(x[, accuracy]) over numbers: a Set of the numbers themselves, with no key text per row
    // (SameValueZero treats NaN and -0 as the library's hashKey does).
    const t = call.args[0]?.type;
    return call.args.length >= 1 && t !== undefined && isNumberBacked(t) && t !== 'decimal';
  }
  if (call.name === 'countif') {
    return call.args.length === 1 && call.args[0]!.type === 'bool';
  }
  return call.args.length === 1 && isNumericType(call.args[0]!.type) && call.args[0]!.type !== 'decimal' && isNumericType(call.outputs[0]!.type);
}

/**
 * `column`: the argument when it is a plain column of the input; sum, min and max then read its typed
 * array straight (through a selection's row numbers) instead of calling its evaluator per row.
 */
export function runFast(call: AggregateCall, impl: AggregateImpl, args: readonly Evaluator[], groupOf: Int32Array, groupCount: number, n: number, ctx: ExecContext, column?: Column): Value[] {
  const empty = impl.result(impl.init()) as Value;
  const out: Value[] = new Array(groupCount);
  const numbers = numberSelection(column);
  if (numbers && (call.name === 'sum' || call.name === 'min' || call.name === 'max')) {
    const state = foldNumbers(call.name, numbers.source.values, numbers.source.nulls, numbers.rows, groupOf, groupCount, n, ctx);
    if (state) {
      for (let g = 0; g < groupCount; g++) {
        out[g] = state.seen[g] ? state.acc[g]! : empty;
      }
      return out;
    }
    // A NaN in a sum: the library decides what it means.
    return slowPath(impl, args, groupOf, groupCount, n);
  }
  if (call.name === 'count' || call.name === 'countif') {
    const counts = new Float64Array(groupCount);
    const pred = args[0];
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      if (!pred || pred(i) === true) {
        const g = groupOf[i]!;
        counts[g] = counts[g]! + 1;
      }
    }
    for (let g = 0; g < groupCount; g++) {
      out[g] = counts[g]!;
    }
    return out;
  }
  if (call.name === 'dcount' && numbers && (numbers.source.type === 'int' || numbers.source.type === 'long')) {
    const counts = distinctSmallIntegers(numbers.source, numbers.rows, groupOf, groupCount, n, ctx);
    if (counts) {
      for (let g = 0; g < groupCount; g++) {
        out[g] = counts[g]! > 0 ? counts[g]! : empty;
      }
      return out;
    }
  }
  if (call.name === 'dcount') {
    const sets: (Set<number> | undefined)[] = new Array(groupCount);
    const arg = args[0]!;
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      const v = arg(i);
      if (typeof v === 'number') {
        const g = groupOf[i]!;
        (sets[g] ??= new Set()).add(v);
      }
    }
    for (let g = 0; g < groupCount; g++) {
      out[g] = sets[g]?.size ?? empty;
    }
    return out;
  }
  const acc = new Float64Array(groupCount);
  const seen = new Uint8Array(groupCount);
  const arg = args[0]!;
  const kind = call.name;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const v = arg(i);
    if (typeof v !== 'number' || Number.isNaN(v)) {
      if (typeof v === 'number' && kind === 'sum') {
        return slowPath(impl, args, groupOf, groupCount, n);
      }
      continue;
    }
    const g = groupOf[i]!;
    if (!seen[g]) {
      seen[g] = 1;
      acc[g] = v;
    } else if (kind === 'sum') {
      acc[g] = acc[g]! + v;
    } else if (kind === 'min' ? v < acc[g]! : v > acc[g]!) {
      acc[g] = v;
    }
  }
  for (let g = 0; g < groupCount; g++) {
    out[g] = seen[g] ? acc[g]! : empty;
  }
  return out;
}

/**
 * sum/min/max per group over a number column's values (row −1 of a selection and null-flagged values
 * are skipped, NaN is skipped by min and max); undefined when a sum meets a NaN.
 */
function foldNumbers(kind: 'sum' | 'min' | 'max', values: Float64Array, nulls: Uint8Array | undefined, rows: Int32Array | undefined, groupOf: Int32Array, groupCount: number, n: number, ctx: ExecContext): { acc: Float64Array; seen: Uint8Array } | undefined {
  const acc = new Float64Array(groupCount);
  const seen = new Uint8Array(groupCount);
  const isSum = kind === 'sum';
  const isMin = kind === 'min';
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = rows ? rows[i]! : i;
      if (r < 0 || (nulls !== undefined && nulls[r] !== 0)) {
        continue;
      }
      const v = values[r]!;
      if (v !== v) {
        if (isSum) {
          return undefined;
        }
        continue;
      }
      const g = groupOf[i]!;
      if (seen[g] === 0) {
        seen[g] = 1;
        acc[g] = v;
      } else if (isSum) {
        acc[g] = acc[g]! + v;
      } else if (isMin ? v < acc[g]! : v > acc[g]!) {
        acc[g] = v;
      }
    }
  }
  return { acc, seen };
}

/** Above this many group × value cells, dcount keeps its sets. */
const DISTINCT_BITMAP_CELLS = 1 << 24;

/**
 * dcount of an int or long column whose values span few integers: one bit per group and value
 * (a byte here), set once, counted as it is set. Undefined when the span is too wide.
 */
function distinctSmallIntegers(source: NumberColumn, rows: Int32Array | undefined, groupOf: Int32Array, groupCount: number, n: number, ctx: ExecContext): Float64Array | undefined {
  const range = source.range();
  if (range === null) {
    return new Float64Array(groupCount);
  }
  const span = range.max - range.min + 1;
  if (range.hasNaN || !(span * groupCount <= DISTINCT_BITMAP_CELLS)) {
    return undefined;
  }
  const { values, nulls } = source;
  const min = range.min;
  const seen = new Uint8Array(span * groupCount);
  const counts = new Float64Array(groupCount);
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = rows ? rows[i]! : i;
      if (r < 0 || (nulls !== undefined && nulls[r] !== 0)) {
        continue;
      }
      const g = groupOf[i]!;
      const cell = g * span + (values[r]! - min);
      if (seen[cell] === 0) {
        seen[cell] = 1;
        counts[g] = counts[g]! + 1;
      }
    }
  }
  return counts;
}

/** NaN in a sum: the library decides what it means. */
function slowPath(impl: AggregateImpl, args: readonly Evaluator[], groupOf: Int32Array, groupCount: number, n: number): Value[] {
  const states: unknown[] = Array.from({ length: groupCount }, () => impl.init());
  const values: Value[] = [null];
  for (let i = 0; i < n; i++) {
    values[0] = args[0]!(i);
    const g = groupOf[i]!;
    states[g] = impl.step(states[g], values);
  }
  return states.map((s) => impl.result(s) as Value);
}
