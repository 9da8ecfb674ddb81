/** Hash aggregation for summarize (and distinct): nested maps per key, one state per group and aggregate. */
import { columnFromValues, StringColumn } from '../column';
import { aggregateFunction, UnsupportedError, type AggregateImpl } from '../functions';
import { hashKey } from '../format';
import type { AggregateCall, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { Value } from '../values';
import { CHECK_INTERVAL, type ExecContext } from './context';
import { compileExpr, constantOf, type Evaluator } from './expr';
import { materialized } from './lazy';

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export interface BoundAggregate {
  readonly call: AggregateCall;
  readonly impl: AggregateImpl;
  readonly args: Evaluator[];
}

export function bindAggregate(call: AggregateCall, input: Table, ctx: ExecContext): BoundAggregate {
  const fn = aggregateFunction(call.name);
  if (!fn) {
    throw ctx.errors.at(call.span, 'KQL-UNSUPPORTED', `The aggregate function '${call.name}' is not supported by the embedded engine.`);
  }
  let impl: AggregateImpl;
  try {
    impl = fn.bind(call.args.map((a) => a.type), call.outputs[0]?.type ?? 'dynamic', ctx.call, call.args.map(constantOf));
  } catch (e) {
    if (e instanceof UnsupportedError) {
      throw ctx.errors.at(call.span, 'KQL-UNSUPPORTED', `The aggregate function '${call.name}' with these arguments is not supported by the embedded engine (${e.message}).`);
    }
    throw e;
  }
  return { call, impl, args: call.args.map((a) => compileExpr(a, input, ctx)) };
}

/** Assigns each row a group number; returns the per-row groups and the first row of each group. */
export function groupRows(keyFns: readonly Evaluator[], keyTypes: readonly Value[], input: Table, ctx: ExecContext, keyColumnName?: string): { groupOf: Int32Array; firstRows: number[] } {
  const n = input.rowCount;
  const groupOf = new Int32Array(n);
  const firstRows: number[] = [];
  if (keyFns.length === 0) {
    return { groupOf, firstRows: [0] };
  }
  const found = keyColumnName !== undefined ? input.column(keyColumnName) : undefined;
  const single = found && materialized(found);
  if (single instanceof StringColumn) {
    // Group by dictionary code: no hashing of strings at all.
    const codes = single.codes;
    const byCode = new Int32Array(single.dict.length + 1).fill(-1);
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      const slot = codes[i]! + 1;
      let g = byCode[slot]!;
      if (g < 0) {
        g = firstRows.length;
        byCode[slot] = g;
        firstRows.push(i);
      }
      groupOf[i] = g;
    }
    return { groupOf, firstRows };
  }
  const root = new Map<unknown, unknown>();
  const last = keyFns.length - 1;
  for (let i = 0; i < n; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    let map = root;
    for (let k = 0; k < last; k++) {
      const key = hashKey(keyFns[k]!(i), keyTypes[k] as never);
      let next = map.get(key) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        map.set(key, next);
      }
      map = next;
    }
    const key = hashKey(keyFns[last]!(i), keyTypes[last] as never);
    let g = map.get(key) as number | undefined;
    if (g === undefined) {
      g = firstRows.length;
      map.set(key, g);
      firstRows.push(i);
    }
    groupOf[i] = g;
  }
  return { groupOf, firstRows };
}

export function runSummarize(plan: P<'summarize'>, input: Table, ctx: ExecContext): Table {
  const keyFns = plan.keys.map((k) => compileExpr(k.expr, input, ctx));
  const keyColumn = plan.keys.length === 1 && plan.keys[0]!.expr.k === 'column' ? (plan.keys[0]!.expr as { name: string }).name : undefined;
  const { groupOf, firstRows } = groupRows(keyFns, plan.keys.map((k) => k.expr.type), input, ctx, keyColumn);
  const groupCount = plan.keys.length === 0 ? 1 : firstRows.length;
  const aggregates = plan.aggregates.map((a) => bindAggregate(a, input, ctx));
  const states = aggregates.map((a) => {
    const s: unknown[] = new Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      s[g] = a.impl.init();
    }
    return s;
  });
  const n = input.rowCount;
  for (let j = 0; j < aggregates.length; j++) {
    const { impl, args } = aggregates[j]!;
    const st = states[j]!;
    const argc = args.length;
    const values: Value[] = new Array(argc);
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      for (let a = 0; a < argc; a++) {
        values[a] = args[a]!(i);
      }
      const g = groupOf[i]!;
      st[g] = impl.step(st[g], values);
    }
  }
  const cols: TableColumn[] = [];
  plan.keys.forEach((k, i) => {
    const f = keyFns[i]!;
    cols.push({ name: plan.schema[i]!.name, column: columnFromValues(plan.schema[i]!.type, firstRows.map((r) => f(r))) });
  });
  aggregates.forEach((a, j) => {
    const outputs = a.call.outputs;
    const results = states[j]!.map((s) => a.impl.result(s));
    outputs.forEach((o, k) => {
      const values = outputs.length === 1 && !aggregateFunction(a.call.name)!.multiOutput
        ? (results as Value[])
        : results.map((r) => (r as readonly Value[])[k] ?? null);
      cols.push({ name: o.name, column: columnFromValues(o.type, values) });
    });
  });
  return new Table(cols, groupCount);
}
