/** Row-wise operators: where, extend, project, column selection, take, count, and the constant sources. */
import { type Column, columnBuilder } from '../column';
import { Int64, longFromBigInt } from '../int64';
import type { ColumnDef, NamedExpr, Plan } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { compileExpr } from './expr';
import { selectWhere } from './filterSelect';
import { selectRows } from './lazy';
import { BYTES, chargeMemory } from './memoryBudget';
import { evaluateOutputs } from './outputColumns';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function runFilter(plan: P<'filter'>, input: Table, ctx: ExecContext): Table {
  const keep = selectWhere(plan.predicate, input, ctx);
  return keep.length === input.rowCount ? input : selectRows(input, keep);
}

/** Output columns named by the plan's schema, taking each from `produced` or else the input. */
function assemble(
  schema: readonly ColumnDef[],
  produced: Map<string, Column>,
  input: Table,
  rowCount: number,
  name?: string,
): Table {
  const cols: TableColumn[] = schema.map((c) => {
    const column = produced.get(c.name) ?? input.column(c.name) ?? nullColumn(c.type, rowCount);
    return { name: c.name, column };
  });
  return new Table(cols, rowCount, name);
}

export function nullColumn(type: ColumnDef['type'], rowCount: number): Column {
  const b = columnBuilder(type, rowCount);
  for (let i = 0; i < rowCount; i++) {
    b.push(null);
  }
  return b.finish();
}

export function runExtend(
  columns: readonly NamedExpr[],
  schema: readonly ColumnDef[],
  input: Table,
  ctx: ExecContext,
): Table {
  let current = input;
  // Later expressions of one extend see the columns defined before them (extend a = 1, b = a + 1).
  for (const c of columns) {
    const cols = [...current.columns];
    for (const out of evaluateOutputs(c, current, ctx)) {
      const idx = cols.findIndex((x) => x.name === out.name);
      if (idx >= 0) {
        cols[idx] = out;
      } else {
        cols.push(out);
      }
    }
    current = new Table(cols, input.rowCount, input.name);
  }
  return assemble(schema, new Map(), current, input.rowCount, input.name);
}

export function runProject(plan: P<'project'>, input: Table, ctx: ExecContext): Table {
  const produced = new Map<string, Column>();
  for (const c of plan.columns) {
    for (const out of evaluateOutputs(c, input, ctx)) {
      produced.set(out.name, out.column);
    }
  }
  return assemble(plan.schema, produced, input, input.rowCount);
}

export function runSelect(plan: P<'select'>, input: Table): Table {
  const cols: TableColumn[] = plan.schema.map((c, i) => ({
    name: c.name,
    column: input.column(plan.sources[i] ?? c.name) ?? nullColumn(c.type, input.rowCount),
  }));
  return new Table(cols, input.rowCount, input.name);
}

export function countArgument(value: Value, ctx: ExecContext, plan: Plan): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw ctx.errors.at(plan.span, 'KQL-ARGUMENT', 'The number of rows must be a constant number.');
  }
  return Math.max(0, Math.floor(value));
}

export function runTake(plan: P<'take'>, input: Table, ctx: ExecContext): Table {
  const n = countArgument(compileExpr(plan.count, input, ctx)(0), ctx, plan);
  if (n >= input.rowCount) {
    return input;
  }
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = i;
  }
  return selectRows(input, rows);
}

export function runCount(plan: P<'count'>, input: Table): Table {
  return Table.fromRows(plan.schema, [[input.rowCount]]);
}

export function runPrint(plan: P<'print'>, ctx: ExecContext): Table {
  const one = new Table([], 1);
  const cols = plan.columns.flatMap((c) => evaluateOutputs(c, one, ctx));
  return new Table(
    cols.map((c, i) => ({ name: plan.schema[i]?.name ?? c.name, column: c.column })),
    1,
  );
}

export function runDatatable(plan: P<'datatable'>): Table {
  return Table.fromRows(plan.schema, plan.rows);
}

const MAX_RANGE_ROWS = 100_000_000;

export function runRange(plan: P<'range'>, ctx: ExecContext): Table {
  const one = new Table([], 1);
  const from = compileExpr(plan.from, one, ctx)(0);
  const to = compileExpr(plan.to, one, ctx)(0);
  const step = compileExpr(plan.step, one, ctx)(0);
  const col = plan.schema[0]!;
  if (from instanceof Int64 || to instanceof Int64 || step instanceof Int64) {
    // A long past 2^53: counted and stepped exactly, so a range near ±2^63 has its rows.
    return rangeOfLongs(plan, ctx, from, to, step);
  }
  if (typeof from !== 'number' || typeof to !== 'number' || typeof step !== 'number') {
    return Table.fromRows(plan.schema, []);
  }
  if (step === 0 || Number.isNaN(step)) {
    throw ctx.errors.at(plan.step.span, 'KQL-ARGUMENT', 'The step of range must not be zero.');
  }
  const count = Math.floor((to - from) / step) + 1;
  checkRangeRows(count, plan, ctx);
  chargeMemory(Math.max(0, count) * BYTES.slot, 'range');
  const b = columnBuilder(col.type, Math.max(0, count));
  for (let i = 0; i < count; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    b.push(from + i * step);
  }
  return new Table([{ name: col.name, column: b.finish() }], Math.max(0, count));
}

function rangeOfLongs(plan: P<'range'>, ctx: ExecContext, from: Value, to: Value, step: Value): Table {
  const col = plan.schema[0]!;
  const f = exactInteger(from);
  const t = exactInteger(to);
  const s = exactInteger(step);
  if (f === null || t === null || s === null) {
    return Table.fromRows(plan.schema, []);
  }
  if (s === 0n) {
    throw ctx.errors.at(plan.step.span, 'KQL-ARGUMENT', 'The step of range must not be zero.');
  }
  // BigInt division truncates; an end on the wrong side of the start gives no rows.
  const span = t - f;
  const count = span !== 0n && span < 0n !== s < 0n ? 0 : Number(span / s) + 1;
  checkRangeRows(count, plan, ctx);
  chargeMemory(count * BYTES.slot, 'range');
  const b = columnBuilder(col.type, count);
  for (let i = 0; i < count; i++) {
    if ((i & (CHECK_INTERVAL - 1)) === 0) {
      ctx.check();
    }
    b.push(longFromBigInt(f + BigInt(i) * s));
  }
  return new Table([{ name: col.name, column: b.finish() }], count);
}

function exactInteger(v: Value): bigint | null {
  if (v instanceof Int64) return v.big;
  return typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : null;
}

function checkRangeRows(count: number, plan: P<'range'>, ctx: ExecContext): void {
  if (count > MAX_RANGE_ROWS) {
    throw ctx.errors.at(
      plan.span,
      'KQL-LIMIT',
      `range would produce ${count} rows; the embedded engine allows at most ${MAX_RANGE_ROWS}.`,
    );
  }
}

const DOTNET_TYPES: Record<string, string> = {
  bool: 'System.Boolean',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  guid: 'System.Guid',
  dynamic: 'System.Object',
};

export function runGetschema(plan: P<'getschema'>, input: Table): Table {
  const rows = input.columns.map((c, i) => [c.name, i, DOTNET_TYPES[c.column.type] ?? 'System.Object', c.column.type]);
  return Table.fromRows(plan.schema, rows);
}
