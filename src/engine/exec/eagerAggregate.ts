/**
 * `summarize` straight over a `join`, aggregating the left side before joining ("eager aggregation",
 * Yan & Larson). `VMConnection | join kind=fullouter (ServiceMapComputer_CL) on … | summarize
 * sum(BytesSent) by Computer, AzureVMSize_s` joins each of a million connection rows with ~24 hourly
 * computer records, 22 million pairs, only to add them up again. Summing the left rows per join key
 * and left group column first, then joining those partial sums, gives the same groups and totals:
 * a partial that meets k right rows is counted k times, as its rows would have been.
 *
 * Only where that identity holds: inner and outer joins (innerunique keeps one left row per key, so
 * partials would count rows it drops), group keys that are plain columns, and sum/min/max of a left
 * column or count(). Everything else returns undefined and runs as written.
 */
import type { AggregateCall, ColumnDef, NamedExpr, Plan, Span } from '../plan/types';
import { NumberColumn } from '../column';
import { Table } from '../table';
import type { ExecContext } from './context';
import { runJoin } from './join';
import { runSummarize } from './summarize';

type SummarizePlan = Extract<Plan, { k: 'summarize' }>;
type JoinPlan = Extract<Plan, { k: 'join' }>;

const DECOMPOSABLE = new Set(['sum', 'min', 'max', 'count']);
const EAGER_KINDS = new Set(['inner', 'leftouter', 'rightouter', 'fullouter']);

/** Whether the plan has the shape eager aggregation applies to (the tables are checked later). */
export function isEagerAggregationCandidate(plan: SummarizePlan): boolean {
  const join = plan.input;
  if (join.k !== 'join' || !EAGER_KINDS.has(join.kind) || plan.keys.length === 0 || plan.aggregates.length === 0) {
    return false;
  }
  return plan.keys.every((k) => k.expr.k === 'column')
    && plan.aggregates.every((a) => DECOMPOSABLE.has(a.name) && a.outputs.length === 1
      && (a.name === 'count' ? a.args.length === 0 : a.args.length === 1 && a.args[0]!.k === 'column'));
}

/**
 * The summarize's result computed by aggregating `left` first, or undefined when a column the plan
 * names does not come from where it has to (the caller then joins and summarizes as written).
 */
export function runEagerAggregation(plan: SummarizePlan, left: Table, right: Table, ctx: ExecContext): Table | undefined {
  const join = plan.input as JoinPlan;
  const leftCount = left.columns.length;
  // The join's output names its left columns as the left table does; the right ones may be renamed.
  if (join.schema.length !== leftCount + right.columns.length || left.columns.some((c, i) => join.schema[i]!.name !== c.name)) {
    return undefined;
  }
  const sideOf = (name: string): 'left' | 'right' | undefined => {
    const i = join.schema.findIndex((c) => c.name === name);
    return i < 0 ? undefined : i < leftCount ? 'left' : 'right';
  };
  const keySides = plan.keys.map((k) => sideOf((k.expr as { name: string }).name));
  const measures = plan.aggregates.map((a) => (a.name === 'count' ? undefined : (a.args[0] as { name: string }).name));
  if (keySides.includes(undefined) || measures.some((m) => m !== undefined && sideOf(m) !== 'left')) {
    return undefined;
  }
  const span = plan.span;
  const typeOf = (name: string) => left.columns.find((c) => c.name === name)!.column.type;

  // 1. Partial aggregates of the left side by its join keys and its group columns.
  const groupNames = [...new Set([...join.leftKeys, ...plan.keys.filter((_, i) => keySides[i] === 'left').map((k) => (k.expr as { name: string }).name)])];
  if (groupNames.some((n) => sideOf(n) !== 'left')) {
    return undefined;
  }
  const partialName = (i: number) => `\u0000partial${i}`;
  const partials: AggregateCall[] = plan.aggregates.map((a, i) => ({
    name: a.name,
    args: a.args,
    outputs: [{ name: partialName(i), type: a.name === 'count' ? 'long' : a.outputs[0]!.type }],
    span: a.span,
  }));
  const groupKeys: NamedExpr[] = groupNames.map((name) => ({ name, expr: { k: 'column', name, type: typeOf(name), span } }));
  const partialSchema: ColumnDef[] = [...groupKeys.map((k) => ({ name: k.name, type: k.expr.type })), ...partials.map((p) => p.outputs[0]!)];
  const partialPlan: SummarizePlan = { k: 'summarize', input: join.left, keys: groupKeys, aggregates: partials, span, schema: partialSchema };
  const partialTable = runSummarize(partialPlan, left, ctx);

  // 2. The partials joined with the right side, which keeps the names the original join gave it.
  const joinedSchema = [...partialSchema, ...join.schema.slice(leftCount)];
  let joined = runJoin({ ...join, schema: joinedSchema }, partialTable, right, ctx);

  // 3. The partials combined per group. count(): a right row no left row met counts as one row.
  const finals: AggregateCall[] = plan.aggregates.map((a, i) => {
    const arg = { k: 'column' as const, name: partialName(i), type: partials[i]!.outputs[0]!.type, span: a.span as Span };
    return { name: a.name === 'count' ? 'sum' : a.name, args: [arg], outputs: a.outputs, span: a.span };
  });
  plan.aggregates.forEach((a, i) => {
    if (a.name === 'count') {
      joined = withCountsOfUnmatched(joined, partialName(i));
    }
  });
  return runSummarize({ ...plan, input: join, aggregates: finals }, joined, ctx);
}

/** The column's counts, with 1 where it is null (a right row that met no left row). */
function withCountsOfUnmatched(table: Table, name: string): Table {
  const source = table.column(name)!;
  const counts = new Float64Array(table.rowCount);
  for (let i = 0; i < counts.length; i++) {
    counts[i] = source.isNull(i) ? 1 : (source.get(i) as number);
  }
  return new Table(table.columns.map((c) => (c.name === name ? { name, column: new NumberColumn('long', counts) } : c)), table.rowCount);
}
