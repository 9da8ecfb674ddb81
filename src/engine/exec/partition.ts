/**
 * partition: the input split by the key's values (in order of first appearance), the subquery run
 * over each part as its implicit source, and the results unioned in that order. Kusto's default
 * (legacy) strategy refuses more than 64 parts; native and shuffle do not.
 */
import type { Plan } from '../plan/types';
import { Table } from '../table';
import type { Value } from '../values';
import { columnReader } from './columnReader';
import type { ExecContext } from './context';
import { compileExpr } from './expr';
import { runOverSubtable } from './implicitInput';
import { groupRows } from './summarize';

type P<K extends Plan['k']> = Extract<Plan, { k: K }>;

const LEGACY_PARTITION_LIMIT = 64;

export function runPartition(plan: P<'partition'>, input: Table, ctx: ExecContext): Table {
  const key = compileExpr(plan.key, input, ctx);
  const { groupOf, firstRows } = groupRows([key], [plan.key.type], input, ctx);
  const parts = input.rowCount === 0 ? 0 : firstRows.length;
  if (plan.legacy && parts > LEGACY_PARTITION_LIMIT) {
    throw ctx.errors.at(
      plan.span,
      'KQL-LIMIT',
      `partition by ${plan.key.k === 'column' ? plan.key.name : 'its key'} has ${parts} values; the default (legacy) strategy allows at most ${LEGACY_PARTITION_LIMIT}. Add hint.strategy=native or hint.strategy=shuffle.`,
    );
  }
  const rowsOf: number[][] = Array.from({ length: parts }, () => []);
  for (let i = 0; i < input.rowCount; i++) {
    rowsOf[groupOf[i]!]!.push(i);
  }
  const out: Value[][] = [];
  for (const rows of rowsOf) {
    ctx.check();
    const result = runOverSubtable(plan.subquery, plan.rowsId, input.takeRows(rows), ctx);
    const readers = plan.schema.map((c, k) => {
      const column = result.column(c.name) ?? result.columns[k]?.column;
      return column ? columnReader(column) : () => (c.type === 'string' ? '' : null);
    });
    for (let r = 0; r < result.rowCount; r++) {
      out.push(readers.map((read) => read(r)));
    }
  }
  return Table.fromRows(plan.schema, out);
}
