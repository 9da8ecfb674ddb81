/**
 * The t-digest family: tdigest (aggregate), tdigest_merge/merge_tdigest (aggregate and scalar),
 * percentile_tdigest, percentiles_array_tdigest, rank_tdigest and percentrank_tdigest.
 *
 * Kusto's tdigest value is an intermediate sketch whose form only its own functions read; on small
 * inputs the reference shows it as [[7], [distinct values…], [counts…]]. This engine computes
 * percentiles exactly (aggregateStatistics.ts), so its digest is exact too and keeps that outer
 * shape: [[type], [distinct values…], [total weight of each value…]], where `type` is the KQL type
 * name of the digested column ("long", "real", "datetime", …) and datetime/timespan values are kept
 * as ticks. Only the functions of this module read it. Percentiles are then the weighted nearest
 * rank of percentilew, so percentile_tdigest(tdigest(x), p) equals percentile(x, p), and merging
 * digests adds the weights of equal values.
 */
import type { DynamicValue, KqlType, Value } from '../values';
import { isNumericType } from '../values';
import { weightedNearestRank } from './aggregateWeightedPercentiles';
import { convertValue } from './convert';
import { num, scalar } from './define';
import { EvaluationError, type AggregateFunction, type AggregateImpl, type ScalarFunction } from './types';

const DIGEST_TYPES: readonly KqlType[] = ['int', 'long', 'real', 'decimal', 'datetime', 'timespan'];

interface Digest {
  type: KqlType | null;
  weights: Map<number, number>;
}

function render(d: Digest, fallbackType: KqlType): DynamicValue {
  const values = [...d.weights.keys()];
  return [[d.type ?? fallbackType], values, values.map((v) => d.weights.get(v)!)];
}

/** A digest this module made, or null for anything else (null, foreign or damaged values). */
function digestOf(v: Value): Digest | null {
  if (!Array.isArray(v) || v.length !== 3) {
    return null;
  }
  const [mark, values, weights] = v;
  const type = Array.isArray(mark) && mark.length === 1 ? mark[0] : undefined;
  if (
    typeof type !== 'string' ||
    !DIGEST_TYPES.includes(type as KqlType) ||
    !Array.isArray(values) ||
    !Array.isArray(weights) ||
    values.length !== weights.length ||
    !values.every((x) => typeof x === 'number') ||
    !weights.every((w) => typeof w === 'number' && w > 0)
  ) {
    return null;
  }
  const d: Digest = { type: type as KqlType, weights: new Map() };
  (values as number[]).forEach((x, i) => d.weights.set(x, (d.weights.get(x) ?? 0) + (weights[i] as number)));
  return d;
}

function add(d: Digest, value: number, weight: number): void {
  d.weights.set(value, (d.weights.get(value) ?? 0) + weight);
}

/** Folds `from` into `into`; the reference requires the digests of one merge to share a type. */
function mergeInto(into: Digest, from: Digest): void {
  if (into.type !== null && from.type !== into.type) {
    throw new EvaluationError(
      `tdigest_merge: cannot merge a tdigest of ${from.type} into one of ${into.type}; all digests must be of the same type`,
    );
  }
  into.type = from.type;
  for (const [v, w] of from.weights) {
    add(into, v, w);
  }
}

function digester(type: KqlType, weighted: boolean): AggregateImpl<Digest> {
  return {
    init: () => ({ type: DIGEST_TYPES.includes(type) ? type : null, weights: new Map() }),
    step: (d, args) => {
      const v = args[0];
      // Rows whose value or weight is null, or whose weight is not positive, add nothing (as percentilew).
      const w = weighted ? num(args[1] ?? null) : 1;
      if (typeof v === 'number' && !Number.isNaN(v) && w !== null && w > 0) {
        add(d, v, w);
      }
      return d;
    },
    // No values, the empty input of the reference's table of defaults included, give null ("all others").
    result: (d) => (d.weights.size === 0 ? null : render(d, type)),
  };
}

function merger(): AggregateImpl<Digest> {
  return {
    init: () => ({ type: null, weights: new Map() }),
    step: (d, args) => {
      const from = digestOf(args[0] ?? null);
      if (from !== null) {
        mergeInto(d, from);
      }
      return d;
    },
    // A group without any digest merges to null: there is no type to give the result.
    result: (d) => (d.type === null ? null : render(d, d.type)),
  };
}

