/** Hash aggregation for summarize (and distinct): nested maps per key, one state per group and aggregate. */
import { type Column, columnFromValues } from '../column';
import { type AggregateFunction, type AggregateImpl, aggregateFunction, UnsupportedError } from '../functions';
import { columnsRead } from '../plan/exprFacts';
import type { AggregateCall, Expr, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { hashKey } from '../valueCompare';
import { Int64, type KqlType, type Value } from '../values';
import { columnReader, type Evaluator } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, constantOf } from './expr';
import { runTypedFold } from './fastAggregates';
import { binKeyIds, chargeGroup, type KeyIds, keyIds } from './groupKeyIds';
import { hashBeatsDirectTable, hashedGroups, hashedWideGroups } from './hashedGroups';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export interface BoundAggregate {
  readonly fn: AggregateFunction;
  readonly call: AggregateCall;
  readonly impl: AggregateImpl;
  readonly args: Evaluator[];
}

export function bindAggregate(call: AggregateCall, input: Table, ctx: ExecContext): BoundAggregate {
  const fn = aggregateFunction(call.name);
  if (!fn) {
    throw ctx.errors.at(
      call.span,
      'KQL-UNSUPPORTED',
      `The aggregate function '${call.name}' is not supported by the embedded engine.`,
    );
  }
  let impl: AggregateImpl;
  try {
    impl = fn.bind(
      call.args.map((a) => a.type),
      call.outputs[0]?.type ?? 'dynamic',
      ctx.call,
      call.args.map(constantOf),
    );
  } catch (e) {
    if (e instanceof UnsupportedError) {
      throw ctx.errors.at(
        call.span,
        'KQL-UNSUPPORTED',
        `The aggregate function '${call.name}' with these arguments is not supported by the embedded engine (${e.message}).`,
      );
    }
    throw e;
  }
  const args = call.args.map((a) => compileExpr(a, input, ctx));
  const exact = fn.readsExactLongs === true;
  return {
    fn,
    call,
    impl,
    args: exact ? args : args.map((a, i) => (EXACT_INTEGER_TYPES.has(call.args[i]!.type) ? asDouble(a) : a)),
  };
}

/**
 * Longs past 2^53 reach an aggregate that does not read them as their nearest double. Datetimes and
 * timespans past 2^53 ticks pass as Int64s (their valueOf is that double), so arg_max(TimeGenerated, *)
 * pays no wrapper per row.
 */
const EXACT_INTEGER_TYPES = new Set<KqlType>(['long']);

function asDouble(read: Evaluator): Evaluator {
  return (row) => {
    const v = read(row);
    return v instanceof Int64 ? Number(v.big) : v;
  };
}

/** Column types whose grouping is exact equality of the values an expression can see. */
const EXACTLY_GROUPED = new Set<KqlType>(['string', 'guid', 'bool', 'int', 'long', 'real', 'datetime', 'timespan']);

/**
 * A computed key (strcat(RemoteIp, ":", Port), bin(TimeGenerated, 1h)) that reads at most a few
 * columns: rows are grouped by those columns first, and the expression is computed once per group.
 */
export function derivedKeyIds(
  expr: Expr,
  keyFn: Evaluator,
  type: KqlType,
  input: Table,
  ctx: ExecContext,
): KeyIds | undefined {
  const names = columnsRead(expr);
  if (!names || names.size === 0 || names.size > 3) {
    return undefined;
  }
  const refs = [...names];
  const cols = refs.map((r) => input.column(r));
  if (!cols.every((c): c is Column => c !== undefined && EXACTLY_GROUPED.has(c.type))) {
    return undefined;
  }
  const inner = groupRows(
    cols.map(columnReader),
    cols.map((c) => c.type),
    input,
    ctx,
    refs,
    [],
    true,
  );
  const outerOf = new Int32Array(inner.firstRows.length);
  const seen = new Map<string | number, number>();
  inner.firstRows.forEach((row, g) => {
    const key = hashKey(keyFn(row), type);
    let id = seen.get(key);
    if (id === undefined) {
      id = seen.size;
      chargeGroup(id);
      seen.set(key, id);
    }
    outerOf[g] = id;
  });
  const n = input.rowCount;
  const ids = new Int32Array(n);
  const groupOf = inner.groupOf;
  for (let i = 0; i < n; i++) {
    ids[i] = outerOf[groupOf[i]!]!;
  }
  return { ids, cardinality: Math.max(1, seen.size) };
}

