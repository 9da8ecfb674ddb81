/**
 * top-nested: level by level, the rows are grouped by the level's key within each group its parent
 * level kept, each group is scored by the level's aggregation, and the best N groups of each parent
 * are kept (all of them without N). With `with others = V`, each parent also gets one row keyed V that
 * aggregates the rows of the groups left out. The result has one row per kept path through the levels,
 * in the order of the scores at each level; an "others" row has no deeper levels (their columns are
 * null), since its rows do not form one group to partition further.
 */
import type { Plan, TopNestedLevel } from '../plan/types';
import { Table } from '../table';
import type { KqlType, Value } from '../values';
import { countArgument } from './basic';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, type Evaluator } from './expr';
import { type BoundAggregate, bindAggregate, groupRows } from './summarize';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

const NO_ROWS = new Table([], 1);

/** Aggregation states, one per (group, aggregate call), folded row by row. */
class LevelAggregation {
  private readonly bound: BoundAggregate[];
  private readonly states: unknown[][];
  private readonly argValues: Value[][];

  constructor(
    level: TopNestedLevel,
    input: Table,
    ctx: ExecContext,
    private readonly groups: number,
  ) {
    this.bound = level.aggregates.map((a) => bindAggregate(a, input, ctx));
    this.states = this.bound.map((b) => Array.from({ length: groups }, () => b.impl.init()));
    this.argValues = this.bound.map((b) => new Array<Value>(b.args.length));
  }

  add(group: number, row: number): void {
    for (let a = 0; a < this.bound.length; a++) {
      const b = this.bound[a]!;
      const values = this.argValues[a]!;
      for (let i = 0; i < b.args.length; i++) {
        values[i] = b.args[i]!(row);
      }
      this.states[a]![group] = b.impl.step(this.states[a]![group], values);
    }
  }

  /** The level's figure for every group: its aggregation expression over the aggregates' results. */
  values(level: TopNestedLevel, ctx: ExecContext): Value[] {
    const columns = level.aggregates.map((a) => a.outputs[0]!);
    const rows = Array.from({ length: this.groups }, (_, g) =>
      this.bound.map((b, a) => b.impl.result(this.states[a]![g]) as Value),
    );
    const table = Table.fromRows(columns, rows);
    const value = compileExpr(level.value, table, ctx);
    return rows.map((_, g) => value(g));
  }
}

/** Scores compared best first: descending by default, nulls always last, ties in order of first appearance. */
function byScore(scores: readonly Value[], descending: boolean): (a: number, b: number) => number {
  return (a, b) => {
    const x = scores[a]!;
    const y = scores[b]!;
    if (x === null || y === null) {
      return x === y ? 0 : x === null ? 1 : -1;
    }
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  };
}

/** One output row under construction: the key and score of each level so far. */
type Path = readonly Value[];

export function runTopNested(plan: P<'topNested'>, input: Table, ctx: ExecContext): Table {
  const levels = plan.levels;
  const keyFns: Evaluator[] = levels.map((l) => compileExpr(l.key, input, ctx));
  const keyTypes: KqlType[] = levels.map((l) => l.key.type);
  // Per level: each row's group (its key path down to that level), each group's first row.
  const grouping = levels.map((_, k) => groupRows(keyFns.slice(0, k + 1), keyTypes.slice(0, k + 1), input, ctx));
  const n = input.rowCount;
  const scores = levels.map((level, k) => {
    const { groupOf, firstRows } = grouping[k]!;
    const aggregation = new LevelAggregation(level, input, ctx, firstRows.length);
    for (let i = 0; i < n; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      aggregation.add(groupOf[i]!, i);
    }
    return aggregation.values(level, ctx);
  });
  // Each group's children at the next level, in order of first appearance.
  const children = levels.map((_, k) => {
    const { firstRows } = grouping[k]!;
    const parentCount = k === 0 ? 1 : grouping[k - 1]!.firstRows.length;
    const byParent: number[][] = Array.from({ length: parentCount }, () => []);
    firstRows.forEach((row, g) => byParent[k === 0 ? 0 : grouping[k - 1]!.groupOf[row]!]!.push(g));
    return byParent;
  });
  const counts = levels.map((l) =>
    l.count ? countArgument(compileExpr(l.count, NO_ROWS, ctx)(0), ctx, plan) : Infinity,
  );
  const othersKeys = levels.map((l) => (l.others ? compileExpr(l.others, NO_ROWS, ctx)(0) : undefined));

  const out: Value[][] = [];
  const width = levels.length * 2;
  const emit = (path: Path): void => {
    const row = [...path];
    for (let c = path.length; c < width; c++) {
      row.push(plan.schema[c]!.type === 'string' ? '' : null);
    }
    out.push(row);
  };
  const visit = (k: number, parent: number, path: Path): void => {
    const level = levels[k]!;
    const siblings = [...children[k]![parent]!].sort(byScore(scores[k]!, level.descending));
    const kept = siblings.slice(0, counts[k]);
    for (const g of kept) {
      const here = [...path, keyFns[k]!(grouping[k]!.firstRows[g]!), scores[k]![g]!];
      if (k + 1 < levels.length) {
        visit(k + 1, g, here);
      } else {
        emit(here);
      }
    }
    const left = siblings.slice(kept.length);
    if (othersKeys[k] !== undefined && left.length > 0) {
      emit([...path, othersKeys[k]!, othersScore(level, left, input, grouping[k]!.groupOf, ctx)]);
    }
  };
  if (n > 0) {
    visit(0, 0, []);
  }
  return Table.fromRows(plan.schema, out);
}

/** The level's aggregation over the rows of the groups left out. */
function othersScore(
  level: TopNestedLevel,
  left: readonly number[],
  input: Table,
  groupOf: Int32Array,
  ctx: ExecContext,
): Value {
  const leftOut = new Set(left);
  const aggregation = new LevelAggregation(level, input, ctx, 1);
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    if (leftOut.has(groupOf[i]!)) {
      aggregation.add(0, i);
    }
  }
  return aggregation.values(level, ctx)[0]!;
}
