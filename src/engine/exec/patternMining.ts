/**
 * What basket, autocluster and diffpatterns share: the input's dimensions encoded as distinct weighted
 * value tuples, closed patterns enumerated exactly, and the output table of patterns.
 *
 * A dimension is every input column but the weight column, diffpatterns' split column and dynamic
 * columns (a bag is not a discrete value): numbers, datetimes and bools are dimensions as strings are
 * (the reference's basket example reports DamageCrops = 0). Null, and the empty string, are never a
 * pattern's value: they print as the default wildcard, so a pattern holding them could not be read.
 */

import { columnBuilder } from '../column';
import { num } from '../functions/define';
import type { PatternOptions, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { hashKey } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { columnReader } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

/** Per dimension, the value id of each distinct tuple (-1: null or empty, never in a pattern). */
export interface Encoded {
  readonly names: readonly string[];
  readonly values: readonly (readonly Value[])[];
  readonly ids: readonly Int32Array[];
  /** Per group (one, or diffpatterns' A and B), each tuple's summed weight. */
  readonly weights: readonly Float64Array[];
  /** Per group, the summed weight of all its rows. */
  readonly totals: readonly number[];
  readonly count: number;
}

/** A pattern: per dimension the value id it requires, or -1 (the wildcard). */
export type Pattern = Int32Array;

/**
 * The input's dimension columns as distinct tuples, each with its summed weight per group;
 * `groupOf(row)` is the row's group, or -1 to leave it out (diffpatterns' rows in neither set).
 * A value for which `usable(weights per group, totals)` is false is dropped (as if null) before the
 * tuples are formed: a value too rare to be in any reported pattern is never in the closure of a
 * pattern's rows either, so dropping it changes no answer, and rows that differ only in rare values
 * (times, connection ids) fold into one tuple.
 */
export function encode(
  input: Table,
  options: PatternOptions,
  groups: number,
  groupOf: (row: number) => number,
  ctx: ExecContext,
  usable: (weights: readonly number[], totals: readonly number[]) => boolean = () => true,
): Encoded {
  const skip = new Set([options.weight, options.split?.column]);
  const dims = input.columns.filter((c) => !skip.has(c.name) && c.column.type !== 'dynamic');
  const types = dims.map((c) => c.column.type);
  const values: Value[][] = dims.map(() => []);
  const weightColumn = options.weight !== undefined ? input.column(options.weight) : undefined;
  const readWeight = weightColumn ? columnReader(weightColumn) : () => 1;
  // Pass 1: the rows taken, their group and weight, and each dimension's value ids with their weights.
  const taken: number[] = [];
  const rowGroup: number[] = [];
  const rowWeight: number[] = [];
  const totals = new Array<number>(groups).fill(0);
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const group = groupOf(i);
    const w = num(readWeight(i));
    if (group >= 0 && w !== null && w > 0) {
      taken.push(i);
      rowGroup.push(group);
      rowWeight.push(w);
      totals[group] = totals[group]! + w;
    }
  }
  const rowIds = dims.map((c, d) => {
    ctx.check();
    const read = columnReader(c.column);
    const valueIds = new Map<string | number, number>();
    const valueWeights: number[][] = [];
    const out = new Int32Array(taken.length);
    for (let r = 0; r < taken.length; r++) {
      const v = read(taken[r]!);
      if (v === null || v === '') {
        out[r] = -1;
        continue;
      }
      const key = hashKey(v, types[d]!);
      let id = valueIds.get(key);
      if (id === undefined) {
        id = values[d]!.length;
        valueIds.set(key, id);
        values[d]!.push(v);
        valueWeights.push(new Array<number>(groups).fill(0));
      }
      const vw = valueWeights[id]!;
      vw[rowGroup[r]!] = vw[rowGroup[r]!]! + rowWeight[r]!;
      out[r] = id;
    }
    const dropped = valueWeights.map((vw) => !usable(vw, totals));
    if (dropped.some(Boolean)) {
      for (let r = 0; r < out.length; r++) {
        if (out[r]! >= 0 && dropped[out[r]!]) {
          out[r] = -1;
        }
      }
    }
    return out;
  });
  // Pass 2: the distinct tuples.
  const tupleIds = new Map<string, number>();
  const ids: number[][] = dims.map(() => []);
  const weights: number[][] = Array.from({ length: groups }, () => []);
  const row = new Int32Array(dims.length);
  for (let r = 0; r < taken.length; r++) {
    if ((r & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (let d = 0; d < dims.length; d++) {
      row[d] = rowIds[d]![r]!;
    }
    const key = row.join(',');
    let t = tupleIds.get(key);
    if (t === undefined) {
      t = tupleIds.size;
      tupleIds.set(key, t);
      row.forEach((id, d) => ids[d]!.push(id));
      weights.forEach((g) => g.push(0));
    }
    const g = weights[rowGroup[r]!]!;
    g[t] = g[t]! + rowWeight[r]!;
  }
  return {
    names: dims.map((c) => c.name),
    values,
    ids: ids.map((a) => Int32Array.from(a)),
    weights: weights.map((a) => Float64Array.from(a)),
    totals,
    count: tupleIds.size,
  };
}

/** The pattern every one of `tuples` matches: each dimension on which they all hold one value. */
export function closure(e: Encoded, tuples: Int32Array): Pattern {
  const p = new Int32Array(e.ids.length).fill(-1);
  if (tuples.length === 0) {
    return p;
  }
  for (let d = 0; d < e.ids.length; d++) {
    const col = e.ids[d]!;
    const v = col[tuples[0]!]!;
    let same = v >= 0;
    for (let k = 1; same && k < tuples.length; k++) {
      same = col[tuples[k]!] === v;
    }
    p[d] = same ? v : -1;
  }
  return p;
}

/** The summed weight of `tuples` in each group. */
export function weightsOf(e: Encoded, tuples: Int32Array): number[] {
  return e.weights.map((w) => {
    let s = 0;
    for (let k = 0; k < tuples.length; k++) {
      s += w[tuples[k]!]!;
    }
    return s;
  });
}

/** A closed pattern and its rows' weight per group (its rows are not kept: there may be many patterns). */
export interface Found {
  readonly pattern: Pattern;
  readonly weights: readonly number[];
}

/**
 * Every closed pattern (no more specific pattern matches the same rows) whose rows pass `frequent`,
 * which must only get harder to pass as a pattern grows (it is tested on a pattern's weights per
 * group). Enumerated as LCM does (Uno et al., 2004): a pattern is extended by one dimension's value
 * at a time, to the closure of the rows that then match; an extension is kept only when it adds no
 * dimension before the one picked, so each closed pattern is reached once. `maxSteps` bounds the
 * dimensions picked in turn (the ones that come with a pick, always sharing its rows, are free).
 */
export function closedPatterns(
  e: Encoded,
  frequent: (weights: readonly number[]) => boolean,
  maxSteps: number,
  ctx: ExecContext,
): Found[] {
  const out: Found[] = [];
  const all = Int32Array.from({ length: e.count }, (_, i) => i);
  const rootWeights = weightsOf(e, all);
  if (e.count === 0 || !frequent(rootWeights)) {
    return out;
  }
  const root = closure(e, all);
  if (root.some((v) => v >= 0)) {
    out.push({ pattern: root, weights: rootWeights });
  }
  const extend = (p: Pattern, tuples: Int32Array, core: number, depth: number): void => {
    if (depth >= maxSteps) {
      return;
    }
    ctx.check();
    for (let d = core + 1; d < e.ids.length; d++) {
      if (p[d]! >= 0) {
        continue;
      }
      const col = e.ids[d]!;
      const byValue = new Map<number, number[]>();
      for (let k = 0; k < tuples.length; k++) {
        const v = col[tuples[k]!]!;
        if (v >= 0) {
          const list = byValue.get(v);
          if (list) {
            list.push(tuples[k]!);
          } else {
            byValue.set(v, [tuples[k]!]);
          }
        }
      }
      for (const list of byValue.values()) {
        const sub = Int32Array.from(list);
        const weights = weightsOf(e, sub);
        if (!frequent(weights)) {
          continue;
        }
        const q = closure(e, sub);
        let prefixKept = true;
        for (let before = 0; prefixKept && before < d; before++) {
          prefixKept = q[before] === p[before];
        }
        if (prefixKept) {
          out.push({ pattern: q, weights });
          extend(q, sub, d, depth + 1);
        }
      }
    }
  };
  extend(root, all, -1, 0);
  return out;
}

/** How many dimensions a pattern fixes. */
export function size(p: Pattern): number {
  let n = 0;
  for (let d = 0; d < p.length; d++) {
    n += p[d]! >= 0 ? 1 : 0;
  }
  return n;
}

/** Whether `general` fixes a subset of what `specific` fixes, to the same values. */
export function generalizes(general: Pattern, specific: Pattern): boolean {
  for (let d = 0; d < general.length; d++) {
    if (general[d]! >= 0 && general[d] !== specific[d]) {
      return false;
    }
  }
  return true;
}

/**
 * The output: per pattern, its statistics (the schema's first `stats.length` columns) and, in the
 * input's columns, its value or the wildcard (CustomWildcard of the column's type, else '' for
 * strings and null for the rest).
 */
export function patternTable(
  plan: Extract<Plan, { k: 'patterns' }>,
  e: Encoded,
  patterns: readonly Pattern[],
  stats: readonly (readonly Value[])[],
): Table {
  const statColumns = stats[0]?.length ?? plan.schema.length - plan.input.schema.length;
  const cols: TableColumn[] = plan.schema.map((c, k) => {
    const b = columnBuilder(c.type, patterns.length);
    const dim = k < statColumns ? -1 : e.names.indexOf(c.name);
    const wildcard = wildcardOf(plan.options, c.type);
    patterns.forEach((p, i) => {
      if (k < statColumns) {
        b.push(stats[i]![k]!);
      } else {
        b.push(dim >= 0 && p[dim]! >= 0 ? e.values[dim]![p[dim]!]! : wildcard);
      }
    });
    return { name: c.name, column: b.finish() };
  });
  return new Table(cols, patterns.length);
}

function wildcardOf(options: PatternOptions, type: KqlType): Value {
  const custom = options.wildcards[type];
  return custom !== undefined ? custom : type === 'string' ? '' : null;
}
