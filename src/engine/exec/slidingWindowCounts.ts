/**
 * evaluate sliding_window_counts: for each bin from Start to End (bins of Bin, counted from Start), and each combination of the dimensions, Count is the rows and
 * Dcount the distinct non-null ids whose bin is one of the last ⌊LookbackWindow / Bin⌋ bins (at least
 * one) up to it — the reference's sliding-window technique, which spreads each row over the bins
 * after its own. Rows before Start still count in the bins their window reaches; rows with a null
 * time count nowhere. A bin with no rows in its window gives no row, as summarize would; rows come
 * by bin, then by dimensions in order of first appearance.
 *
 * Counts are difference arrays over the bins (a row adds +1 at its bin and −1 past its window's
 * end); distinct ids merge each id's windows into intervals first, so an id counts once per bin.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import { hashKey } from '../valueCompare';
import type { Value } from '../values';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { type DimensionGroups, groupByDimensions, groupedOutput } from './dimensionGroups';
import { compileExpr } from './expr';
import { BYTES, chargeMemory } from './memoryBudget';
import { type TimelineAxis, timelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'sliding_window_counts';
const WHAT = `evaluate ${PLUGIN}`;

type SlidingPlan = Extract<Plan, { k: 'slidingWindowCounts' }>;

export function runSlidingWindowCounts(plan: SlidingPlan, input: Table, ctx: ExecContext): Table {
  const axis = timelineAxis(PLUGIN, plan.timeline.type, plan.start, plan.end, plan.bin, ctx);
  const lookback = Number(constantArgument(plan.lookback, PLUGIN, 'LookbackWindow', ctx));
  if (lookback < 0) {
    throw ctx.errors.at(plan.lookback.span, 'KQL-ARGUMENT', 'sliding_window_counts: LookbackWindow is 0 or more.');
  }
  // The lookback is rounded down to whole bins; a window shorter than a bin still holds the row's own.
  const windowBins = Math.max(1, Math.floor(lookback / axis.stepNumber));
  const bins = axis.bins;

  const dimensions = groupByDimensions(plan.dims, input, ctx);
  const { groupOf, groups } = dimensions;
  const stride = bins + 1;
  chargeMemory(groups * stride * 2 * BYTES.slot, WHAT);
  const counts = new Float64Array(groups * stride);
  const distinct = new Float64Array(groups * stride);

  const timeOf = compileExpr(plan.timeline, input, ctx);
  const idOf = compileExpr(plan.id, input, ctx);
  // Rows with an id whose window reaches an output bin, for the distinct counts: (group, id, bin).
  const ids = new Map<string | number, number>();
  const withId: number[] = [];
  const idNumbers: number[] = [];
  const rowBins: number[] = [];
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const b = axis.indexOf(timeOf(r));
    if (b === null || b >= bins || b + windowBins <= 0) {
      continue;
    }
    const base = groupOf[r]! * stride;
    counts[base + Math.max(0, b)]! += 1;
    counts[base + Math.min(bins, b + windowBins)]! -= 1;
    const id = idOf(r);
    if (id === null || id === undefined) {
      continue;
    }
    const key = hashKey(id, plan.id.type);
    let n = ids.get(key);
    if (n === undefined) {
      n = ids.size;
      ids.set(key, n);
    }
    withId.push(r);
    idNumbers.push(n);
    rowBins.push(b);
  }
  chargeMemory(withId.length * 4 * BYTES.slot, WHAT);
  addDistinctWindows(withId, idNumbers, rowBins, groupOf, windowBins, bins, distinct, ctx);
  return output(plan, axis, counts, distinct, bins, dimensions, ctx);
}

/**
 * Per (group, id), the union of its rows' windows [b, b + windowBins) clipped to the output bins,
 * added to the group's difference array once: sorted by group, id and bin, each run merges as it goes.
 */
function addDistinctWindows(
  rows: number[],
  idNumbers: number[],
  rowBins: number[],
  groupOf: Int32Array,
  windowBins: number,
  bins: number,
  distinct: Float64Array,
  ctx: ExecContext,
): void {
  const order = Array.from(rows.keys());
  const groupAt = (i: number): number => groupOf[rows[i]!]!;
  order.sort((a, b) => groupAt(a) - groupAt(b) || idNumbers[a]! - idNumbers[b]! || rowBins[a]! - rowBins[b]!);
  ctx.check();
  const stride = bins + 1;
  let from = 0;
  let to = -1;
  let run = -1;
  let base = 0;
  const close = (): void => {
    if (to > from) {
      distinct[base + from]! += 1;
      distinct[base + to]! -= 1;
    }
  };
  for (const i of order) {
    const runKey = groupAt(i) * (idNumbers.length + 1) + idNumbers[i]!;
    const lo = Math.max(0, rowBins[i]!);
    const hi = Math.min(bins, rowBins[i]! + windowBins);
    if (runKey === run && lo <= to) {
      to = Math.max(to, hi);
      continue;
    }
    close();
    run = runKey;
    base = groupAt(i) * stride;
    from = lo;
    to = hi;
  }
  close();
}

function output(
  plan: SlidingPlan,
  axis: TimelineAxis,
  counts: Float64Array,
  distinct: Float64Array,
  bins: number,
  dimensions: DimensionGroups,
  ctx: ExecContext,
): Table {
  const groups = dimensions.groups;
  const stride = bins + 1;
  const running = new Float64Array(groups);
  const runningDistinct = new Float64Array(groups);
  const times: Value[] = [];
  const groupOfRow: number[] = [];
  const countValues: Value[] = [];
  const distinctValues: Value[] = [];
  for (let k = 0; k < bins; k++) {
    if ((k & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (let g = 0; g < groups; g++) {
      running[g]! += counts[g * stride + k]!;
      runningDistinct[g]! += distinct[g * stride + k]!;
      if (running[g]! > 0) {
        times.push(axis.valueAt(k));
        groupOfRow.push(g);
        countValues.push(running[g]!);
        distinctValues.push(runningDistinct[g]!);
      }
    }
  }
  chargeMemory(times.length * (plan.dims.length + 3) * BYTES.boxed, WHAT);
  return groupedOutput(plan.schema, times, groupOfRow, dimensions, plan.dims.length, [countValues, distinctValues]);
}
