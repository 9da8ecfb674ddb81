/**
 * Statistical aggregations: percentile(s) by the nearest-rank method on the exact values (Kusto
 * estimates them with t-digest; on exact data both give the nearest-rank value), and variance/stdev,
 * sample (n − 1) and population (n) forms, with Welford's numerically stable update.
 */
import { compareValues } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { fitNumber } from './define';
import type { AggregateFunction, AggregateImpl } from './types';

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function nearestRank(sorted: readonly Value[], p: number): Value {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.max(1, Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function percentilesOf(
  type: KqlType,
  percents: (args: readonly Value[]) => number[],
  single: boolean,
): AggregateImpl<{ values: Value[]; ps: number[] | null }> {
  return {
    init: () => ({ values: [], ps: null }),
    step: (s, args) => {
      if (s.ps === null) {
        s.ps = percents(args);
      }
      const v = args[0];
      if (typeof v === 'number' && !Number.isNaN(v)) {
        s.values.push(v);
      }
      return s;
    },
    result: (s) => {
      const sorted = [...s.values].sort((a, b) => compareValues(a, b, type));
      const ps = s.ps ?? [];
      const out = ps.map((p) => nearestRank(sorted, p));
      // percentiles() gives one value per output column; percentiles_array() the same list as one dynamic.
      return single ? (out[0] ?? null) : out;
    },
  };
}

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

function moments(
  resultType: KqlType,
  finish: (m: Moments) => number | null,
  predicateIndex: number | null,
): AggregateImpl<Moments> {
  return {
    init: () => ({ n: 0, mean: 0, m2: 0 }),
    step: (s, args) => {
      const v = args[0];
      if (typeof v !== 'number' || (predicateIndex !== null && args[predicateIndex] !== true)) {
        return s;
      }
      s.n++;
      const delta = v - s.mean;
      s.mean += delta / s.n;
      s.m2 += delta * (v - s.mean);
      return s;
    },
    result: (s) => fitNumber(finish(s), resultType === 'int' || resultType === 'long' ? 'real' : resultType),
  };
}

// Kusto's variance of no values (or of one) is 0: nothing varies.
const sampleVariance = (m: Moments): number | null => (m.n <= 1 ? 0 : m.m2 / (m.n - 1));
const populationVariance = (m: Moments): number | null => (m.n === 0 ? 0 : m.m2 / m.n);
const sqrt =
  (f: (m: Moments) => number | null) =>
  (m: Moments): number | null => {
    const v = f(m);
    return v === null ? null : Math.sqrt(v);
  };

function constPercents(constArgs: readonly (Value | undefined)[], from: number): number[] | null {
  const ps = constArgs.slice(from);
  return ps.length > 0 && ps.every((p) => typeof p === 'number') ? (ps as number[]) : null;
}

export const statisticalAggregates: AggregateFunction[] = [
  {
    name: 'percentile',
    bind: ([t], _r, _c, k) =>
      percentilesOf(t!, (args) => constPercents(k, 1) ?? [args[1] as number], true) as AggregateImpl,
  },
  {
    name: 'percentiles',
    multiOutput: true,
    bind: ([t], _r, _c, k) =>
      percentilesOf(t!, (args) => constPercents(k, 1) ?? (args.slice(1) as number[]), false) as AggregateImpl,
  },
  {
    name: 'percentiles_array',
    bind: ([t], _r, _c, k) =>
      percentilesOf(
        t!,
        (args) => {
          const first = k[1];
          if (Array.isArray(first)) {
            return first as number[];
          }
          return constPercents(k, 1) ?? (Array.isArray(args[1]) ? (args[1] as number[]) : (args.slice(1) as number[]));
        },
        false,
      ) as AggregateImpl,
  },
  { name: 'variance', bind: (_t, r) => moments(r, sampleVariance, null) as AggregateImpl },
  { name: 'varianceif', bind: (_t, r) => moments(r, sampleVariance, 1) as AggregateImpl },
  { name: 'variancep', bind: (_t, r) => moments(r, populationVariance, null) as AggregateImpl },
  { name: 'variancepif', bind: (_t, r) => moments(r, populationVariance, 1) as AggregateImpl },
  { name: 'stdev', bind: (_t, r) => moments(r, sqrt(sampleVariance), null) as AggregateImpl },
  { name: 'stdevif', bind: (_t, r) => moments(r, sqrt(sampleVariance), 1) as AggregateImpl },
  { name: 'stdevp', bind: (_t, r) => moments(r, sqrt(populationVariance), null) as AggregateImpl },
];