/** Assigns each row a group number; returns the per-row groups and the first row of each group. */
export function groupRows(
  keyFns: readonly Evaluator[],
  keyTypes: readonly KqlType[],
  input: Table,
  ctx: ExecContext,
  keyColumns: readonly (string | undefined)[] = [],
  keyExprs: readonly Expr[] = [],
  keepNegativeZero = false,
): { groupOf: Int32Array; firstRows: number[] } {
  const n = input.rowCount;
  const groupOf = new Int32Array(n);
  const firstRows: number[] = [];
  if (keyFns.length === 0) {
    return { groupOf, firstRows: [0] };
  }
  const perKey = keyFns.map((f, k) => {
    const name = keyColumns[k];
    const found = name !== undefined ? input.column(name) : undefined;
    if (found && found.type === keyTypes[k]) {
      return keyIds(f, keyTypes[k]!, found, n, ctx, keepNegativeZero);
    }
    const expr = keyExprs[k];
    return (
      (expr && (binKeyIds(expr, input, ctx) ?? derivedKeyIds(expr, f, keyTypes[k]!, input, ctx))) ??
      keyIds(f, keyTypes[k]!, undefined, n, ctx, keepNegativeZero)
    );
  });
  const span = perKey.reduce((p, k) => p * k.cardinality, 1);
  if (span <= 1 << 20 && hashBeatsDirectTable(span, n)) {
    // Few rows over a wide span of combinations: their ids hashed, not a table of the whole span.
    const ids = new Int32Array(n);
    for (const key of perKey) {
      const { cardinality, offset = 0 } = key;
      const keyIds = key.ids;
      for (let i = 0; i < n; i++) {
        ids[i] = ids[i]! * cardinality + keyIds[i]! + offset;
      }
    }
    hashedGroups(ids, n, groupOf, firstRows, ctx);
    return { groupOf, firstRows };
  }
  if (span <= 1 << 20) {
    // Few enough combinations: a direct table from combined id to group.
    const table = new Int32Array(span).fill(-1);
    if (perKey.length <= 2) {
      const a = perKey[0]!;
      const b = perKey[1];
      combineTwo(
        a.ids,
        a.offset ?? 0,
        b ? b.ids : a.ids,
        b ? (b.offset ?? 0) : 0,
        b ? b.cardinality : 0,
        n,
        table,
        groupOf,
        firstRows,
      );
      return { groupOf, firstRows };
    }
    for (let i = 0; i < n; i++) {
      let id = 0;
      for (let k = 0; k < perKey.length; k++) {
        const key = perKey[k]!;
        id = id * key.cardinality + key.ids[i]! + (key.offset ?? 0);
      }
      groupOf[i] = groupFor(table, id, i, firstRows);
    }
    return { groupOf, firstRows };
  }
  if (span <= Number.MAX_SAFE_INTEGER) {
    // Each combination a number below 2^53: hashed in a typed table rather than a Map.
    const ids = new Float64Array(n);
    for (const key of perKey) {
      const { cardinality, offset = 0 } = key;
      const keyIds = key.ids;
      for (let i = 0; i < n; i++) {
        ids[i] = ids[i]! * cardinality + keyIds[i]! + offset;
      }
    }
    hashedWideGroups(ids, n, groupOf, firstRows, ctx, chargeGroup);
    return { groupOf, firstRows };
  }
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    // Past 2^53 combinations a number would not tell them apart: the ids joined as text.
    const key = perKey.map((k) => k.ids[i]! + (k.offset ?? 0)).join(',');
    let g = map.get(key);
    if (g === undefined) {
      g = firstRows.length;
      chargeGroup(g);
      map.set(key, g);
      firstRows.push(i);
    }
    groupOf[i] = g;
  }
  return { groupOf, firstRows };
}

/**
 * Groups of one or two keys through the direct table, in one loop with everything it reads in locals
 * (`cardinalityB` 0: one key). Group numbers follow first appearance.
 */
function combineTwo(
  idsA: Int32Array,
  offsetA: number,
  idsB: Int32Array,
  offsetB: number,
  cardinalityB: number,
  n: number,
  table: Int32Array,
  groupOf: Int32Array,
  firstRows: number[],
): void {
  const two = cardinalityB > 0;
  for (let i = 0; i < n; i++) {
    const a = idsA[i]! + offsetA;
    const id = two ? a * cardinalityB + idsB[i]! + offsetB : a;
    groupOf[i] = groupFor(table, id, i, firstRows);
  }
}

