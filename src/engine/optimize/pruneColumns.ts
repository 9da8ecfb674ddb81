/**
 * Prune unused columns early: a column an `extend` appends that nothing above reads before a
 * `project`, `project-away`/`-keep`, `summarize` or `count` drops it is never computed
 * (`extend h = hourofday(T) | summarize count() by Computer`). What each operator needs is followed
 * down through where, sort, top and take; any other operator needs every column of its input.
 */
import { columnsRead } from '../plan/exprFacts';
import type { ColumnDef, Expr, NamedExpr, Plan } from '../plan/types';
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
  switch (plan.k) {
    case 'shared': {
      // Read from several places: every column stays.
      const done = shared.get(plan.id);
      if (done) {
        return done;
      }
      const out = mapInputs(plan, (p) => prune(p, 'all', shared));
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
      return passThrough(plan, withReads(needed, [plan.predicate]), shared);
    case 'sort':
    case 'top':
      return passThrough(
        plan,
        withReads(
          needed,
          plan.keys.map((k) => k.expr),
        ),
        shared,
      );
    case 'take':
      return passThrough(plan, needed, shared);
    case 'extend':
      return pruneExtend(plan, needed, shared);
    case 'table':
      return narrowTable(plan, needed);
    case 'join':
      return pruneJoin(plan, needed, shared);
    default:
      return mapInputs(plan, (p) => prune(p, 'all', shared));
  }
}

function pruneExtend(plan: Extract<Plan, { k: 'extend' }>, needed: Needed, shared: Map<number, Plan>): Plan {
  if (needed === 'all') {
    return withInput(plan, prune(plan.input, 'all', shared));
  }
  const isInputColumn = inputColumnTest(plan.input.schema, plan.columns.length);
  // Last to first: a kept column's reads keep the earlier columns of the same extend it names.
  const live = new Set(needed);
  let everything = false;
  const keep: boolean[] = new Array(plan.columns.length);
  let keptCount = 0;
  for (let i = plan.columns.length - 1; i >= 0; i--) {
    const c = plan.columns[i]!;
    const names = namesOf(c);
    if (!everything && names.every((n) => !isInputColumn(n) && !live.has(n))) {
      keep[i] = false;
      continue;
    }
    keep[i] = true;
    keptCount++;
    if (!columnsRead(c.expr, live)) {
      everything = true;
    }
  }
  const input = prune(plan.input, everything ? 'all' : live, shared);
  if (keptCount === 0) {
    return input;
  }
  if (keptCount === plan.columns.length && input === plan.input) {
    return plan;
  }
  const kept = plan.columns.filter((_, i) => keep[i]);
  const dropped = new Set(plan.columns.filter((_, i) => !keep[i]).flatMap(namesOf));
  // Input columns no longer there (a narrowed table below) leave the output too; appended ones stay.
  const stillThere = input === plan.input ? () => true : inputColumnTest(input.schema, plan.schema.length);
  const schema = plan.schema.filter((c) => !dropped.has(c.name) && (!isInputColumn(c.name) || stillThere(c.name)));
  return kept.length === plan.columns.length && schema.length === plan.schema.length
    ? withInput(plan, input)
    : { ...plan, input, columns: kept, schema };
}

const namesOf = (c: NamedExpr): readonly string[] => (c.outputs ? c.outputs.map((o) => o.name) : [c.name]);

/**
 * Whether a name is one of the input's columns. A Set of a wide table's 50–100 names costs more than
 * the few look-ups an extend of a column or two makes, so those scan the schema instead.
 */
function inputColumnTest(schema: readonly ColumnDef[], lookups: number): (name: string) => boolean {
  if (lookups <= 4) {
    return (name) => schema.some((c) => c.name === name);
  }
  const names = new Set(schema.map((c) => c.name));
  return (name) => names.has(name);
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
    at < 0 ? [] : positions(was, now).map((i) => plan.schema[at + i]!);
  const schema = [...outputs(left, newLeft.schema, sides.left), ...outputs(right, newRight.schema, sides.right)];
  return { ...plan, left: newLeft, right: newRight, schema };
}

/**
 * Where each of a pruned side's columns was in its schema before. Pruning keeps the columns' order, so
 * one forward scan finds them all (a wide side's findIndex per column was quadratic); a name found out
 * of order is looked up from the start.
 */
function positions(was: readonly ColumnDef[], now: readonly ColumnDef[]): number[] {
  let j = 0;
  return now.map((c) => {
    while (j < was.length && was[j]!.name !== c.name) {
      j++;
    }
    if (j === was.length) {
      j = was.findIndex((w) => w.name === c.name);
    }
    return j++;
  });
}

/** A stored table read for some of its columns only: its schema narrowed to them (in its order). */
function narrowTable(plan: Extract<Plan, { k: 'table' }>, needed: Needed): Plan {
  if (needed === 'all' || plan.schema.every((c) => needed.has(c.name))) {
    return plan;
  }
  const schema = plan.schema.filter((c) => needed.has(c.name));
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

/** What the node's input must give: what the operator above needs and what `exprs` read (the same Set where they add nothing). */
function withReads(needed: Needed, exprs: readonly Expr[]): Needed {
  if (needed === 'all') {
    return 'all';
  }
  const reads = readsOf(exprs);
  if (reads === 'all') {
    return 'all';
  }
  for (const name of reads) {
    if (!needed.has(name)) {
      const out = new Set(needed);
      reads.forEach((n) => out.add(n));
      return out;
    }
  }
  return needed;
}
