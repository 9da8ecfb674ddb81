/**
 * evaluate sliding_window_counts: for each bin from Start to End (bins of Bin, counted from Start), and each combination of the dimensions, Count is the rows and
 * Dcount the distinct non-null ids whose bin is one of the last ⌊LookbackWindow / Bin⌋ bins (at least
 * one) up to it — the reference's sliding-window technique, which spreads each row over the bins
 * after its own. Rows before Start still count in the bins their window reaches; rows with a null
 * time count nowhere. A bin with no rows in its window gives no row, as summarize would; rows come
 * by bin, then by dimensions in order of first appearance.
 * The windows are counted on the activity grid (activityGrid.ts).
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import { countInWindows, gridOutput, placeRows } from './activityGrid';
import { constantArgument } from './constantArgument';
import type { ExecContext } from './context';
import { timelineAxis } from './timelineBins';

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
  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const all = (): boolean => true;
  const counts = countInWindows(rows, all, windowBins, bins, false, ctx, WHAT);
  const distinct = countInWindows(rows, all, windowBins, bins, true, ctx, WHAT);
  return gridOutput(plan.schema, rows.dimensions, plan.dims.length, axis, ctx, WHAT, (k, g) =>
    counts[g * bins + k]! > 0 ? [counts[g * bins + k]!, distinct[g * bins + k]!] : undefined,
  );
}
