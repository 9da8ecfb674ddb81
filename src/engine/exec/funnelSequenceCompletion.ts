/**
 * evaluate funnel_sequence_completion: in each bin, an id reaches step i of the sequence within a period
 * when it has rows of the sequence's first i states in that order (other rows between them allowed;
 * "in order" is later in the id's rows by time, rows at one time in input order) with the i-th at most
 * the period after the first — the period measured from the first step, as the reference says. Per bin,
 * period (in the order given) and step, one row: the step's state and the distinct ids that reach it,
 * so the first step's count is the same for every period (the reference's example: Hail 2877 three
 * times). A bin where no id reaches the first step gives no rows; otherwise every step gives one, 0
 * included, so each funnel is whole. For a number timeline a period is that many units, shown in
 * the Period column (a timespan, as Kusto.Language binds it) as that many ticks.
 */
import { columnFromValues } from '../column';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import { hashKey } from '../valueCompare';
import type { Value } from '../values';
import { valueToString } from '../valueText';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { constantArray, funnelTimelines, sequenceArgument } from './funnelTimelines';
import { BYTES, chargeMemory } from './memoryBudget';
import { castDynamic } from './mvExpand';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'funnel_sequence_completion';

type CompletionPlan = Extract<Plan, { k: 'funnelSequenceCompletion' }>;

export function runFunnelSequenceCompletion(plan: CompletionPlan, input: Table, ctx: ExecContext): Table {
  const stateType = plan.state.type;
  const sequence = sequenceArgument(PLUGIN, plan.sequence, stateType, ctx);
  const keys = sequence.map((s) => hashKey(s, stateType));
  const periods = periodsArgument(plan, ctx);
  const { axis, timelines, times, stateKeys } = funnelTimelines(PLUGIN, plan, 'BinSize', input, ctx);
  const steps = keys.length;
  // reached[(bin * periods + p) * steps + i]: the ids of the bin that reach step i within period p.
  const binsUsed = timelines.length === 0 ? 0 : timelines[timelines.length - 1]!.bin + 1;
  chargeMemory(binsUsed * periods.length * steps * BYTES.slot, `evaluate ${PLUGIN}`);
  const reached = new Float64Array(binsUsed * periods.length * steps);
  let checked = 0;
  for (const { bin, rows } of timelines) {
    if ((checked++ & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const depth = deepestSteps(rows, keys, stateKeys, times, periods);
    periods.forEach((_, p) => {
      for (let i = 0; i < depth[p]!; i++) {
        reached[(bin * periods.length + p) * steps + i]! += 1;
      }
    });
  }
  const starts: Value[] = [];
  const states: Value[] = [];
  const periodValues: Value[] = [];
  const counts: Value[] = [];
  for (let bin = 0; bin < binsUsed; bin++) {
    if (reached[bin * periods.length * steps] === 0) {
      continue;
    }
    periods.forEach((period, p) => {
      sequence.forEach((state, i) => {
        starts.push(axis.valueAt(bin));
        states.push(state);
        periodValues.push(period);
        counts.push(reached[(bin * periods.length + p) * steps + i]!);
      });
    });
  }
  const [time, state, period, dcount] = plan.schema;
  return new Table(
    [
      { name: time!.name, column: columnFromValues(time!.type, starts) },
      {
        name: state!.name,
        column: columnFromValues(
          state!.type,
          states.map((v) => valueToString(v, stateType)),
        ),
      },
      { name: period!.name, column: columnFromValues(period!.type, periodValues) },
      { name: dcount!.name, column: columnFromValues(dcount!.type, counts) },
    ],
    starts.length,
  );
}

/**
 * For each period, how many steps of the sequence one id's rows reach, the best over every row of the
 * first state: from it, each next step taken at its earliest row after the one before (any later
 * choice is no earlier), so step i's time is the least it can be.
 */
function deepestSteps(
  rows: readonly number[],
  keys: readonly (string | number)[],
  stateKeys: readonly (string | number)[],
  times: Float64Array,
  periods: readonly number[],
): number[] {
  // at[i]: the positions (in `rows`) of the rows of step i's state, in time order.
  const at = keys.map((key) => rows.flatMap((r, position) => (stateKeys[r] === key ? [position] : [])));
  const depth = periods.map(() => 0);
  const cursors = keys.map(() => 0);
  for (const first of at[0]!) {
    const t0 = times[rows[first]!]!;
    let position = first;
    for (let i = 1; i < keys.length; i++) {
      const list = at[i]!;
      // The positions only grow with `first`, so each list is walked once over all starts.
      let c = cursors[i]!;
      while (c < list.length && list[c]! <= position) {
        c++;
      }
      cursors[i] = c;
      if (c === list.length) {
        break;
      }
      position = list[c]!;
      const elapsed = times[rows[position]!]! - t0;
      periods.forEach((period, p) => {
        if (elapsed <= period && depth[p]! < i + 1) {
          depth[p] = i + 1;
        }
      });
    }
    periods.forEach((_, p) => {
      depth[p] = Math.max(depth[p]!, 1);
    });
  }
  return depth;
}

/** MaxSequenceStepPeriods: a constant array of lengths on the timeline, 0 or more, at least one. */
function periodsArgument(plan: CompletionPlan, ctx: ExecContext): number[] {
  const elements = constantArray(PLUGIN, plan.periods, 'MaxSequenceStepPeriods', ctx);
  const lengthType = plan.timeline.type === 'datetime' || plan.timeline.type === 'timespan' ? 'timespan' : 'real';
  const what = lengthType === 'timespan' ? 'timespans' : 'numbers';
  if (elements.length === 0) {
    throw ctx.errors.at(
      plan.periods.span,
      'KQL-ARGUMENT',
      `${PLUGIN}: MaxSequenceStepPeriods is an array of ${what}, at least one.`,
    );
  }
  return elements.map((e, i) => {
    // In a dynamic a timespan is its text: a bare number there is no timespan.
    const period = lengthType === 'timespan' && typeof e !== 'string' ? null : castDynamic(e, lengthType);
    if (typeof period !== 'number' || !(period >= 0)) {
      throw ctx.errors.at(
        plan.periods.span,
        'KQL-ARGUMENT',
        `${PLUGIN}: MaxSequenceStepPeriods[${i}] (${JSON.stringify(e)}) is not one of the ${what} 0 or more a ${plan.timeline.type} timeline takes.`,
      );
    }
    return period;
  });
}
