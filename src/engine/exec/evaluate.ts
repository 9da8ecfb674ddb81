/** evaluate narrow(), bag_unpack(…) : (schema) and pivot(…) : (schema) — see plan/evaluate.ts. */
import { columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import { type DynamicValue, isDynamicBag, type Value } from '../values';
import { valueToString } from '../valueText';
import { columnReader } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr, toDynamic } from './expr';
import { castDynamic } from './mvExpand';
import { bindAggregate, groupRows } from './summarize';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** One row per input cell: its row number (from 0), column name and value as text. */
export function runNarrow(plan: P<'narrow'>, input: Table, ctx: ExecContext): Table {
  const rows = columnBuilder('long', input.rowCount * input.columns.length);
  const names = columnBuilder('string', input.rowCount * input.columns.length);
  const values = columnBuilder('string', input.rowCount * input.columns.length);
  const readers = input.columns.map((c) => ({ name: c.name, read: columnReader(c.column), type: c.column.type }));
  for (let i = 0; i < input.rowCount; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    for (const c of readers) {
      rows.push(i);
      names.push(c.name);
      const v = c.read(i);
      values.push(v === null ? '' : valueToString(v, c.type));
    }
  }
  const cols: TableColumn[] = [rows.finish(), names.finish(), values.finish()].map((column, k) => ({
    name: plan.schema[k]!.name,
    column,
  }));
  return new Table(cols);
}

/** Each output column from the bag's slot of its name (without the prefix), or from the input. */
export function runBagUnpack(plan: P<'bagUnpack'>, input: Table, ctx: ExecContext): Table {
  const bagOf = compileExpr(plan.source, input, ctx);
  const ignored = new Set(plan.ignored);
  const cols: TableColumn[] = plan.columns.map((c) => {
    if (c.key === undefined) {
      const column = input.column(c.name);
      if (column) {
        return { name: c.name, column };
      }
    }
    const builder = columnBuilder(c.type, input.rowCount);
    for (let i = 0; i < input.rowCount; i++) {
      if ((i & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      const bag = toDynamic(bagOf(i), plan.source.type);
      const slot =
        c.key !== undefined && !ignored.has(c.key) && isDynamicBag(bag)
          ? Object.hasOwn(bag, c.key)
            ? ((bag as { [k: string]: DynamicValue })[c.key] ?? null)
            : null
          : null;
      builder.push(castDynamic(slot, c.type));
    }
    return { name: c.name, column: builder.finish() };
  });
  return new Table(cols, input.rowCount, input.name);
}

/**
 * Rows grouped by the key columns; each schema column that is not a key is a pivot value (as text),
 * aggregated over its group's rows with that value. A value with no rows in a group aggregates
 * nothing (count and sum give 0, as in the reference's examples); values the schema does not name
 * are left out.
 */
export function runPivot(plan: P<'pivot'>, input: Table, ctx: ExecContext): Table {
  const keyFns = plan.keys.map((k) =>
    compileExpr({ k: 'column', name: k, type: input.column(k)?.type ?? 'dynamic', span: plan.span }, input, ctx),
  );
  const { groupOf, firstRows } = groupRows(
    keyFns,
    plan.keys.map((k) => input.column(k)?.type ?? 'dynamic'),
    input,
    ctx,
  );
  const groups = input.rowCount === 0 ? 0 : plan.keys.length === 0 ? 1 : firstRows.length;
  const pivotOf = compileExpr(plan.pivot, input, ctx);
  const bound = bindAggregate(plan.aggregate, input, ctx);
  const slots = new Map<string, number>();
  plan.schema.forEach((c, i) => {
    if (!plan.keys.includes(c.name)) {
      slots.set(c.name, i);
    }
  });
  const states = new Map<number, unknown>();
  const args = new Array<Value>(bound.args.length);
  for (let row = 0; row < input.rowCount; row++) {
    if ((row & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    const slot = slots.get(valueToString(pivotOf(row), plan.pivot.type));
    if (slot === undefined) {
      continue;
    }
    const at = groupOf[row]! * plan.schema.length + slot;
    for (let i = 0; i < bound.args.length; i++) {
      args[i] = bound.args[i]!(row);
    }
    states.set(at, bound.impl.step(states.has(at) ? states.get(at) : bound.impl.init(), args));
  }
  const cols: TableColumn[] = plan.schema.map((c, i) => {
    const builder = columnBuilder(c.type, groups);
    const key = plan.keys.indexOf(c.name);
    for (let g = 0; g < groups; g++) {
      if (key >= 0) {
        builder.push(keyFns[key]!(firstRows[g] ?? 0));
      } else {
        const at = g * plan.schema.length + i;
        builder.push(bound.impl.result(states.has(at) ? states.get(at) : bound.impl.init()) as Value);
      }
    }
    return { name: c.name, column: builder.finish() };
  });
  return new Table(cols, groups);
}
