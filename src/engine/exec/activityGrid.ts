/**
 * The grid the activity plugins work on (sliding_window_counts, active_users_count,
 * activity_counts_metrics, activity_engagement, activity_metrics, session_count): the input's rows
 * placed by combination of the dimensions (a group) and bin of the timeline, each id numbered; the
 * distinct ids and rows over windows of bins; and the output read off the grid bin by bin, then by
 * group in order of first appearance — the first column the bin's start, then the group's dimension
 * values, then the plugin's own columns.
 */
import { Int64 } from '../int64';
import type { ColumnDef, Expr } from '../plan/types';
import type { Table } from '../table';
import { hashKey } from '../valueCompare';
import type { Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { type DimensionGroups, groupByDimensions, groupedOutput } from './dimensionGroups';
import { compileExpr } from './expr';
import { BYTES, chargeMemory } from './memoryBudget';
import type { TimelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

/** The columns a plugin reads: the id, the timeline and the dimensions. */
export interface ActivitySource {
  readonly id: Expr;
  readonly timeline: Expr;
  readonly dims: readonly Expr[];
}

/** The input's rows on the grid, one entry per input row. */
export interface ActivityRows {
  readonly dimensions: DimensionGroups;
  readonly count: number;
  /** The row's group (see DimensionGroups). */
  readonly group: Int32Array;
  /** The row's bin on the axis (negative before the first output bin), NaN for a null time. */
  readonly bin: Float64Array;
  /** The row's time as a number, NaN for a null time. */
  readonly time: Float64Array;
  /** The row's id, numbered from 0 in order of first appearance; −1 for a null id. */
  readonly id: Int32Array;
  /** How many distinct non-null ids there are. */
  readonly ids: number;
}

export function placeRows(
  source: ActivitySource,
  axis: Pick<TimelineAxis, 'indexOf'>,
  input: Table,
  ctx: ExecContext,
  what: string,
): ActivityRows {
  const dimensions = groupByDimensions(source.dims, input, ctx);
  const n = input.rowCount;
  chargeMemory(n * (3 * BYTES.slot + BYTES.boxed), what);
  const bin = new Float64Array(n);
  const time = new Float64Array(n);
  const id = new Int32Array(n);
  const numbers = new Map<string | number, number>();
  const timeOf = compileExpr(source.timeline, input, ctx);
  const idOf = compileExpr(source.id, input, ctx);
  for (let r = 0; r < n; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const t = timeOf(r);
    const k = typeof t === 'number' || t instanceof Int64 ? axis.indexOf(t) : null;
    bin[r] = k ?? Number.NaN;
    time[r] = k === null ? Number.NaN : Number(t);
    const v = idOf(r);
    if (v === null || v === undefined) {
      id[r] = -1;
      continue;
    }
    const key = hashKey(v, source.id.type);
    let number = numbers.get(key);
    if (number === undefined) {
      number = numbers.size;
      numbers.set(key, number);
    }
    id[r] = number;
  }
  return { dimensions, count: n, group: dimensions.groupOf, bin, time, id, ids: numbers.size };
}

/**
 * Per cell (group g, bin k) at g * bins + k: the rows (`distinct` false) or distinct non-null ids
 * (`distinct` true) of the rows `take` keeps whose bin is one of the `windowBins` bins ending with k.
 * Rows before the first bin count in the bins their window reaches. Counts are difference arrays over
 * the bins (+1 at a row's bin, −1 past its window); distinct ids merge each id's windows into
 * intervals first, so an id counts once per bin.
 */
export function countInWindows(
  rows: ActivityRows,
  take: (r: number) => boolean,
  windowBins: number,
  bins: number,
  distinct: boolean,
  ctx: ExecContext,
  what: string,
): Float64Array {
  const groups = rows.dimensions.groups;
  const stride = bins + 1;
  chargeMemory(groups * (stride + bins) * BYTES.slot, what);
  const diff = new Float64Array(groups * stride);
  const kept: number[] = [];
  for (let r = 0; r < rows.count; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const b = rows.bin[r]!;
    if (Number.isNaN(b) || b >= bins || b + windowBins <= 0 || !take(r)) {
      continue;
    }
    if (!distinct) {
      const base = rows.group[r]! * stride;
      diff[base + Math.max(0, b)]! += 1;
      diff[base + Math.min(bins, b + windowBins)]! -= 1;
    } else if (rows.id[r]! >= 0) {
      kept.push(r);
    }
  }
  if (distinct) {
    chargeMemory(kept.length * BYTES.slot, what);
    addDistinctWindows(rows, kept, windowBins, bins, diff, ctx);
  }
  const cells = new Float64Array(groups * bins);
  for (let g = 0; g < groups; g++) {
    let running = 0;
    for (let k = 0; k < bins; k++) {
      running += diff[g * stride + k]!;
      cells[g * bins + k] = running;
    }
  }
  return cells;
}

/**
 * Per (group, id), the union of its rows' windows [b, b + windowBins) clipped to the output bins,
 * added to the group's difference array once: sorted by group, id and bin, each run merges as it goes.
 */
function addDistinctWindows(
  rows: ActivityRows,
  kept: number[],
  windowBins: number,
  bins: number,
  diff: Float64Array,
  ctx: ExecContext,
): void {
  const { group, id, bin } = rows;
  kept.sort((a, b) => group[a]! - group[b]! || id[a]! - id[b]! || bin[a]! - bin[b]!);
  ctx.check();
  const stride = bins + 1;
  let from = 0;
  let to = -1;
  let runGroup = -1;
  let runId = -1;
  const close = (): void => {
    if (to > from) {
      diff[runGroup * stride + from]! += 1;
      diff[runGroup * stride + to]! -= 1;
    }
  };
  for (const r of kept) {
    const lo = Math.max(0, bin[r]!);
    const hi = Math.min(bins, bin[r]! + windowBins);
    if (group[r] === runGroup && id[r] === runId && lo <= to) {
      to = Math.max(to, hi);
      continue;
    }
    close();
    runGroup = group[r]!;
    runId = id[r]!;
    from = lo;
    to = hi;
  }
  close();
}

/**
 * Calls `visit` once per (group, non-null id) among the rows `take` keeps that have a bin, with the
 * distinct bins of those rows in ascending order (negative ones, before the first output bin,
 * included).
 */
export function forEachIdBins(
  rows: ActivityRows,
  take: (r: number) => boolean,
  ctx: ExecContext,
  what: string,
  visit: (group: number, bins: readonly number[]) => void,
): void {
  const { group, id, bin } = rows;
  const kept: number[] = [];
  for (let r = 0; r < rows.count; r++) {
    if (id[r]! >= 0 && !Number.isNaN(bin[r]!) && take(r)) {
      kept.push(r);
    }
  }
  chargeMemory(kept.length * BYTES.slot, what);
  kept.sort((a, b) => group[a]! - group[b]! || id[a]! - id[b]! || bin[a]! - bin[b]!);
  ctx.check();
  let held: number[] = [];
  for (let i = 0; i < kept.length; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const r = kept[i]!;
    if (held.length === 0 || held[held.length - 1] !== bin[r]) {
      held.push(bin[r]!);
    }
    const next = kept[i + 1];
    if (next === undefined || group[next] !== group[r] || id[next] !== id[r]) {
      visit(group[r]!, held);
      held = [];
    }
  }
}

/**
 * The output: `cell` is asked for every (bin k, group g), bin by bin and within a bin by group, and
 * each answer that is not undefined becomes a row of the bin's start, the group's dimension values
 * and the answer's values.
 */
export function gridOutput(
  schema: readonly ColumnDef[],
  dimensions: DimensionGroups,
  dimensionCount: number,
  axis: Pick<TimelineAxis, 'valueAt' | 'bins'>,
  ctx: ExecContext,
  what: string,
  cell: (k: number, g: number) => readonly Value[] | undefined,
): Table {
  const starts: Value[] = [];
  const rowGroups: number[] = [];
  const rest: Value[][] = Array.from({ length: schema.length - dimensionCount - 1 }, () => []);
  for (let k = 0; k < axis.bins; k++) {
    if ((k & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (let g = 0; g < dimensions.groups; g++) {
      const values = cell(k, g);
      if (values !== undefined) {
        starts.push(axis.valueAt(k));
        rowGroups.push(g);
        values.forEach((v, i) => {
          rest[i]!.push(v);
        });
      }
    }
  }
  chargeMemory(starts.length * schema.length * BYTES.boxed, what);
  return groupedOutput(schema, starts, rowGroups, dimensions, dimensionCount, rest);
}
