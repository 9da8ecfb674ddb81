/**
 * evaluate active_users_count: an appearance (a row) at time t is active when its id appears in at
 * least ActivePeriodsCount distinct periods (bin(time, Period)) within (t − LookbackWindow, t] —
 * appearances before Start count there too, as the reference's example says of user B. For each
 * bin from Start to End (bins as sliding_window_counts makes them) and each combination of the
 * dimensions, dcount is the ids with an active appearance between Start and End in that bin. The
 * reference's example (B on 07-08 is not active: 06-30 is a whole window before it) fixes the
 * window's start as exclusive. Bins without active ids give no row; rows come by bin, then by
 * dimensions in order of first appearance. Null ids and times take part in nothing.
 */
import { binDatetime, binNumber } from '../functions/calendarTicks';
import type { Expr, Plan } from '../plan/types';
import type { Table } from '../table';
import { gridOutput, placeRows } from './activityGrid';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { BYTES, chargeMemory } from './memoryBudget';
import { timelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'active_users_count';
const WHAT = `evaluate ${PLUGIN}`;

type ActivePlan = Extract<Plan, { k: 'activeUsersCount' }>;

export function runActiveUsersCount(plan: ActivePlan, input: Table, ctx: ExecContext): Table {
  const axis = timelineAxis(PLUGIN, plan.timeline.type, plan.start, plan.end, plan.bin, ctx);
  const start = Number(constantArgument(plan.start, PLUGIN, 'Start', ctx));
  const end = Number(constantArgument(plan.end, PLUGIN, 'End', ctx));
  const lookback = positive(plan.lookback, 'LookbackWindow', ctx);
  const period = positive(plan.period, 'Period', ctx);
  const needed = Number(constantArgument(plan.activePeriods, PLUGIN, 'ActivePeriodsCount', ctx));
  if (!Number.isInteger(needed) || needed < 1) {
    throw ctx.errors.at(plan.activePeriods.span, 'KQL-ARGUMENT', `${PLUGIN}: ActivePeriodsCount is 1 or more.`);
  }
  const periodOf =
    plan.timeline.type === 'datetime' ? (t: number) => binDatetime(t, period) : (t: number) => binNumber(t, period);
  const bins = axis.bins;

  const rows = placeRows(plan, axis, input, ctx, WHAT);
  const groups = rows.dimensions.groups;
  chargeMemory(groups * bins * BYTES.slot, WHAT);
  const counts = new Float64Array(groups * bins);

  // The times of each id's appearances in each group, keyed by group and id number.
  const appearances = new Map<number, { group: number; times: number[] }>();
  for (let r = 0; r < rows.count; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const t = rows.time[r]!;
    if (Number.isNaN(t) || rows.id[r]! < 0) {
      continue;
    }
    const key = rows.group[r]! * rows.ids + rows.id[r]!;
    let seen = appearances.get(key);
    if (seen === undefined) {
      seen = { group: rows.group[r]!, times: [] };
      appearances.set(key, seen);
    }
    seen.times.push(t);
  }

  let visited = 0;
  for (const { group, times } of appearances.values()) {
    if ((++visited & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    times.sort((a, b) => a - b);
    // Periods seen in the window (t − lookback, t], counted by how many appearances fall in each.
    const inWindow = new Map<number, number>();
    const activeBins = new Set<number>();
    let left = 0;
    let right = 0;
    for (const t of times) {
      for (; right < times.length && times[right]! <= t; right++) {
        const p = periodOf(times[right]!);
        inWindow.set(p, (inWindow.get(p) ?? 0) + 1);
      }
      for (; times[left]! <= t - lookback; left++) {
        const p = periodOf(times[left]!);
        const n = inWindow.get(p)! - 1;
        if (n === 0) {
          inWindow.delete(p);
        } else {
          inWindow.set(p, n);
        }
      }
      const k = axis.indexOf(t);
      if (inWindow.size >= needed && t >= start && t <= end && k !== null && k >= 0 && k < bins) {
        activeBins.add(k);
      }
    }
    for (const k of activeBins) {
      counts[group * bins + k]! += 1;
    }
  }
  return gridOutput(plan.schema, rows.dimensions, plan.dims.length, axis, ctx, WHAT, (k, g) =>
    counts[g * bins + k]! > 0 ? [counts[g * bins + k]!] : undefined,
  );
}

function positive(expr: Expr, name: string, ctx: ExecContext): number {
  const v = Number(constantArgument(expr, PLUGIN, name, ctx));
  if (!(v > 0)) {
    throw ctx.errors.at(expr.span, 'KQL-ARGUMENT', `${PLUGIN}: ${name} is more than 0.`);
  }
  return v;
}
