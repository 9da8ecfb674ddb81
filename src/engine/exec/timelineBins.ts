/**
 * The bins of the activity plugins (sliding_window_counts, active_users_count, activity_counts_metrics):
 * from Start in steps of Bin. Integer timelines (datetime, timespan,
 * long, int) with whole steps are binned exactly, in BigInt when a value is past 2^53; reals in doubles.
 */
import { floorDivBig } from '../functions/calendarTicks';
import { Int64 } from '../int64';
import type { Expr } from '../plan/types';
import { ticksOf } from '../ticks';
import type { KqlType, Value } from '../values';
import { constantArgument } from './constantArgument';
import type { ExecContext } from './context';

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
  const stepNumber = Number(constantArgument(bin, plugin, binName, ctx));
  if (!(stepNumber > 0)) {
    throw ctx.errors.at(bin.span, 'KQL-ARGUMENT', `${plugin}: ${binName} is more than 0.`);
  }
  const axis = stepsFrom(origin, stepNumber, timelineType === 'real' || timelineType === 'decimal');
  const endIndex = axis.indexOf(constantArgument(end, plugin, 'End', ctx));
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
