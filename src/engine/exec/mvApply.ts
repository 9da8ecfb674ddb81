/**
 * mv-apply: for each input row, its arrays expanded into a subtable (as mv-expand does), the subquery
 * run over that subtable, and the input row's columns the subquery's result lacks added back; the
 * result is the union of all of them, in input order. The subquery runs for every input row, an
 * empty subtable included (so `summarize count()` gives a row of 0 for an empty array).
 */
import { columnBuilder } from '../column';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import type { Value } from '../values';
import { columnReader } from './columnReader';
import type { ExecContext } from './context';
import { runOverSubtable } from './implicitInput';
import { runMvExpand } from './mvExpand';

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

/** Carries each expanded row's input row through mv-expand. */
const SOURCE_ROW = '\u0000mvapply_row';

export function runMvApply(plan: P<'mvApply'>, input: Table, ctx: ExecContext): Table {
  const n = input.rowCount;
  const rowNumbers = columnBuilder('long', n);
  for (let i = 0; i < n; i++) {
    rowNumbers.push(i);
  }
  const numbered = new Table([...input.columns, { name: SOURCE_ROW, column: rowNumbers.finish() }], n, input.name);
  const expanded = runMvExpand(
    { ...plan.expand, schema: [...plan.expand.schema, { name: SOURCE_ROW, type: 'long' }] },
    numbered,
    ctx,
  );
  const sourceOf = columnReader(expanded.column(SOURCE_ROW)!);
  const subtableColumns = expanded.columns.filter((c) => c.name !== SOURCE_ROW);
  const inputReaders = new Map(input.columns.map((c) => [c.name, columnReader(c.column)]));

  const out: Value[][] = [];
  let next = 0;
  for (let i = 0; i < n; i++) {
    ctx.check();
    const first = next;
    while (next < expanded.rowCount && sourceOf(next) === i) {
      next++;
    }
    const rows = Array.from({ length: next - first }, (_, k) => first + k);
    const subtable = new Table(subtableColumns, expanded.rowCount).takeRows(rows);
    const result = runOverSubtable(plan.subquery, plan.rowsId, subtable, ctx);
    // Each output column from the subquery's result, or else the input row's value, or else null.
    const readers = plan.schema.map((c): ((r: number) => Value) => {
      const produced = result.column(c.name);
      if (produced) {
        return columnReader(produced);
      }
      const source = inputReaders.get(c.name);
      const value = source ? source(i) : c.type === 'string' ? '' : null;
      return () => value;
    });
    for (let r = 0; r < result.rowCount; r++) {
      out.push(readers.map((read) => read(r)));
    }
  }
  return Table.fromRows(plan.schema, out);
}
