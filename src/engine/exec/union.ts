/** union and search: inputs appended, columns matched by name to the binder's output schema. */
import { type Column, columnBuilder } from '../column';
import type { ColumnDef, Plan } from '../plan/types';
import { Table } from '../table';
import type { Value } from '../values';
import { runFilter } from './basic';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

interface Source {
  readonly table: Table;
  readonly source: string;
}

/** The input column feeding an output column: same name, or `name_type` when an outer union split a name by type. */
function sourceColumn(table: Table, out: ColumnDef): Column | undefined {
  const exact = table.column(out.name);
  if (exact && (exact.type === out.type || out.type === 'dynamic')) {
    return exact;
  }
  const m = /^(.*)_([a-z]+)$/.exec(out.name);
  if (m) {
    const base = table.column(m[1]!);
    if (base && base.type === m[2]) {
      return base;
    }
  }
  return exact;
}

/**
 * The input column behind each output column, by position: an outer union lists each distinct (name,
 * type) of its inputs once, in order of first appearance, and names them after the fact (x_long, x_int,
 * and x_long1 when an input already has a column x_long), so names alone can mislead. Undefined when the
 * binder's schema is not that list (kind=inner, or columns merged into dynamic): names decide then.
 */
function columnsByPosition(
  schema: readonly ColumnDef[],
  inputs: readonly Source[],
): (Column | undefined)[][] | undefined {
  const pairs: { name: string; type: ColumnDef['type'] }[] = [];
  for (const input of inputs) {
    for (const c of input.table.columns) {
      if (!pairs.some((p) => p.name === c.name && p.type === c.column.type)) {
        pairs.push({ name: c.name, type: c.column.type });
      }
    }
  }
  if (pairs.length !== schema.length || pairs.some((p, i) => p.type !== schema[i]!.type)) {
    return undefined;
  }
  return inputs.map((input) =>
    pairs.map((p) => input.table.columns.find((c) => c.name === p.name && c.column.type === p.type)?.column),
  );
}

function append(
  schema: readonly ColumnDef[],
  sourceName: string | undefined,
  inputs: readonly Source[],
  ctx: ExecContext,
): Table {
  const total = inputs.reduce((s, i) => s + i.table.rowCount, 0);
  const offset = sourceName !== undefined ? 1 : 0;
  const byPosition = columnsByPosition(schema.slice(offset), inputs);
  const columns = schema.map((out, idx) => {
    const b = columnBuilder(out.type, total);
    for (const [k, input] of inputs.entries()) {
      const n = input.table.rowCount;
      if (idx === 0 && sourceName !== undefined) {
        for (let i = 0; i < n; i++) {
          b.push(input.source);
        }
        continue;
      }
      const col = byPosition ? byPosition[k]![idx - offset] : sourceColumn(input.table, out);
      for (let i = 0; i < n; i++) {
        if ((i & (CHECK_INTERVAL - 1)) === 0) {
          ctx.check();
        }
        b.push(col ? convert(col.get(i), col.type, out.type) : null);
      }
    }
    return { name: out.name, column: b.finish() };
  });
  return new Table(columns, total);
}

/** Values keep their representation, except that a column merged into dynamic stays JSON-compatible. */
function convert(v: Value, from: ColumnDef['type'], to: ColumnDef['type']): Value {
  if (from === to || v === null) {
    return v;
  }
  if (to === 'string') {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
  return v;
}

export function runUnion(plan: P<'union'>, inputs: readonly Source[], ctx: ExecContext): Table {
  return append(plan.schema, plan.withSource, inputs, ctx);
}

export function runSearch(plan: P<'search'>, inputs: readonly Source[], ctx: ExecContext): Table {
  const filtered = inputs.map((i) => ({
    table: runFilter(
      { k: 'filter', input: plan, predicate: plan.predicates[0]!, span: plan.span, schema: [] },
      i.table,
      ctx,
    ),
    source: i.source || i.table.name || '',
  }));
  return append(plan.schema, '$table', filtered, ctx);
}
