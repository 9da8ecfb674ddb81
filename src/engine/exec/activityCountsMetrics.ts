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
import { countInWindows, forEachIdBins, gridOutput, placeRows } from './activityGrid';
import { constantArgument } from './constantArgument';
import type { ExecContext } from './context';
import { BYTES, chargeMemory } from './memoryBudget';
import { timelineAxis } from './timelineBins';

const PLUGIN = 'activity_counts_metrics';
const WHAT = `evaluate ${PLUGIN}`;

type MetricsPlan = Extract<Plan, { k: 'activityCountsMetrics' }>;

export function runActivityCountsMetrics(plan: MetricsPlan, input: Table, ctx: ExecContext): Table {
  const axis = timelineAxis(PLUGIN, plan.timeline.type, plan.start, plan.end, plan.window, ctx, 'Window');
  const start = Number(constantArgument(plan.start, PLUGIN, 'Start', ctx));
  const end = Number(constantArgument(plan.end, PLUGIN, 'End', ctx));
  const bins = axis.bins;
  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const groups = rows.dimensions.groups;
  chargeMemory(groups * bins * 2 * BYTES.slot, WHAT);
  const distinct = new Float64Array(groups * bins);
  const fresh = new Float64Array(groups * bins);
  const inPeriod = (r: number): boolean => {
    const k = rows.bin[r]!;
    const t = rows.time[r]!;
    return k >= 0 && k < bins && t >= start && t <= end;
  };
  const counts = countInWindows(rows, inPeriod, 1, bins, false, ctx, WHAT);
  forEachIdBins(rows, inPeriod, ctx, WHAT, (group, held) => {
    for (const k of held) {
      distinct[group * bins + k]! += 1;
    }
    fresh[group * bins + held[0]!]! += 1;
  });
  const soFar = new Float64Array(groups);
  // Bins come in order, so the running distinct count of a group adds the ids new in each.
  return gridOutput(plan.schema, rows.dimensions, plan.dims.length, axis, ctx, WHAT, (k, g) => {
    const at = g * bins + k;
    soFar[g]! += fresh[at]!;
    return counts[at]! > 0 ? [counts[at]!, distinct[at]!, fresh[at]!, soFar[g]!] : undefined;
  });
}
