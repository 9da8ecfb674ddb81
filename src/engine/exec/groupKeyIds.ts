/**
 * The ids summarize groups rows by, one key at a time: each key's values numbered densely (0 to its
 * cardinality − 1) by the cheapest route its column allows — a string column's own dictionary codes,
 * a small integer range, a `bin` of a number column — else a hash map (a key computed from other keys is
 * grouped in summarize.ts, which groups by the columns it reads). summarize.ts combines the per-key ids
 * into group ids.
 */
import { type Column, numberRange, StringColumn } from '../column';
import { scalarFunction } from '../functions';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import { hashKey } from '../valueCompare';
import { Int64, isNumberBacked, type KqlType } from '../values';
import { bucketStepOf } from './callKernels';
import type { Evaluator } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { LazyColumn, numberSelection } from './lazy';
import { BYTES, chargeMemory } from './memoryBudget';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

/** Dense ids of one key, from 0 to cardinality − 1: the id of row i is ids[i] + offset. */
export interface KeyIds {
  readonly ids: Int32Array;
  readonly cardinality: number;
  /** 1 when `ids` are a string column's own codes (−1 for '' or null), read without a copy. */
  readonly offset?: number;
}

/** Charges the budget for distinct keys 4096 at a time, as the key numbered `id` is made. */
export function chargeGroup(id: number): void {
  if ((id & 4095) === 0) {
    chargeMemory(4096 * BYTES.group, 'summarize');
  }
}

/**
 * Dense ids per key: a string column's dictionary codes as they are, other keys numbered in order of
 * first appearance through a hash map of their values.
 */
export function keyIds(
  keyFn: Evaluator,
  type: KqlType,
  column: Column | undefined,
  n: number,
  ctx: ExecContext,
  keepNegativeZero = false,
): KeyIds {
  if (column instanceof LazyColumn && column.source instanceof StringColumn && column.type === 'string') {
    // A selection of a string column: codes through the row index (row -1 is '', the same id as code -1).
    const ids = new Int32Array(n);
    const codes = column.source.codes;
    const rows = column.rows;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      ids[i] = r < 0 ? 0 : codes[r]! + 1;
    }
    return { ids, cardinality: column.source.dict.length + 1 };
  }
  if (column instanceof StringColumn) {
    return { ids: column.codes, cardinality: column.dict.length + 1, offset: 1 };
  }
  if (isNumberBacked(type) && type !== 'decimal') {
    return (!keepNegativeZero && integerKeyIds(column, type, n, ctx)) || numberKeyIds(keyFn, n, ctx, keepNegativeZero);
  }
  const ids = new Int32Array(n);
  const seen = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const key = hashKey(keyFn(i), type);
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      chargeGroup(id);
      seen.set(key, id);
    }
    ids[i] = id;
  }
  return { ids, cardinality: Math.max(1, seen.size) };
}

/**
 * An int or long column whose values span few integers (hourofday, a port, a count): the value minus
 * the smallest is the id (0 for null), one typed pass and no hashing. Declines a span over 2^20 or a
 * value that is not an integer.
 */
function integerKeyIds(column: Column | undefined, type: KqlType, n: number, ctx: ExecContext): KeyIds | undefined {
  const numbers = numberSelection(column);
  if ((type !== 'int' && type !== 'long') || !numbers) {
    return undefined;
  }
  const { source, rows } = numbers;
  const { values, nulls } = source;
  const range = rows ? numberRange(values, nulls, rows) : source.range();
  if (range?.hasNaN || (range && !(range.max - range.min < 1 << 20))) {
    return undefined;
  }
  const base = range ? range.min - 1 : 0;
  const ids = new Int32Array(n);
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = rows ? rows[i]! : i;
      if (r < 0 || (nulls !== undefined && nulls[r] !== 0)) {
        continue;
      }
      const id = values[r]! - base;
      if (id !== Math.floor(id)) {
        return undefined;
      }
      ids[i] = id;
    }
  }
  return { ids, cardinality: range ? range.max - range.min + 2 : 1 };
}

