/** evaluate narrow() and bag_unpack(…) : (schema) — see plan/evaluate.ts. */
import { columnBuilder } from '../column';
import { valueToString } from '../format';
import type { Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { DynamicValue } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { columnReader, compileExpr, toDynamic } from './expr';
import { castDynamic } from './mvExpand';

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
  const cols: TableColumn[] = [rows.finish(), names.finish(), values.finish()].map((column, k) => ({ name: plan.schema[k]!.name, column }));
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
      const slot = c.key !== undefined && !ignored.has(c.key) && bag !== null && typeof bag === 'object' && !Array.isArray(bag)
        ? (bag as { [k: string]: DynamicValue })[c.key] ?? null
        : null;
      builder.push(castDynamic(slot, c.type));
    }
    return { name: c.name, column: builder.finish() };
  });
  return new Table(cols, input.rowCount, input.name);
}