/** The group of combined key id `id` (−1 in `table` until seen), numbered in order of first appearance. */
function groupFor(table: Int32Array, id: number, row: number, firstRows: number[]): number {
  let g = table[id]!;
  if (g < 0) {
    g = firstRows.length;
    table[id] = g;
    firstRows.push(row);
  }
  return g;
}

/** Each group's aggregate state after stepping through its rows with the arguments' values. */
function foldGroups(
  impl: AggregateImpl,
  args: readonly Evaluator[],
  groupOf: Int32Array,
  groupCount: number,
  n: number,
  ctx: ExecContext,
): unknown[] {
  const states: unknown[] = new Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    states[g] = impl.init();
  }
  const argc = args.length;
  const values: Value[] = new Array(argc);
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (let k = 0; k < argc; k++) {
      values[k] = args[k]!(i);
    }
    const g = groupOf[i]!;
    states[g] = impl.step(states[g], values);
  }
  return states;
}

/**
 * arg_max/arg_min with more than the compared argument (`arg_max(TimeGenerated, *)` carries every
 * column): the same aggregate over (value, row number) picks each group's winning row, then the
 * other arguments are read at that row only, instead of evaluating and copying all of them on every
 * row that improves. Undefined for other aggregates.
 */
function runArgExtreme(
  a: BoundAggregate,
  groupOf: Int32Array,
  groupCount: number,
  n: number,
  ctx: ExecContext,
): Value[] | undefined {
  if (!a.fn.picksRow || a.args.length < 2) {
    return undefined;
  }
  const fn = a.fn;
  const compared = a.call.args[0]!;
  const impl = fn.bind([compared.type, 'long'], compared.type, ctx.call, [constantOf(compared), undefined]);
  const key = a.args[0]!;
  const states = foldGroups(impl, [key, (row) => row], groupOf, groupCount, n, ctx);
  const empty = a.impl.result(a.impl.init()) as Value[];
  return states.map((state) => {
    const [value, row] = impl.result(state) as Value[];
    if (typeof row !== 'number') {
      return empty;
    }
    return [value ?? null, ...a.args.slice(1).map((f) => f(row))];
  });
}

export function runSummarize(plan: P<'summarize'>, input: Table, ctx: ExecContext): Table {
  const keyFns = plan.keys.map((k) => compileExpr(k.expr, input, ctx));
  const keyColumns = plan.keys.map((k) => (k.expr.k === 'column' ? k.expr.name : undefined));
  const { groupOf, firstRows } = groupRows(
    keyFns,
    plan.keys.map((k) => k.expr.type),
    input,
    ctx,
    keyColumns,
    plan.keys.map((k) => k.expr),
  );
  const groupCount = plan.keys.length === 0 ? 1 : firstRows.length;
  const aggregates = plan.aggregates.map((a) => bindAggregate(a, input, ctx));
  const n = input.rowCount;
  const results = aggregates.map((a) => {
    const arg = a.call.args[0];
    const column = arg?.k === 'column' ? input.column(arg.name) : undefined;
    const folded = runTypedFold(
      a.fn,
      a.call,
      a.impl,
      a.args,
      groupOf,
      groupCount,
      n,
      ctx,
      column?.type === arg?.type ? column : undefined,
    );
    if (folded) {
      return folded;
    }
    const extreme = runArgExtreme(a, groupOf, groupCount, n, ctx);
    if (extreme) {
      return extreme;
    }
    const st = foldGroups(a.impl, a.args, groupOf, groupCount, n, ctx);
    return st.map((x) => a.impl.result(x));
  });
  const cols: TableColumn[] = [];
  plan.keys.forEach((k, i) => {
    const f = keyFns[i]!;
    cols.push({
      name: plan.schema[i]!.name,
      column: columnFromValues(
        plan.schema[i]!.type,
        firstRows.map((r) => f(r)),
      ),
    });
  });
  aggregates.forEach((a, j) => {
    const outputs = a.call.outputs;
    const result = results[j]!;
    outputs.forEach((o, k) => {
      const values =
        outputs.length === 1 && !a.fn.multiOutput
          ? (result as Value[])
          : result.map((r) => (r as readonly Value[])[k] ?? null);
      cols.push({ name: o.name, column: columnFromValues(o.type, values) });
    });
  });
  return new Table(cols, groupCount);
}
