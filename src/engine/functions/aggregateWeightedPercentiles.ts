/**
 * percentilew, percentilesw, percentilesw_array: the nearest-rank percentiles of
 * aggregateStatistics.ts, with each value counted as often as its weight says (the reference's
 * "each value is considered to be repeated a number of times equal to its weight"). Rows whose
 * value or weight is null, or whose weight is not positive, add nothing.
 */
import { compareValues } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { num } from './define';
import type { AggregateFunction, AggregateImpl } from './types';

interface Weighted {
  values: number[];
  weights: number[];
  ps: number[] | null;
}

/** The smallest value whose cumulative weight reaches rank ⌈p% of the total weight⌉ (at least 1). */
export function weightedNearestRank(sorted: readonly { v: number; w: number }[], total: number, p: number): Value {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * total));
  let cumulative = 0;
  for (const e of sorted) {
    cumulative += e.w;
    if (cumulative >= rank) {
      return e.v;
    }
  }
  return sorted[sorted.length - 1]!.v;
}

/** `constant`: the percents when known at bind time, so that an empty group still has one null per percent. */
function weightedPercentiles(type: KqlType, constant: number[] | null, single: boolean): AggregateImpl<Weighted> {
  return {
    init: () => ({ values: [], weights: [], ps: constant }),
    step: (s, args) => {
      if (s.ps === null) {
        s.ps = rowPercents(args, 2);
      }
      const v = args[0];
      const w = num(args[1] ?? null);
      if (typeof v === 'number' && !Number.isNaN(v) && w !== null && w > 0) {
        s.values.push(v);
        s.weights.push(w);
      }
      return s;
    },
    result: (s) => {
      const entries = s.values.map((v, i) => ({ v, w: s.weights[i]! }));
      entries.sort((a, b) => compareValues(a.v, b.v, type));
      const total = s.weights.reduce((a, b) => a + b, 0);
      const out = (s.ps ?? []).map((p) => weightedNearestRank(entries, total, p));
      return single ? (out[0] ?? null) : out;
    },
  };
}

/** Percents given as constants from argument `from` on, or a constant dynamic array there. */
function constPercents(constArgs: readonly (Value | undefined)[], from: number): number[] | null {
  const first = constArgs[from];
  if (Array.isArray(first)) {
    return first.filter((p): p is number => typeof p === 'number');
  }
  const ps = constArgs.slice(from);
  return ps.length > 0 && ps.every((p) => typeof p === 'number') ? (ps as number[]) : null;
}

/** Percents read from the first row when they were not constants at bind time. */
function rowPercents(args: readonly Value[], from: number): number[] {
  const first = args[from];
  const ps = Array.isArray(first) ? first : args.slice(from);
  return ps.filter((p): p is number => typeof p === 'number');
}

function bindWeighted(single: boolean): AggregateFunction['bind'] {
  return ([t], _r, _c, k) => weightedPercentiles(t ?? 'real', constPercents(k, 2), single) as AggregateImpl;
}

export const weightedPercentileAggregates: AggregateFunction[] = [
  { name: 'percentilew', bind: bindWeighted(true) },
  { name: 'percentilesw', multiOutput: true, bind: bindWeighted(false) },
  { name: 'percentilesw_array', bind: bindWeighted(false) },
];
