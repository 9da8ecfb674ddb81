/** partition: the key, the strategy, and the subquery over each part (see exec/partition.ts). */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { kindOf, schemaOf, spanOf, type Node } from './syntax';
import type { Plan } from './types';

export function lowerPartition(op: Node, input: Plan, ctx: LowerContext): Plan {
  const p = op as Kusto.Language.Syntax.PartitionOperator;
  const span = spanOf(op);
  if (p.Scope) {
    throw ctx.errors.unsupported(p.Scope, 'partition … in (…)');
  }
  if (kindOf(p.Operand!) !== 'PartitionSubquery') {
    // `{ Source | … toscalar(Key) … }`: a subquery with its own source, run once per key value.
    throw ctx.errors.unsupported(p.Operand!, 'partition with a { subquery with its own source }');
  }
  const strategy = (parameter(p.Parameters, 'hint.strategy') ?? 'legacy').toLowerCase();
  const rowsId = ctx.nextId();
  const rows: Plan = {
    k: 'shared',
    id: rowsId,
    plan: { k: 'datatable', rows: [], span, schema: input.schema },
    span,
    schema: input.schema,
  };
  const subquery = ctx.tabular((p.Operand as Kusto.Language.Syntax.PartitionSubquery).Subquery!, {
    ...ctx,
    implicitInput: rows,
  });
  return {
    k: 'partition',
    input,
    key: lowerExpr(p.ByExpression!, ctx),
    subquery,
    rowsId,
    legacy: strategy === 'legacy',
    span,
    schema: schemaOf(op),
  };
}
