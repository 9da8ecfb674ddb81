/**
 * The bins of the activity plugins: from Start in steps of Bin (timelineAxis), or in steps of Bin
 * counted from 0 as bin() counts them (alignedTimelineAxis). Integer timelines (datetime, timespan,
 * long, int) with whole steps are binned exactly, in BigInt when a value is past 2^53; reals in doubles.
 */

import { binDatetimeTicks, binNumber, floorDivBig } from '../functions/calendarTicks';
import { Int64 } from '../int64';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import { ticksOf } from '../ticks';
import type { KqlType, Value } from '../values';
import { constantArgument } from './constantArgument';
import type { ExecContext } from './context';
import { compileExpr } from './expr';

export interface TimelineAxis {
  /** The bin of a time, counted from the first output bin (negative before it); null for no time. */
  indexOf(t: Value): number | null;
  /** The start of bin `k`, in the timeline's type. */
  valueAt(k: number): Value;
  /** The length of a bin, as a number. */
  readonly stepNumber: number;
  /** How many bins start between Start and End, both included (none when End is before Start). */
  readonly bins: number;
}

export function timelineAxis(
  plugin: string,
  timelineType: KqlType,
  start: Expr,
  end: Expr,
  bin: Expr,
  ctx: ExecContext,
  binName = 'Bin',
): TimelineAxis {
  const origin = constantArgument(start, plugin, 'Start', ctx);
  const stepNumber = positiveStep(plugin, bin, ctx, binName);
  return axisFrom(origin, constantArgument(end, plugin, 'End', ctx), stepNumber, timelineType);
}

/**
 * Bins of `step` counted from 0, as bin() makes them (a datetime's from 0001-01-01), from the bin
 * holding `first` to the one holding `last`.
 */
export function alignedTimelineAxis(
  plugin: string,
  timelineType: KqlType,
  first: number | Int64,
  last: number | Int64,
  step: Expr,
  ctx: ExecContext,
  stepName: string,
): TimelineAxis {
  const stepNumber = positiveStep(plugin, step, ctx, stepName);
  return axisFrom(binStart(first, stepNumber, timelineType), last, stepNumber, timelineType);
}

/** The earliest and latest non-null time of the timeline, or undefined when no row has one. */
export function timelineRange(
  timeline: Expr,
  input: Table,
  ctx: ExecContext,
): { first: number | Int64; last: number | Int64 } | undefined {
  const timeOf = compileExpr(timeline, input, ctx);
  let first: number | Int64 | undefined;
  let last: number | Int64 | undefined;
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & 4095) === 0) {
      ctx.check();
    }
    const t = timeOf(r);
    if ((typeof t === 'number' && !Number.isNaN(t)) || t instanceof Int64) {
      if (first === undefined || compareTimes(t, first) < 0) {
        first = t;
      }
      if (last === undefined || compareTimes(t, last) > 0) {
        last = t;
      }
    }
  }
  return first === undefined || last === undefined ? undefined : { first, last };
}

function compareTimes(a: number | Int64, b: number | Int64): number {
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  const x = a instanceof Int64 ? a.big : BigInt(a);
  const y = b instanceof Int64 ? b.big : BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function positiveStep(plugin: string, step: Expr, ctx: ExecContext, stepName: string): number {
  const stepNumber = Number(constantArgument(step, plugin, stepName, ctx));
  if (!(stepNumber > 0)) {
    throw ctx.errors.at(step.span, 'KQL-ARGUMENT', `${plugin}: ${stepName} is more than 0.`);
  }
  return stepNumber;
}

/** bin(v, step): a datetime from 0001-01-01, anything else from 0. */
function binStart(v: number | Int64, step: number, type: KqlType): number | Int64 {
  if (type === 'datetime') {
    return binDatetimeTicks(v, step);
  }
  if (v instanceof Int64 && Number.isInteger(step)) {
    const s = BigInt(step);
    return ticksOf(floorDivBig(v.big, s) * s);
  }
  return binNumber(Number(v), step);
}

function axisFrom(origin: number | Int64, end: Value, stepNumber: number, timelineType: KqlType): TimelineAxis {
  const axis = stepsFrom(origin, stepNumber, timelineType === 'real' || timelineType === 'decimal');
  const endIndex = axis.indexOf(end);
  return { ...axis, bins: endIndex === null || endIndex < 0 ? 0 : endIndex + 1 };
}

function stepsFrom(origin: number | Int64, stepNumber: number, real: boolean): Omit<TimelineAxis, 'bins'> {
  const originNumber = Number(origin);
  if (real || !Number.isInteger(originNumber) || !Number.isInteger(stepNumber)) {
    return {
      indexOf: (t) => (typeof t === 'number' ? Math.floor((t - originNumber) / stepNumber) : null),
      valueAt: (k) => originNumber + k * stepNumber,
      stepNumber,
    };
  }
  const originBig = origin instanceof Int64 ? origin.big : BigInt(originNumber);
  const stepBig = BigInt(stepNumber);
  const exactOrigin = Number.isSafeInteger(originNumber) && !(origin instanceof Int64);
  return {
    indexOf: (t) => {
      if (typeof t === 'number' && exactOrigin && Number.isSafeInteger(t)) {
        return Math.floor((t - originNumber) / stepNumber);
      }
      if (t instanceof Int64 || (typeof t === 'number' && Number.isInteger(t))) {
        return Number(floorDivBig(BigInt(t instanceof Int64 ? t.big : t) - originBig, stepBig));
      }
      return null;
    },
    valueAt: (k) => ticksOf(originBig + BigInt(k) * stepBig),
    stepNumber,
  };
}

/**
 * The bins of a plugin whose Start and End are optional (activity_engagement, activity_metrics): from
 * Start to End, keeping the rows between them, both included; without them, bin() of the data's
 * times from the earliest to the latest, keeping every row.
 */
export function analysisAxis(
  plugin: string,
  timeline: Expr,
  period: { readonly start: Expr; readonly end: Expr } | undefined,
  step: Expr,
  stepName: string,
  input: Table,
  ctx: ExecContext,
): { axis: TimelineAxis; within: (t: number) => boolean } {
  if (period) {
    const axis = timelineAxis(plugin, timeline.type, period.start, period.end, step, ctx, stepName);
    const start = Number(constantArgument(period.start, plugin, 'Start', ctx));
    const end = Number(constantArgument(period.end, plugin, 'End', ctx));
    return { axis, within: (t) => t >= start && t <= end };
  }
  const range = timelineRange(timeline, input, ctx);
  const axis = range
    ? alignedTimelineAxis(plugin, timeline.type, range.first, range.last, step, ctx, stepName)
    : { ...alignedTimelineAxis(plugin, timeline.type, 0, 0, step, ctx, stepName), bins: 0 };
  return { axis, within: () => true };
}
