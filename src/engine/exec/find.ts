/**
 * find: each source's rows that meet the predicate (a source with none of the predicate's columns is
 * left out, as Kusto does), shaped to the binder's schema: the source name, the listed columns (null
 * where a source lacks one, cast to the listed type), and the bag of the other columns.
 */

import { newRecord } from '../../results/jsonData';
import { columnBuilder } from '../column';
import { columnsRead } from '../plan/exprFacts';
import type { Plan } from '../plan/types';
import { Table } from '../table';
import type { DynamicValue, Value } from '../values';
import { runFilter } from './basic';
import { columnReader } from './columnReader';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';
import { toDynamic } from './expr';
import { castDynamic } from './mvExpand';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

export function runFind(plan: P<'find'>, inputs: readonly { table: Table; source: string }[], ctx: ExecContext): Table {
  const listed = plan.schema.filter((c) => c.name !== plan.sourceColumn && c.name !== plan.bagColumn);
  const listedNames = new Set(listed.map((c) => c.name));
  const predicateColumns = columnsRead(plan.predicate);
  const builders = plan.schema.map((c) => columnBuilder(c.type));
  let rowCount = 0;
  for (const { table, source } of inputs) {
    if (predicateColumns && predicateColumns.size > 0 && ![...predicateColumns].some((c) => table.column(c))) {
      continue;
    }
    const kept = runFilter(
      { k: 'filter', input: plan, predicate: plan.predicate, span: plan.span, schema: [] },
      table,
      ctx,
    );
    const readers = new Map(kept.columns.map((c) => [c.name, { read: columnReader(c.column), type: c.column.type }]));
    const bagColumns = kept.columns
      .filter((c) => plan.bagHoldsAll || !listedNames.has(c.name))
      .map((c) => ({ name: c.name, ...readers.get(c.name)! }));
    for (let row = 0; row < kept.rowCount; row++) {
      if ((row & (CHECK_INTERVAL - 1)) === 0) {
        ctx.check();
      }
      plan.schema.forEach((c, k) => {
        let value: Value;
        if (c.name === plan.sourceColumn) {
          value = source;
        } else if (c.name === plan.bagColumn) {
          const bag = newRecord<DynamicValue>();
          for (const b of bagColumns) {
            bag[b.name] = toDynamic(b.read(row), b.type);
          }
          value = bag;
        } else {
          const r = readers.get(c.name);
          const raw = r ? r.read(row) : null;
          value = r && r.type !== c.type ? castDynamic(toDynamic(raw, r.type), c.type) : raw;
        }
        builders[k]!.push(value === null && c.type === 'string' ? '' : value);
      });
      rowCount++;
    }
  }
  return new Table(
    plan.schema.map((c, k) => ({ name: c.name, column: builders[k]!.finish() })),
    rowCount,
  );
}
