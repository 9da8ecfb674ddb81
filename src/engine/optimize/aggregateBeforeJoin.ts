/**
 * Aggregate before join ("eager aggregation", Yan & Larson): `summarize` straight over a `join`
 * aggregates the left side by its join keys and group columns first, then joins those partials.
 * `VMConnection | join kind=fullouter (ServiceMapComputer_CL) on … | summarize sum(BytesSent) by
 * Computer, AzureVMSize_s` otherwise joins each of a million connection rows with ~24 hourly computer
 * records, 22 million pairs, only to add them up again. A partial that meets k right rows is counted
 * k times, as its rows would have been, so the groups and totals are the same.
 *
 * Only where that identity holds: inner and outer joins (innerunique keeps one left row per key, so
 * partials would count rows it drops), group keys that are plain columns, and sum/min/max of a left
 * column or count(). Anything else stays as written.
 */
import { aggregateFunction } from '../functions';
import type { AggregateCall, ColumnDef, Expr, NamedExpr, Plan } from '../plan/types';
import { rewriteBottomUp } from './planWalk';
import type { OptimizerRule } from './rule';

type SummarizePlan = Extract<Plan, { k: 'summarize' }>;
type JoinPlan = Extract<Plan, { k: 'join' }>;

const DECOMPOSABLE = new Set(['sum', 'min', 'max', 'count']);
const EAGER_KINDS = new Set(['inner', 'leftouter', 'rightouter', 'fullouter']);

export const aggregateBeforeJoin: OptimizerRule = {
  name: 'aggregate before join',
  rewrite: (plan) =>
    rewriteBottomUp(plan, (node) => (node.k === 'summarize' && isCandidate(node) ? (eager(node) ?? node) : node)),
  mayApply: (facts) => facts.edges.has('summarize>join'),
};

function isCandidate(plan: SummarizePlan): boolean {
  const join = plan.input;
  if (join.k !== 'join' || !EAGER_KINDS.has(join.kind) || plan.keys.length === 0 || plan.aggregates.length === 0) {
    return false;
  }
  return (
    plan.keys.every((k) => k.expr.k === 'column') &&
    plan.aggregates.every(
      (a) =>
        DECOMPOSABLE.has(a.name) &&
        a.outputs.length === 1 &&
        (a.name === 'count' ? a.args.length === 0 : a.args.length === 1 && a.args[0]!.k === 'column'),
    )
  );
}

const columnName = (e: Expr): string => (e as Extract<Expr, { k: 'column' }>).name;

/** The summarize over partial aggregates joined, or undefined when a column it names is not where it has to be. */
function eager(plan: SummarizePlan): Plan | undefined {
  const join = plan.input as JoinPlan;
  const left = join.left.schema;
  const leftCount = left.length;
  // The join's output names its left columns as the left input does; the right ones may be renamed.
  if (
    join.schema.length !== leftCount + join.right.schema.length ||
    left.some((c, i) => join.schema[i]!.name !== c.name)
  ) {
    return undefined;
  }
  const sideOf = (name: string): 'left' | 'right' | undefined => {
    const i = join.schema.findIndex((c) => c.name === name);
    return i < 0 ? undefined : i < leftCount ? 'left' : 'right';
  };
  const keySides = plan.keys.map((k) => sideOf(columnName(k.expr)));
  const measures = plan.aggregates.map((a) => (a.name === 'count' ? undefined : columnName(a.args[0]!)));
  if (keySides.includes(undefined) || measures.some((m) => m !== undefined && sideOf(m) !== 'left')) {
    return undefined;
  }
  const groupNames = [
    ...new Set([
      ...join.leftKeys,
      ...plan.keys.filter((_, i) => keySides[i] === 'left').map((k) => columnName(k.expr)),
    ]),
  ];
  if (groupNames.some((n) => sideOf(n) !== 'left')) {
    return undefined;
  }
  const span = plan.span;
  const typeOf = (name: string) => left.find((c) => c.name === name)!.type;

  // 1. Partial aggregates of the left side by its join keys and its group columns.
  const partialName = (i: number) => `\u0000partial${i}`;
  const partials: AggregateCall[] = plan.aggregates.map((a, i) => ({
    name: a.name,
    args: a.args,
    // The function's own result type rule where it has one (count: long), else the type Kusto gave the call.
    outputs: [
      {
        name: partialName(i),
        type: aggregateFunction(a.name)?.resultType?.(a.args.map((x) => x.type)) ?? a.outputs[0]!.type,
      },
    ],
    span: a.span,
  }));
  const groupKeys: NamedExpr[] = groupNames.map((name) => ({
    name,
    expr: { k: 'column', name, type: typeOf(name), span },
  }));
  const partialSchema: ColumnDef[] = [
    ...groupKeys.map((k) => ({ name: k.name, type: k.expr.type })),
    ...partials.map((p) => p.outputs[0]!),
  ];
  const partial: SummarizePlan = {
    k: 'summarize',
    input: join.left,
    keys: groupKeys,
    aggregates: partials,
    span,
    schema: partialSchema,
  };

  // 2. The partials joined with the right side, which keeps the names the original join gave it.
  const joined: JoinPlan = { ...join, left: partial, schema: [...partialSchema, ...join.schema.slice(leftCount)] };

  // 3. The partials combined per group. count(): a right row no left row met counts as one row.
  const finals: AggregateCall[] = plan.aggregates.map((a, i) => {
    const type = partials[i]!.outputs[0]!.type;
    const partialColumn: Expr = { k: 'column', name: partialName(i), type, span: a.span };
    if (a.name !== 'count') {
      return { name: a.name, args: [partialColumn], outputs: a.outputs, span: a.span };
    }
    const one: Expr = { k: 'literal', value: 1, type: 'long', span: a.span };
    const counted: Expr = { k: 'call', name: 'coalesce', args: [partialColumn, one], type: 'long', span: a.span };
    return { name: 'sum', args: [counted], outputs: a.outputs, span: a.span };
  });
  return { ...plan, input: joined, aggregates: finals };
}
