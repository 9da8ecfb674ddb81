/**
 * evaluate sequence_detect: per combination of the dimensions, every chain of rows r1, r2, …, rn where
 * row ri satisfies step i's predicate, each step's time is later than the one before by at most
 * MaxSequenceStepWindow, and the last is within MaxSequenceSpan of the first. Every chain is a row
 * (the reference's example lists one heat event with each wildfire after it, and a wildfire after
 * each heat event before it); "later" is strictly later, so one row is never two steps. Rows with a
 * null time take part in none. Rows come by the steps' times, then by dimensions in order of first
 * appearance.
 */
import { columnFromValues } from '../column';
import { Int64 } from '../int64';
import type { Expr, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { bigTicks, ticksOf } from '../ticks';
import type { Value } from '../values';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { type DimensionGroups, groupByDimensions } from './dimensionGroups';
import { compileExpr } from './expr';
import { BatchedCharge, BYTES, chargeMemory } from './memoryBudget';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;
const PLUGIN = 'sequence_detect';
const WHAT = `evaluate ${PLUGIN}`;

type SequencePlan = Extract<Plan, { k: 'sequenceDetect' }>;

export function runSequenceDetect(plan: SequencePlan, input: Table, ctx: ExecContext): Table {
  const stepWindow = nonNegative(plan.stepWindow, 'MaxSequenceStepWindow', ctx);
  const maxSpan = nonNegative(plan.maxSpan, 'MaxSequenceSpan', ctx);
  const dimensions = groupByDimensions(plan.dims, input, ctx);
  const { groupOf, groups } = dimensions;
  const steps = plan.steps.length;
  // candidates[g * steps + i]: the rows of group g that satisfy step i, by time.
  const candidates: number[][] = Array.from({ length: groups * steps }, () => []);
  const timeOf = compileExpr(plan.timeline, input, ctx);
  const times = new Float64Array(input.rowCount);
  const timeValues: Value[] = new Array(input.rowCount);
  const stepFns = plan.steps.map((s) => compileExpr(s, input, ctx));
  chargeMemory(input.rowCount * (BYTES.slot + BYTES.boxed), WHAT);
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const t = timeOf(r);
    if (typeof t !== 'number' && !(t instanceof Int64)) {
      continue;
    }
    times[r] = Number(t);
    timeValues[r] = t;
    for (let i = 0; i < steps; i++) {
      if (stepFns[i]!(r) === true) {
        candidates[groupOf[r]! * steps + i]!.push(r);
      }
    }
  }
  for (const list of candidates) {
    list.sort((a, b) => times[a]! - times[b]! || a - b);
  }

  const chains: number[][] = [];
  const chainGroups: number[] = [];
  const charge = new BatchedCharge(steps * BYTES.slot + BYTES.boxed, WHAT);
  const chain: number[] = new Array(steps);
  for (let g = 0; g < groups; g++) {
    const walk = (i: number): void => {
      const list = candidates[g * steps + i]!;
      const first = i === 0 ? 0 : times[chain[0]!]!;
      const previous = i === 0 ? Number.NEGATIVE_INFINITY : times[chain[i - 1]!]!;
      const last = i === 0 ? Number.POSITIVE_INFINITY : Math.min(previous + stepWindow, first + maxSpan);
      for (let k = i === 0 ? 0 : firstAfter(list, times, previous); k < list.length; k++) {
        const r = list[k]!;
        if (times[r]! > last) {
          break;
        }
        chain[i] = r;
        if (i + 1 < steps) {
          walk(i + 1);
          continue;
        }
        charge.add();
        if ((chains.length & (CHECK_INTERVAL - 1)) === 0) {
          ctx.check();
        }
        chains.push(chain.slice());
        chainGroups.push(g);
      }
    };
    walk(0);
  }
  charge.flush();
  return output(plan, chains, chainGroups, dimensions, timeValues, times, ctx);
}

/** The first index of `list` (rows by time) whose time is later than `t`. */
function firstAfter(list: readonly number[], times: Float64Array, t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[list[mid]!]! > t) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

function output(
  plan: SequencePlan,
  chains: number[][],
  chainGroups: number[],
  dimensions: DimensionGroups,
  timeValues: readonly Value[],
  times: Float64Array,
  ctx: ExecContext,
): Table {
  const order = Array.from(chains.keys());
  order.sort((a, b) => {
    for (let i = 0; i < plan.steps.length; i++) {
      const d = times[chains[a]![i]!]! - times[chains[b]![i]!]!;
      if (d !== 0) {
        return d;
      }
    }
    return chainGroups[a]! - chainGroups[b]!;
  });
  ctx.check();
  const columns: TableColumn[] = [];
  const schema = plan.schema;
  const dimValues = Array.from({ length: dimensions.groups }, (_, g) => dimensions.valuesOf(g));
  plan.dims.forEach((_, i) => {
    const values = order.map((c) => dimValues[chainGroups[c]!]![i]!);
    columns.push({ name: schema[i]!.name, column: columnFromValues(schema[i]!.type, values) });
  });
  plan.steps.forEach((_, i) => {
    const def = schema[plan.dims.length + i]!;
    columns.push({
      name: def.name,
      column: columnFromValues(
        def.type,
        order.map((c) => timeValues[chains[c]![i]!]!),
      ),
    });
  });
  const durations = order.map((c) => {
    const chain = chains[c]!;
    const first = timeValues[chain[0]!] as number | Int64;
    const last = timeValues[chain[chain.length - 1]!] as number | Int64;
    return typeof first === 'number' && typeof last === 'number'
      ? last - first
      : ticksOf(bigTicks(last) - bigTicks(first));
  });
  const duration = schema[schema.length - 1]!;
  columns.push({ name: duration.name, column: columnFromValues(duration.type, durations) });
  return new Table(columns, order.length);
}

function nonNegative(expr: Expr, name: string, ctx: ExecContext): number {
  const v = Number(constantArgument(expr, PLUGIN, name, ctx));
  if (v < 0) {
    throw ctx.errors.at(expr.span, 'KQL-ARGUMENT', `${PLUGIN}: ${name} is 0 or more.`);
  }
  return v;
}