/**
 * Numeric keys straight into a Map of numbers (SameValueZero groups NaN with NaN and -0 with 0, as
 * hashKey does), with the previous row's key remembered: sorted or binned keys repeat in runs.
 */
function numberKeyIds(keyFn: Evaluator, n: number, ctx: ExecContext, keepNegativeZero = false): KeyIds {
  const ids = new Int32Array(n);
  const seen = new Map<number, number>();
  const bigSeen = new Map<bigint, number>();
  let nullId = -1;
  let negativeZeroId = -1;
  let next = 0;
  let last = Number.NaN;
  let lastId = -1;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const v = keyFn(i);
    if (v instanceof Int64) {
      // A long past 2^53: keyed by its exact value (two such longs may share their nearest double).
      let id = bigSeen.get(v.big);
      if (id === undefined) {
        id = next++;
        chargeGroup(id);
        bigSeen.set(v.big, id);
      }
      ids[i] = id;
      continue;
    }
    if (typeof v !== 'number') {
      if (nullId < 0) {
        nullId = next++;
      }
      ids[i] = nullId;
      continue;
    }
    if (v === last && v !== 0) {
      ids[i] = lastId;
      continue;
    }
    if (keepNegativeZero && v === 0 && 1 / v < 0) {
      if (negativeZeroId < 0) {
        negativeZeroId = next++;
      }
      ids[i] = negativeZeroId;
      continue;
    }
    let id = seen.get(v);
    if (id === undefined) {
      id = next++;
      chargeGroup(id);
      seen.set(v, id);
    }
    ids[i] = id;
    last = v;
    lastId = id;
  }
  return { ids, cardinality: Math.max(1, next) };
}

/**
 * A bucketing call (bin(Column, step) with a constant step: its definition's bucketStep), where the binned values span few buckets: the bucket
 * number itself is the id (0 for null), one typed pass and no hashing. Buckets stay below 2^50, so
 * distinct buckets are distinct binned values (the step is far above the rounding error of bucket × step).
 * The bucket range comes from the column's cached range, or for a selection from a first pass.
 */
export function binKeyIds(expr: Expr, input: Table, ctx: ExecContext): KeyIds | undefined {
  const step = expr.k === 'call' ? bucketStepOf(scalarFunction(expr.name), expr) : undefined;
  if (step === undefined || expr.k !== 'call') {
    return undefined;
  }
  const arg = expr.args[0]!;
  const col = arg.k === 'column' ? input.column(arg.name) : undefined;
  if (!col || col.type !== arg.type) {
    return undefined;
  }
  const numbers = numberSelection(col);
  if (!numbers) {
    return undefined;
  }
  const { source, rows } = numbers;
  const values = source.values;
  const nulls = source.nulls;
  const n = input.rowCount;
  // A selection's values lie within its column's range: when that range spans few buckets it serves
  // (the table only gets a few unused slots), and the selection needs no pass of its own.
  const whole = source.range();
  const wholeFits =
    whole !== null && !whole.hasNaN && Math.floor(whole.max / step) - Math.floor(whole.min / step) < 1 << 12;
  const range = rows && !wholeFits ? numberRange(values, nulls, rows) : whole;
  if (range?.hasNaN) {
    // NaN is a key of its own, unlike null: the general path handles it.
    return undefined;
  }
  const lo = range ? Math.floor(range.min / step) : 0;
  const hi = range ? Math.floor(range.max / step) : 0;
  if (!(hi - lo < 1 << 20) || Math.max(Math.abs(lo), Math.abs(hi)) >= 2 ** 50) {
    return undefined;
  }
  const ids = new Int32Array(n);
  const base = lo - 1;
  for (let start = 0; start < n; start += CHECK_INTERVAL) {
    ctx.check();
    const end = Math.min(n, start + CHECK_INTERVAL);
    for (let i = start; i < end; i++) {
      const r = rows ? rows[i]! : i;
      ids[i] = r < 0 || (nulls !== undefined && nulls[r] !== 0) ? 0 : Math.floor(values[r]! / step) - base;
    }
  }
  return { ids, cardinality: hi - lo + 2 };
}
