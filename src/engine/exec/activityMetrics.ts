/**
 * evaluate activity_metrics: the rows are binned by Window (from Start, or without Start and End
 * from 0 as bin() counts, over the data's times); each bin is compared with the bin just before it.
 * For each bin holding rows and each combination of the dimensions, dcount_values is the distinct
 * ids, dcount_newvalues those not in the bin before, retention_rate the share of the bin before's
 * ids that came back (the reference's customers at the end, less the new ones, over those at the
 * beginning) and churn_rate the share that did not (1 − retention_rate). With no ids in the bin
 * before (the first bin, as the reference's example shows, or one after a bin without rows) both
 * rates are NaN. Rows outside Start…End are left out. Null ids count as rows only. Rows come by bin,
 * then by dimensions in order of first appearance.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import { countInWindows, forEachIdBins, gridOutput, placeRows } from './activityGrid';
import type { ExecContext } from './context';
import { BYTES, chargeMemory } from './memoryBudget';
import { analysisAxis } from './timelineBins';

const PLUGIN = 'activity_metrics';
const WHAT = `evaluate ${PLUGIN}`;

type MetricsPlan = Extract<Plan, { k: 'activityMetrics' }>;

export function runActivityMetrics(plan: MetricsPlan, input: Table, ctx: ExecContext): Table {
  const { axis, within } = analysisAxis(PLUGIN, plan.timeline, plan.period, plan.window, 'Window', input, ctx);
  const bins = axis.bins;
  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const groups = rows.dimensions.groups;
  const inPeriod = (r: number): boolean => {
    const k = rows.bin[r]!;
    return k >= 0 && k < bins && within(rows.time[r]!);
  };
  const counts = countInWindows(rows, inPeriod, 1, bins, false, ctx, WHAT);
  chargeMemory(groups * bins * 2 * BYTES.slot, WHAT);
  const distinct = new Float64Array(groups * bins);
  // The ids of each bin that were in the bin before it too.
  const returning = new Float64Array(groups * bins);
  forEachIdBins(rows, inPeriod, ctx, WHAT, (group, held) => {
    held.forEach((k, i) => {
      distinct[group * bins + k]! += 1;
      if (i > 0 && held[i - 1] === k - 1) {
        returning[group * bins + k]! += 1;
      }
    });
  });
  return gridOutput(plan.schema, rows.dimensions, plan.dims.length, axis, ctx, WHAT, (k, g) => {
    const at = g * bins + k;
    if (counts[at] === 0) {
      return undefined;
    }
    const before = k > 0 ? distinct[at - 1]! : 0;
    const retention = before > 0 ? returning[at]! / before : Number.NaN;
    const churn = before > 0 ? (before - returning[at]!) / before : Number.NaN;
    return [distinct[at]!, distinct[at]! - returning[at]!, retention, churn];
  });
}
