/**
 * evaluate activity_engagement: the rows are binned by InnerActivityWindow (from Start, or without
 * Start and End from 0 as bin() counts, over the data's times); for each bin holding rows and each
 * combination of the dimensions, dcount_activities_inner is the distinct ids of the bin,
 * dcount_activities_outer the distinct ids of the ⌊OuterActivityWindow / InnerActivityWindow⌋ bins
 * ending with it (the DAU/WAU of the reference's example: a day and the seven days ending with it),
 * and activity_ratio the one over the other. Rows outside Start…End are left out of both. Null ids
 * count as rows only: a bin of null ids alone has ratio 0 / 0, NaN. Rows come by bin, then by
 * dimensions in order of first appearance.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import { countInWindows, gridOutput, placeRows } from './activityGrid';
import { constantArgument } from './constantArgument';
import type { ExecContext } from './context';
import { analysisAxis } from './timelineBins';

const PLUGIN = 'activity_engagement';
const WHAT = `evaluate ${PLUGIN}`;

type EngagementPlan = Extract<Plan, { k: 'activityEngagement' }>;

export function runActivityEngagement(plan: EngagementPlan, input: Table, ctx: ExecContext): Table {
  const { axis, within } = analysisAxis(
    PLUGIN,
    plan.timeline,
    plan.period,
    plan.inner,
    'InnerActivityWindow',
    input,
    ctx,
  );
  const outer = Number(constantArgument(plan.outer, PLUGIN, 'OuterActivityWindow', ctx));
  if (!(outer >= axis.stepNumber)) {
    throw ctx.errors.at(
      plan.outer.span,
      'KQL-ARGUMENT',
      `${PLUGIN}: OuterActivityWindow is at least InnerActivityWindow: the outer window holds the inner one.`,
    );
  }
  const outerBins = Math.floor(outer / axis.stepNumber);
  const bins = axis.bins;
  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const take = (r: number): boolean => within(rows.time[r]!);
  const counts = countInWindows(rows, take, 1, bins, false, ctx, WHAT);
  const inner = countInWindows(rows, take, 1, bins, true, ctx, WHAT);
  const outerIds = countInWindows(rows, take, outerBins, bins, true, ctx, WHAT);
  return gridOutput(plan.schema, rows.dimensions, plan.dims.length, axis, ctx, WHAT, (k, g) => {
    const at = g * bins + k;
    return counts[at]! > 0 ? [inner[at]!, outerIds[at]!, inner[at]! / outerIds[at]!] : undefined;
  });
}
