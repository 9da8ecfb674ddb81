/**
 * Result tables that leave a query beside the one its plan returns: a plugin that returns several
 * tables (funnel_sequence) and ends the query's result gives its first table to the plan, as
 * Kusto.Language binds only that one, and attaches the others to it here; executeQuery lists them
 * after it (Table_1, Table_2, … as a batch's results are named). An operator after the plugin makes
 * a new table, which carries none: the plugin attaches them only when it ends the result.
 */
import type { Table } from '../table';

const attached = new WeakMap<Table, readonly Table[]>();

export function attachMoreTables(first: Table, more: readonly Table[]): Table {
  attached.set(first, more);
  return first;
}

/** The table itself, then the tables attached to it. */
export function resultTablesOf(table: Table): readonly Table[] {
  return [table, ...(attached.get(table) ?? [])];
}
