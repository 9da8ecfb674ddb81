/**
 * What funnel_sequence and funnel_sequence_completion share: the rows from Start to End binned by the
 * step from Start (bins as activity_counts_metrics makes them), and in each bin each id's rows in time
 * order (rows at the same time in input order) — each bin is analysed on its own. A row with a null
 * time, id or state (for a string, the empty one, Kusto's null text) takes part in nothing; the Sequence argument, a
 * constant array of states.
 */
import type { Expr } from '../plan/types';
import { Table } from '../table';
import { hashKey } from '../valueCompare';
import type { DynamicValue, KqlType, Value } from '../values';
import { constantArgument } from './constantArgument';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { BYTES, chargeMemory } from './memoryBudget';
import { castDynamic } from './mvExpand';
import { type TimelineAxis, timelineAxis } from './timelineBins';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

export interface FunnelArguments {
  readonly id: Expr;
  readonly timeline: Expr;
  readonly start: Expr;
  readonly end: Expr;
  readonly bin: Expr;
  readonly state: Expr;
}

/** One id's rows in one bin, by time. */
export interface IdTimeline {
  readonly bin: number;
  readonly id: Value;
  readonly rows: number[];
}

export interface FunnelTimelines {
  readonly axis: TimelineAxis;
  /** By bin, then ids in order of first appearance. */
  readonly timelines: readonly IdTimeline[];
  /** Each row's time as a number (for order and distances) and its state's key and value. */
  readonly times: Float64Array;
  readonly stateKeys: readonly (string | number)[];
  readonly states: readonly Value[];
}

export function funnelTimelines(
  plugin: string,
  args: FunnelArguments,
  binName: string,
  input: Table,
  ctx: ExecContext,
): FunnelTimelines {
  const axis = timelineAxis(plugin, args.timeline.type, args.start, args.end, args.bin, ctx, binName);
  const start = Number(constantArgument(args.start, plugin, 'Start', ctx));
  const end = Number(constantArgument(args.end, plugin, 'End', ctx));
  const timeOf = compileExpr(args.timeline, input, ctx);
  const idOf = compileExpr(args.id, input, ctx);
  const stateOf = compileExpr(args.state, input, ctx);
  const stateType = args.state.type;
  chargeMemory(input.rowCount * (2 * BYTES.slot + 2 * BYTES.boxed), `evaluate ${plugin}`);
  const times = new Float64Array(input.rowCount);
  const stateKeys: (string | number)[] = new Array(input.rowCount);
  const states: Value[] = new Array(input.rowCount);
  const byBinAndId = new Map<string, IdTimeline>();
  for (let r = 0; r < input.rowCount; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const t = timeOf(r);
    const k = axis.indexOf(t);
    if (k === null || k < 0 || k >= axis.bins || Number(t) < start || Number(t) > end) {
      continue;
    }
    const id = idOf(r);
    const state = stateOf(r);
    if (id === null || id === '' || state === null || state === '') {
      continue;
    }
    times[r] = Number(t);
    stateKeys[r] = hashKey(state, stateType);
    states[r] = state;
    const key = `${k}\u0000${hashKey(id, args.id.type)}`;
    let timeline = byBinAndId.get(key);
    if (timeline === undefined) {
      timeline = { bin: k, id, rows: [] };
      byBinAndId.set(key, timeline);
    }
    timeline.rows.push(r);
  }
  const timelines = [...byBinAndId.values()];
  timelines.sort((a, b) => a.bin - b.bin);
  for (const { rows } of timelines) {
    rows.sort((a, b) => times[a]! - times[b]! || a - b);
  }
  return { axis, timelines, times, stateKeys, states };
}

/**
 * The Sequence argument: a constant, non-empty array whose elements, read as the state column's type,
 * are the states' keys. An element that is not a state (null, or text for a number column) is an
 * error at the argument, as it could never match.
 */
export function sequenceArgument(plugin: string, sequence: Expr, stateType: KqlType, ctx: ExecContext): Value[] {
  const elements = constantArray(plugin, sequence, 'Sequence', ctx);
  if (elements.length === 0) {
    throw ctx.errors.at(sequence.span, 'KQL-ARGUMENT', `${plugin}: Sequence is an array of one state or more.`);
  }
  return elements.map((e, i) => {
    const state = castDynamic(e, stateType);
    if (state === null || state === '') {
      throw ctx.errors.at(
        sequence.span,
        'KQL-ARGUMENT',
        `${plugin}: Sequence[${i}] (${JSON.stringify(e)}) is not a ${stateType} value of the state column, so no row could match it.`,
      );
    }
    return state;
  });
}

/** A constant dynamic array argument's elements; anything else is an error at the argument. */
export function constantArray(plugin: string, expr: Expr, name: string, ctx: ExecContext): readonly DynamicValue[] {
  const value = compileExpr(expr, new Table([], 1), ctx)(0);
  if (!Array.isArray(value)) {
    throw ctx.errors.at(expr.span, 'KQL-ARGUMENT', `${plugin}: ${name} is a constant dynamic array.`);
  }
  return value as readonly DynamicValue[];
}
