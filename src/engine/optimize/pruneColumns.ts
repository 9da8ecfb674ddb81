/**
 * Prune unused columns early: a column an `extend` appends that nothing above reads before a
 * `project`, `project-away`/`-keep`, `summarize` or `count` drops it is never computed
 * (`extend h = hourofday(T) | summarize count() by Computer`). What each operator needs is followed
 * down through where, sort, top and take; any other operator needs every column of its input.
 */
import { columnsRead } from '../plan/exprFacts';
import type { Expr, NamedExpr, Plan } from '../plan/types';
import { mapInputs } from './planWalk';
import type { OptimizerRule } from './rule';

/** Names the operator above reads; 'all' when it may read any column. */
type Needed = ReadonlySet<string> | 'all';

export const pruneColumns: OptimizerRule = {
  name: 'prune unused columns',
  rewrite: (plan) => prune(plan, 'all', new Map()),
  // Only a table, an extend or a join is ever narrowed; every other node changes only with its input.
  mayApply: (facts) => facts.kinds.has('table') || facts.kinds.has('extend') || facts.kinds.has('join'),
};

function prune(plan: Plan, needed: Needed, shared: Map<number, Plan>): Plan {
  const all = (p: Plan) => prune(p, 'all', shared);
  switch (plan.k) {
    case 'shared': {
      // Read from several places: every column stays.
      const done = shared.get(plan.id);
      if (done) {
        return done;
      }
      const out = mapInputs(plan, all);
      shared.set(plan.id, out);
      return out;
    }
    case 'project':
      return withInput(plan, prune(plan.input, readsOf(plan.columns.map((c) => c.expr)), shared));
    case 'select':
      return withInput(plan, prune(plan.input, new Set(plan.sources), shared));
    case 'count':
      return withInput(plan, prune(plan.input, new Set(), shared));
    case 'summarize':
      return withInput(
        plan,
        prune(
          plan.input,
          readsOf([...plan.keys.map((k) => k.expr), ...plan.aggregates.flatMap((a) => a.args)]),
          shared,
        ),
      );
    case 'filter':
      return passThrough(plan, union(needed, readsOf([plan.predicate])), shared);
    case 'sort':
    case 'top':
      return passThrough(plan, union(needed, readsOf(plan.keys.map((k) => k.expr))), shared);
    case 'take':
      return passThrough(plan, needed, shared);
    case 'extend':
      return pruneExtend(plan, needed, shared);
    case 'table':
      return narrowTable(plan, needed);
    case 'join':
      return pruneJoin(plan, needed, shared);
    default:
      return mapInputs(plan, all);
  }
}

function pruneExtend(plan: Extract<Plan, { k: 'extend' }>, needed: Needed, shared: Map<number, Plan>): Plan {
  if (needed === 'all') {
    return withInput(plan, prune(plan.input, 'all', shared));
  }
  const inputNames = new Set(plan.input.schema.map((c) => c.name));
  // Last to first: a kept column's reads keep the earlier columns of the same extend it names.
  const live = new Set(needed);
  let everything = false;
  const kept: NamedExpr[] = [];
  for (let i = plan.columns.length - 1; i >= 0; i--) {
    const c = plan.columns[i]!;
    const names = c.outputs ? c.outputs.map((o) => o.name) : [c.name];
    const appended = names.every((n) => !inputNames.has(n));
    if (!everything && appended && names.every((n) => !live.has(n))) {
      continue;
    }
    kept.unshift(c);
    const reads = columnsRead(c.expr);
    if (reads) {
      reads.forEach((n) => live.add(n));
    } else {
      everything = true;
    }
  }
  const inputNeeded: Needed = everything ? 'all' : live;
  const input = prune(plan.input, inputNeeded, shared);
  const dropped = new Set(
    plan.columns.filter((c) => !kept.includes(c)).flatMap((c) => (c.outputs ? c.outputs.map((o) => o.name) : [c.name])),
  );
  // Input columns no longer there (a narrowed table below) leave the output too; appended ones stay.
  const inputNow = new Set(input.schema.map((c) => c.name));
  const schema = plan.schema.filter((c) => !dropped.has(c.name) && (inputNow.has(c.name) || !inputNames.has(c.name)));
  if (kept.length === 0) {
    return input;
  }
  return kept.length === plan.columns.length && schema.length === plan.schema.length
    ? withInput(plan, input)
    : { ...plan, input, columns: kept, schema };
}

/**
 * A join whose output is its inputs' columns side by side (named by position): each side keeps the
 * columns the operator above reads from it and its keys, and the output keeps those positions.
 */
function pruneJoin(plan: Extract<Plan, { k: 'join' }>, needed: Needed, shared: Map<number, Plan>): Plan {
  const left = plan.left.schema;
  const right = plan.right.schema;
  const sides =
    plan.kind === 'leftsemi' || plan.kind === 'leftanti'
      ? { left: 0, right: -1 }
      : plan.kind === 'rightsemi' || plan.kind === 'rightanti'
        ? { left: -1, right: 0 }
        : { left: 0, right: left.length };
  const width = (sides.left >= 0 ? left.length : 0) + (sides.right >= 0 ? right.length : 0);
  if (needed === 'all' || plan.schema.length !== width || left.length === 0 || right.length === 0) {
    return mapInputs(plan, (p) => prune(p, 'all', shared));
  }
  const readFrom = (cols: typeof left, at: number, keys: readonly string[]) =>
    new Set([
      ...keys,
      ...(at < 0 ? [] : cols.filter((_, i) => needed.has(plan.schema[at + i]!.name)).map((c) => c.name)),
    ]);
  const newLeft = prune(plan.left, readFrom(left, sides.left, plan.leftKeys), shared);
  const newRight = prune(plan.right, readFrom(right, sides.right, plan.rightKeys), shared);
  if (newLeft === plan.left && newRight === plan.right) {
    return plan;
  }
  const outputs = (was: typeof left, now: typeof left, at: number) =>
    at < 0 ? [] : now.map((c) => plan.schema[at + was.findIndex((w) => w.name === c.name)]!);
  const schema = [...outputs(left, newLeft.schema, sides.left), ...outputs(right, newRight.schema, sides.right)];
  return { ...plan, left: newLeft, right: newRight, schema };
}

/** A stored table read for some of its columns only: its schema narrowed to them (in its order). */
function narrowTable(plan: Extract<Plan, { k: 'table' }>, needed: Needed): Plan {
  if (needed === 'all' || plan.schema.length === 0) {
    return plan;
  }
  const schema = plan.schema.filter((c) => needed.has(c.name));
  if (schema.length === plan.schema.length) {
    return plan;
  }
  return { ...plan, schema, columns: schema.map((c) => c.name) };
}

/** An operator whose output has its input's columns: its schema follows its input's. */
function passThrough(
  plan: Extract<Plan, { k: 'filter' | 'sort' | 'top' | 'take' }>,
  needed: Needed,
  shared: Map<number, Plan>,
): Plan {
  const input = prune(plan.input, needed, shared);
  return input === plan.input ? plan : { ...plan, input, schema: input.schema };
}

function withInput(plan: Extract<Plan, { input: Plan }>, input: Plan): Plan {
  return input === plan.input ? plan : { ...plan, input };
}

function readsOf(exprs: readonly Expr[]): Needed {
  const into = new Set<string>();
  return exprs.every((e) => columnsRead(e, into)) ? into : 'all';
}

function union(a: Needed, b: Needed): Needed {
  return a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b]);
}
