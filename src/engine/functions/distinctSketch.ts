/**
 * hll, hll_if, hll_merge (aggregate and scalar) and dcount_hll. Kusto's hll value is an opaque
 * HyperLogLog sketch whose binary form the reference says may change; this engine's dcount is exact,
 * so its "sketch" is exact too: a self-consistent dynamic value of the same outer shape as Kusto's
 * sparse form, [["exact"], [distinct keys…], []], which only our own hll_merge and dcount_hll read.
 * dcount_hll(hll(x)) therefore equals dcount(x), and merging is a set union.
 * Keys are dcount's keys (format.hashKey), tagged with their JS type so that 1 and "1" stay apart.
 */
import { hashKey } from '../valueCompare';
import type { DynamicValue, KqlType, Value } from '../values';
import { scalar } from './define';
import type { AggregateFunction, AggregateImpl, ScalarFunction } from './types';

const MARK = 'exact';

function keyOf(v: Value, type: KqlType): string {
  const k = hashKey(v, type);
  return typeof k === 'number' ? `n:${k}` : `s:${k}`;
}

function render(keys: Set<string>): DynamicValue {
  return [[MARK], [...keys], []];
}

/** The keys of a sketch this module made, or null for anything else (null, foreign values). */
export function keysOf(sketch: Value): string[] | null {
  if (!Array.isArray(sketch) || sketch.length !== 3) {
    return null;
  }
  const [mark, keys] = sketch;
  if (!Array.isArray(mark) || mark[0] !== MARK || !Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) {
    return null;
  }
  return keys as string[];
}

function sketcher(type: KqlType, predicateIndex: number | null): AggregateImpl<Set<string>> {
  return {
    init: () => new Set(),
    step: (s, args) => {
      const v = args[0];
      if (v !== null && v !== undefined && (predicateIndex === null || args[predicateIndex] === true)) {
        s.add(keyOf(v, type));
      }
      return s;
    },
    // No values, the empty input of the reference's table of defaults included, give null ("all others").
    result: (s) => (s.size === 0 ? null : render(s)),
  };
}

function merger(): AggregateImpl<Set<string>> {
  return {
    init: () => new Set(),
    step: (s, args) => {
      for (const k of keysOf(args[0] ?? null) ?? []) {
        s.add(k);
      }
      return s;
    },
    result: render,
  };
}

export const sketchAggregates: AggregateFunction[] = [
  { name: 'hll', bind: ([t]) => sketcher(t ?? 'dynamic', null) as AggregateImpl },
  { name: 'hll_if', bind: ([t]) => sketcher(t ?? 'dynamic', 1) as AggregateImpl },
  { name: 'hll_merge', bind: () => merger() as AggregateImpl },
];

export const sketchFunctions: ScalarFunction[] = [
  // Scalar hll_merge(hll1, hll2, …): the union of the sketches; nulls and foreign values add nothing.
  scalar('hll_merge', () => (args) => {
    const keys = new Set<string>();
    for (const a of args) {
      for (const k of keysOf(a) ?? []) {
        keys.add(k);
      }
    }
    return render(keys);
  }),
  scalar('dcount_hll', () => (args) => {
    const keys = keysOf(args[0] ?? null);
    return keys === null ? null : keys.length;
  }),
];
