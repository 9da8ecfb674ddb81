/**
 * evaluate session_count. The reference defines the plugin by its parameters and one chart; the rule
 * here is the one that chart's shape fixes. An appearance (a row) of an id at time t starts a new
 * session when the id has no appearance in [t − LookBackWindow, t): with Id appearing at every
 * multiple of Id and a look-back of 41, ids 42…50 start a session at each appearance and the others
 * only at their first, which is the chart's ~20 per bin of 100 after a first bin of ~57. Bins are
 * bin()'s, counted from 0 (the chart's bins of Start = 1 fall at 0, 100, …), from Start's bin to
 * End's. For each bin and combination of the dimensions, count_sessions is the sessions starting in
 * it between Start and End; appearances before Start only keep a session going. Bins without a
 * session start give no row; rows come by bin, then by dimensions in order of first appearance. Null
 * ids and times take part in nothing.
 */
import type { Plan } from '../plan/types';
import type { Table } from '../table';
import { gridOutput, placeRows } from './activityGrid';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { BYTES, chargeMemory } from './memoryBudget';
import { alignedTimelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'session_count';
const WHAT = `evaluate ${PLUGIN}`;

type SessionPlan = Extract<Plan, { k: 'sessionCount' }>;

export function runSessionCount(plan: SessionPlan, input: Table, ctx: ExecContext): Table {
  const startValue = constantArgument(plan.start, PLUGIN, 'Start', ctx);
  const endValue = constantArgument(plan.end, PLUGIN, 'End', ctx);
  const axis = alignedTimelineAxis(PLUGIN, plan.timeline.type, startValue, endValue, plan.bin, ctx, 'Bin');
  const lookback = Number(constantArgument(plan.lookback, PLUGIN, 'LookBackWindow', ctx));
  if (!(lookback >= 0)) {
    throw ctx.errors.at(plan.lookback.span, 'KQL-ARGUMENT', `${PLUGIN}: LookBackWindow is 0 or more.`);
  }
  const start = Number(startValue);
  const end = Number(endValue);
  const bins = axis.bins;
  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const groups = rows.dimensions.groups;
  chargeMemory(groups * bins * BYTES.slot, WHAT);
  const counts = new Float64Array(groups * bins);

  // Each (group, id)'s appearances up to End, by time: a session starts where the gap from the one
  // before passes the look-back.
  const kept: number[] = [];
  for (let r = 0; r < rows.count; r++) {
    if (rows.id[r]! >= 0 && rows.time[r]! <= end) {
      kept.push(r);
    }
  }
  chargeMemory(kept.length * BYTES.slot, WHAT);
  const { group, id, time } = rows;
  kept.sort((a, b) => group[a]! - group[b]! || id[a]! - id[b]! || time[a]! - time[b]!);
  ctx.check();
  for (let i = 0; i < kept.length; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const r = kept[i]!;
    const before = kept[i - 1];
    const continues =
      before !== undefined &&
      group[before] === group[r] &&
      id[before] === id[r] &&
      time[r]! - time[before]! <= lookback;
    const k = rows.bin[r]!;
    if (!continues && time[r]! >= start && k >= 0 && k < bins) {
      counts[group[r]! * bins + k]! += 1;
    }
  }
  return gridOutput(plan.schema, rows.dimensions, plan.dims.length, axis, ctx, WHAT, (k, g) =>
    counts[g * bins + k]! > 0 ? [counts[g * bins + k]!] : undefined,
  );
}
