/**
 * Typed loops for the commonest aggregates (count, countif, sum, min, max, dcount over numbers): all
 * groups in one pass over typed arrays instead of a step() call per row. Groups that see no value take
 * the aggregate's own result for an empty state (`rows.empty`), so both paths give the same answers.
 * Each fold is attached to its function's definition in aggregates.ts.
 */
import type { NumberColumn } from '../column';
import { Int64, isNumberBacked, isNumericType, type Value } from '../values';
import { type AggregateShape, CHECK_INTERVAL as CHECK_EVERY, type GroupedRows, type TypedFold } from './types';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type Extreme = 'sum' | 'min' | 'max';

/** count() and countif(p): rows (whose predicate is true) per group. */
function countFold(call: AggregateShape): TypedFold | undefined {
  const predicate = call.argTypes.length === 1 && call.argTypes[0] === 'bool';
  if (call.outputTypes.length !== 1 || !(call.argTypes.length === 0 || predicate)) {
    return undefined;
  }
  return (rows) => {
    const { groupOf, groupCount, n } = rows;
    const counts = new Float64Array(groupCount);
    const pred = predicate ? rows.args[0] : undefined;
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        rows.check();
      }
      if (!pred || pred(i) === true) {
        const g = groupOf[i]!;
        counts[g] = counts[g]! + 1;
      }
    }
    const out: Value[] = new Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      out[g] = counts[g]!;
    }
    return out;
  };
}

/** count() only: countif's predicate argument is not a row count. */
export function countAllFold(call: AggregateShape): TypedFold | undefined {
  return call.argTypes.length === 0 ? countFold(call) : undefined;
}

/** countif(p) only. */
export function countIfFold(call: AggregateShape): TypedFold | undefined {
  return call.argTypes.length === 1 ? countFold(call) : undefined;
}

/** sum, min and max of one plain number argument into a plain number result. */
export function extremeFold(kind: Extreme): (call: AggregateShape) => TypedFold | undefined {
  return (call) => {
    const t = call.argTypes[0];
    const out = call.outputTypes[0];
    if (
      call.argTypes.length !== 1 ||
      call.outputTypes.length !== 1 ||
      t === undefined ||
      out === undefined ||
      !isNumericType(t) ||
      t === 'decimal' ||
      !isNumericType(out)
    ) {
      return undefined;
    }
    // A long sum that leaves ±(2^53−1) is no longer exact in a double: step() redoes it in BigInt.
    const exactSum = kind === 'sum' && out === 'long';
    return (rows) => {
      // A NaN in a sum gives undefined: the library decides what it means.
      const state = rows.numbers ? foldColumn(kind, rows, exactSum) : foldEvaluated(kind, rows);
      if (!state || (exactSum && state.unsafe)) {
        return undefined;
      }
      const values: Value[] = new Array(rows.groupCount);
      for (let g = 0; g < rows.groupCount; g++) {
        values[g] = state.seen[g] ? state.acc[g]! : rows.empty;
      }
      return values;
    };
  };
}

/**
 * sum/min/max per group over a number column's values read in place (row −1 of a selection and
 * null-flagged values are skipped, NaN is skipped by min and max); undefined when a sum meets a NaN.
 */
function foldColumn(kind: Extreme, rows: GroupedRows, exactSum: boolean): FoldState | undefined {
  const { groupOf, groupCount, n } = rows;
  // A sum whose overflow does not matter (a real result) or cannot happen needs no check per add.
  if (kind === 'sum' && (!exactSum || sumsStaySafe(rows.numbers!.source, n))) {
    return sumSafeColumn(rows);
  }
  const { values, nulls } = rows.numbers!.source;
  const selection = rows.numbers!.rows;
  const acc = new Float64Array(groupCount);
  const seen = new Uint8Array(groupCount);
  const isSum = kind === 'sum';
  const isMin = kind === 'min';
  let unsafe = false;
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    rows.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = selection ? selection[i]! : i;
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
        const t = acc[g]! + v;
        acc[g] = t;
        if (!(t <= MAX_SAFE && t >= -MAX_SAFE)) {
          unsafe = true;
        }
      } else if (isMin ? v < acc[g]! : v > acc[g]!) {
        acc[g] = v;
      }
    }
  }
  return { acc, seen, unsafe };
}

/**
 * sum where no partial sum can leave ±(2^53−1) (sumsStaySafe) or where leaving it does not matter:
 * foldColumn's loop without the range check per add, which was the fold's main cost on long columns such as BytesSent.
 */
