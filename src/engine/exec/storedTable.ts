/**
 * A stored table as a query reads it: only the columns the optimizer found it reads, restricted to the
 * request's time range. What does not change between runs of a cached plan is worked out once.
 */
import type { Plan } from '../plan/types';
import { Table } from '../table';
import type { ExecContext } from './context';

type TablePlan = Extract<Plan, { k: 'table' }>;

/** What a read of a stored table asks the database for, and the key it is kept under within a run. */
interface TableRead {
  readonly columns: readonly string[] | undefined;
  readonly key: string;
}

/**
 * Per table plan node, its read without and with a time range: worked out on the plan's first run, as
 * the plan is cached and re-run, and joining the names again on every run cost a tiny query about 1 µs.
 */
const tableReads = new WeakMap<TablePlan, { plain?: TableRead; ranged?: TableRead }>();

function tableRead(plan: TablePlan, ranged: boolean): TableRead {
  let reads = tableReads.get(plan);
  if (!reads) {
    reads = {};
    tableReads.set(plan, reads);
  }
  const known = ranged ? reads.ranged : reads.plain;
  if (known) {
    return known;
  }
  // A narrowed read loads only the columns the query reads (and the time the request's range needs).
  const columns = plan.columns && (ranged ? [...new Set([...plan.columns, 'TimeGenerated'])] : plan.columns);
  // Two reads of one table for different columns are different tables here.
  const read = { columns, key: columns ? `${plan.name}\u0000${columns.join('\u0000')}` : plan.name };
  if (ranged) {
    reads.ranged = read;
  } else {
    reads.plain = read;
  }
  return read;
}

/**
 * The stored table with exactly the plan's columns, whatever the database had loaded (operators above
 * may go by position). Kept per plan node for the stored table it was made from: a built table is the
 * same object run after run, so a re-run does not rebuild it.
 */
const narrowedTables = new WeakMap<TablePlan, { readonly from: Table; readonly table: Table }>();

function exactColumns(plan: TablePlan, stored: Table): Table {
  if (!plan.columns || stored.columns.length === plan.columns.length) {
    return stored;
  }
  const known = narrowedTables.get(plan);
  if (known?.from === stored) {
    return known.table;
  }
  const table = new Table(
    plan.columns.map((name) => ({ name, column: stored.column(name)! })),
    stored.rowCount,
    stored.name,
  );
  narrowedTables.set(plan, { from: stored, table });
  return table;
}

export function readStoredTable(plan: TablePlan, ctx: ExecContext): Table {
  const range = ctx.timeRange;
  const read = tableRead(plan, range !== undefined);
  const cached = ctx.tables.get(read.key);
  if (cached) {
    return cached;
  }
  const stored = ctx.db.table(plan.name, { check: () => ctx.check() }, read.columns);
  if (!stored) {
    throw ctx.errors.at(plan.span, 'KQL-TABLE', `The table '${plan.name}' is not in this workspace.`);
  }
  let t = exactColumns(plan, stored);
  const time = stored.column('TimeGenerated');
  if (range && time && time.type === 'datetime') {
    // Log Analytics applies the request's timespan to every table before the query sees it; only the
    // columns the query reads are copied.
    const keep: number[] = [];
    for (let i = 0; i < stored.rowCount; i++) {
      const v = time.get(i) as number | null;
      if (v !== null && v >= range.start && v < range.end) {
        keep.push(i);
      }
    }
    t = t.takeRows(keep);
  }
  ctx.tables.set(read.key, t);
  return t;
}