/** The digest's values in ascending order with their weights, and the total weight. */
function sorted(d: Digest): { entries: { v: number; w: number }[]; total: number } {
  const entries = [...d.weights].map(([v, w]) => ({ v, w })).sort((a, b) => a.v - b.v);
  return { entries, total: entries.reduce((t, e) => t + e.w, 0) };
}

/** A digest value as the call's result type (the typeof(T) argument, or dynamic without it). */
function asResult(v: Value, digestType: KqlType, resultType: KqlType): Value {
  return v === null ? null : convertValue(v, digestType, resultType);
}

/** Numbers, datetimes and timespans only compare within their own kind. */
function sameKind(a: KqlType, b: KqlType): boolean {
  return a === b || (isNumericType(a) && isNumericType(b));
}

/** The total weight of the digest's values at or below `value` (rank_tdigest), or null. */
function rankOf(digest: Value, value: Value, valueType: KqlType): { rank: number; total: number } | null {
  const d = digestOf(digest);
  const x = num(value);
  if (
    d === null ||
    x === null ||
    typeof value !== 'number' ||
    !sameKind(d.type!, valueType === 'dynamic' ? 'real' : valueType)
  ) {
    return null;
  }
  let rank = 0;
  let total = 0;
  for (const [v, w] of d.weights) {
    total += w;
    if (v <= x) {
      rank += w;
    }
  }
  return { rank, total };
}

function percentileValues(digest: Value, percents: readonly Value[]): { type: KqlType; values: Value[] } | null {
  const d = digestOf(digest);
  if (d === null) {
    return null;
  }
  const { entries, total } = sorted(d);
  return {
    type: d.type!,
    values: percents.map((p) =>
      typeof p === 'number' && !Number.isNaN(p) ? weightedNearestRank(entries, total, p) : null,
    ),
  };
}

const scalarMerge = (name: string): ScalarFunction =>
  scalar(name, () => (args) => {
    const d: Digest = { type: null, weights: new Map() };
    for (const a of args) {
      const from = digestOf(a ?? null);
      if (from !== null) {
        mergeInto(d, from);
      }
    }
    return d.type === null ? null : render(d, d.type);
  });

export const tdigestAggregates: AggregateFunction[] = [
  { name: 'tdigest', bind: (types) => digester(types[0] ?? 'real', types.length > 1) as AggregateImpl },
  { name: 'tdigest_merge', aliases: ['merge_tdigest'], bind: () => merger() as AggregateImpl },
];

export const tdigestFunctions: ScalarFunction[] = [
  scalarMerge('tdigest_merge'),
  scalarMerge('merge_tdigest'),
  scalar('percentile_tdigest', (_types, resultType) => (args) => {
    const out = percentileValues(args[0] ?? null, [args[1] ?? null]);
    return out === null ? null : asResult(out.values[0] ?? null, out.type, resultType);
  }),
  // (digest, p1, p2, …) or (digest, dynamic([p…]) [, typeof(T)]): a dynamic array, one value per percent,
  // each converted to T when a type is given.
  scalar('percentiles_array_tdigest', (types) => {
    const listed = types[1] === 'dynamic';
    return (args) => {
      const percents = listed ? (Array.isArray(args[1]) ? (args[1] as Value[]) : []) : args.slice(1);
      const out = percentileValues(args[0] ?? null, percents);
      if (out === null) {
        return null;
      }
      const elementType =
        listed && typeof args[2] === 'string' && DIGEST_TYPES.includes(args[2] as KqlType)
          ? (args[2] as KqlType)
          : out.type;
      return out.values.map(
        (v) => asResult(asResult(v, out.type, elementType), elementType, 'dynamic') as DynamicValue,
      );
    };
  }),
  scalar(
    'rank_tdigest',
    (types) => (args) => rankOf(args[0] ?? null, args[1] ?? null, types[1] ?? 'dynamic')?.rank ?? null,
  ),
  scalar('percentrank_tdigest', (types) => (args) => {
    const r = rankOf(args[0] ?? null, args[1] ?? null, types[1] ?? 'dynamic');
    return r === null || r.total === 0 ? null : (r.rank * 100) / r.total;
  }),
];
