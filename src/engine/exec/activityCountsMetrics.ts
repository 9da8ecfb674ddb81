/**
 * evaluate activity_counts_metrics: the rows from Start to End are binned by Window from Start (bins
 * as sliding_window_counts makes them); for each bin holding rows and each combination of the
 * dimensions, count is the rows, dcount the distinct ids, new_dcount the ids that no earlier bin of
 * the combination held, and aggregated_dcount the distinct ids from the first bin to this one. Rows
 * outside Start…End are outside the analysis: they neither count nor make an id "seen before". Null
 * ids count as rows only. Rows come by bin, then by dimensions in order of first appearance.
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
import { timelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'activity_counts_metrics';
const WHAT = `evaluate ${PLUGIN}`;

type MetricsPlan = Extract<Plan, { k: 'activityCountsMetrics' }>;

export function runActivityCountsMetrics(plan: MetricsPlan, input: Table, ctx: ExecContext): Table {
  const axis = timelineAxis(PLUGIN, plan.timeline.type, plan.start, plan.end, plan.window, ctx, 'Window');
  const start = Number(constantArgument(plan.start, PLUGIN, 'Start', ctx));
  const end = Number(constantArgument(plan.end, PLUGIN, 'End', ctx));
  const bins = axis.bins;

  const dimensions = groupByDimensions(plan.dims, input, ctx);
  const { groupOf, groups } = dimensions;
  chargeMemory(groups * bins * 3 * BYTES.slot + input.rowCount * BYTES.boxed, WHAT);
  const counts = new Float64Array(groups * bins);
  const distinct = new Float64Array(groups * bins);
  const fresh = new Float64Array(groups * bins);
  // The bins each id of each group appears in.
  const binsOfId = new Map<string, { group: number; bins: Set<number> }>();
  const timeOf = compileExpr(plan.timeline, input, ctx);
  const idOf = compileExpr(plan.id, input, ctx);
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const t = timeOf(r);
    const k = axis.indexOf(t);
    if (k === null || k < 0 || k >= bins || Number(t) < start || Number(t) > end) {
      continue;
    }
    const g = groupOf[r]!;
    counts[g * bins + k]! += 1;
    const id = idOf(r);
    if (id === null || id === undefined) {
      continue;
    }
    const key = `${g}\u0000${hashKey(id, plan.id.type)}`;
    let seen = binsOfId.get(key);
    if (seen === undefined) {
      seen = { group: g, bins: new Set() };
      binsOfId.set(key, seen);
    }
    seen.bins.add(k);
  }
  for (const { group, bins: held } of binsOfId.values()) {
    let first = Number.POSITIVE_INFINITY;
    for (const k of held) {
      distinct[group * bins + k]! += 1;
      first = Math.min(first, k);
    }
    fresh[group * bins + first]! += 1;
  }
  return output(plan, axis.valueAt, { counts, distinct, fresh }, bins, dimensions, ctx);
}

function output(
  plan: MetricsPlan,
  binStart: (k: number) => Value,
  metrics: { counts: Float64Array; distinct: Float64Array; fresh: Float64Array },
  bins: number,
  dimensions: DimensionGroups,
  ctx: ExecContext,
): Table {
  const groups = dimensions.groups;
  const starts: Value[] = [];
  const rowGroups: number[] = [];
  const [count, dcount, newDcount, aggregated]: Value[][] = [[], [], [], []];
  const soFar = new Float64Array(groups);
  for (let k = 0; k < bins; k++) {
    if ((k & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (let g = 0; g < groups; g++) {
      const at = g * bins + k;
      soFar[g]! += metrics.fresh[at]!;
      if (metrics.counts[at]! > 0) {
        starts.push(binStart(k));
        rowGroups.push(g);
        count!.push(metrics.counts[at]!);
        dcount!.push(metrics.distinct[at]!);
        newDcount!.push(metrics.fresh[at]!);
        aggregated!.push(soFar[g]!);
      }
    }
  }
  return groupedOutput(plan.schema, starts, rowGroups, dimensions, plan.dims.length, [
    count!,
    dcount!,
    newDcount!,
    aggregated!,
  ]);
}
