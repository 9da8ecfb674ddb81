/** union and search: inputs appended, columns matched by name to the binder's output schema. */
import { type Column, columnBuilder } from '../column';
import type { ColumnDef, Plan } from '../plan/types';
import { Table } from '../table';
import type { Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { runFilter } from './basic';

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

function append(
  schema: readonly ColumnDef[],
  sourceName: string | undefined,
  inputs: readonly Source[],
  ctx: ExecContext,
): Table {
  const total = inputs.reduce((s, i) => s + i.table.rowCount, 0);
  const columns = schema.map((out, idx) => {
    const b = columnBuilder(out.type, total);
    for (const input of inputs) {
      const n = input.table.rowCount;
      if (idx === 0 && sourceName !== undefined) {
        for (let i = 0; i < n; i++) {
          b.push(input.source);
        }
        continue;
      }
      const col = sourceColumn(input.table, out);
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