function sumSafeColumn(rows: GroupedRows): FoldState | undefined {
  const { groupOf, groupCount, n } = rows;
  const { values, nulls } = rows.numbers!.source;
  const selection = rows.numbers!.rows;
  const acc = new Float64Array(groupCount);
  const seen = new Uint8Array(groupCount);
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    rows.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = selection ? selection[i]! : i;
      if (r < 0 || (nulls !== undefined && nulls[r] !== 0)) {
        continue;
      }
      const v = values[r]!;
      if (v !== v) {
        return undefined;
      }
      const g = groupOf[i]!;
      if (seen[g] === 0) {
        // Set, not added to 0: a lone -0 stays -0, as in foldColumn.
        seen[g] = 1;
        acc[g] = v;
      } else {
        acc[g] = acc[g]! + v;
      }
    }
  }
  return { acc, seen, unsafe: false };
}

/** Whether n values of the column (any n of its rows) sum within ±(2^53−1) at every step. */
function sumsStaySafe(source: NumberColumn, n: number): boolean {
  const range = source.range();
  return range === null || Math.max(Math.abs(range.min), Math.abs(range.max)) * n <= MAX_SAFE;
}

/** The same over the argument's evaluator, for a computed argument. */
function foldEvaluated(kind: Extreme, rows: GroupedRows): FoldState | undefined {
  const { groupOf, groupCount, n } = rows;
  const acc = new Float64Array(groupCount);
  const seen = new Uint8Array(groupCount);
  const arg = rows.args[0]!;
  let unsafe = false;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      rows.check();
    }
    const v = arg(i);
    if (v instanceof Int64) {
      // A long past 2^53: step() compares and adds it exactly.
      return undefined;
    }
    if (typeof v !== 'number' || Number.isNaN(v)) {
      if (typeof v === 'number' && kind === 'sum') {
        return undefined;
      }
      continue;
    }
    const g = groupOf[i]!;
    if (!seen[g]) {
      seen[g] = 1;
      acc[g] = v;
    } else if (kind === 'sum') {
      const t = acc[g]! + v;
      acc[g] = t;
      if (!(t <= MAX_SAFE && t >= -MAX_SAFE)) {
        unsafe = true;
      }
    } else if (kind === 'min' ? v < acc[g]! : v > acc[g]!) {
      acc[g] = v;
    }
  }
  return { acc, seen, unsafe };
}

interface FoldState {
  readonly acc: Float64Array;
  readonly seen: Uint8Array;
  /** A sum left ±(2^53−1) somewhere, so a long result may have lost digits. */
  readonly unsafe: boolean;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * dcount(x[, accuracy]) over numbers: a Set of the numbers themselves, with no key text per row
 * (SameValueZero treats NaN and -0 as the library's hashKey does); for an int or long column whose
 * values span few integers, a bitmap per group.
 */
export function distinctNumbersFold(call: AggregateShape): TypedFold | undefined {
  const t = call.argTypes[0];
  if (
    call.argTypes.length < 1 ||
    call.outputTypes.length !== 1 ||
    t === undefined ||
    !isNumberBacked(t) ||
    t === 'decimal'
  ) {
    return undefined;
  }
  return (rows) => {
    const { groupOf, groupCount, n } = rows;
    const out: Value[] = new Array(groupCount);
    const numbers = rows.numbers;
    if (numbers && (numbers.source.type === 'int' || numbers.source.type === 'long')) {
      const counts = distinctSmallIntegers(numbers.source, numbers.rows, rows);
      if (counts) {
        for (let g = 0; g < groupCount; g++) {
          out[g] = counts[g]! > 0 ? counts[g]! : rows.empty;
        }
        return out;
      }
    }
    // A long past 2^53 goes in as its exact BigInt: a Set tells bigints apart by value, and no bigint equals a number.
    const sets: (Set<number | bigint> | undefined)[] = new Array(groupCount);
    const arg = rows.args[0]!;
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        rows.check();
      }
      const v = arg(i);
      if (typeof v === 'number' || v instanceof Int64) {
        const g = groupOf[i]!;
        (sets[g] ??= new Set()).add(typeof v === 'number' ? v : v.big);
      }
    }
    for (let g = 0; g < groupCount; g++) {
      out[g] = sets[g]?.size ?? rows.empty;
    }
    return out;
  };
}

/** Above this many group × value cells, dcount keeps its sets. */
const DISTINCT_BITMAP_CELLS = 1 << 24;

/**
 * dcount of an int or long column whose values span few integers: one bit per group and value
 * (a byte here), set once, counted as it is set. Undefined when the span is too wide.
 */
function distinctSmallIntegers(
  source: NumberColumn,
  selection: Int32Array | undefined,
  rows: GroupedRows,
): Float64Array | undefined {
  const { groupOf, groupCount, n } = rows;
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
    rows.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = selection ? selection[i]! : i;
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
