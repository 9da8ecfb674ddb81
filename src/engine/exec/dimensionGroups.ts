/**
 * What the activity plugins (sliding_window_counts, active_users_count, activity_counts_metrics,
 * rolling_percentile, sequence_detect) share: their input grouped by the dimension columns, and an
 * output of one row per (bin or time, group) — the first column, the group's dimension values, then
 * the plugin's own columns, named and typed as the binder's schema says.
 */
import { columnFromValues } from '../column';
import type { ColumnDef, Expr } from '../plan/types';
import { Table, type TableColumn } from '../table';
import type { Value } from '../values';
import type { Evaluator } from './columnReader';
import type { ExecContext } from './context';
import { compileExpr } from './expr';
import { groupRows } from './summarize';

export interface DimensionGroups {
  /** Each input row's group, numbered in order of first appearance. */
  readonly groupOf: Int32Array;
  readonly groups: number;
  /** The dimension values of group `g`. */
  valuesOf(g: number): Value[];
}

export function groupByDimensions(dims: readonly Expr[], input: Table, ctx: ExecContext): DimensionGroups {
  const dimFns: Evaluator[] = dims.map((d) => compileExpr(d, input, ctx));
  const { groupOf, firstRows } = groupRows(
    dimFns,
    dims.map((d) => d.type),
    input,
    ctx,
    dims.map((d) => (d.k === 'column' ? d.name : undefined)),
    dims,
  );
  return {
    groupOf,
    groups: input.rowCount === 0 ? 0 : firstRows.length,
    valuesOf: (g) => dimFns.map((f) => f(firstRows[g]!)),
  };
}

/** The table of `firsts` (the first column), the dimension values of `rowGroups`, then `rest`. */
export function groupedOutput(
  schema: readonly ColumnDef[],
  firsts: readonly Value[],
  rowGroups: readonly number[],
  dimensions: DimensionGroups,
  dimensionCount: number,
  rest: readonly (readonly Value[])[],
): Table {
  const column = (def: ColumnDef, values: readonly Value[]): TableColumn => ({
    name: def.name,
    column: columnFromValues(def.type, values),
  });
  const dimValues = Array.from({ length: dimensions.groups }, (_, g) => dimensions.valuesOf(g));
  const columns: TableColumn[] = [column(schema[0]!, firsts)];
  for (let d = 0; d < dimensionCount; d++) {
    columns.push(
      column(
        schema[d + 1]!,
        rowGroups.map((g) => dimValues[g]![d]!),
      ),
    );
  }
  rest.forEach((values, i) => {
    columns.push(column(schema[dimensionCount + 1 + i]!, values));
  });
  return new Table(columns, firsts.length);
}
