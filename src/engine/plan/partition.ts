/**
 * partition: the key, the strategy, and the subquery over each part (see exec/partition.ts).
 *
 * Two forms: `( … )` reads each part as its implicit source; `{ Source | … }` has a source of its own
 * and may read only the key column of the partitioned input (bare or as toscalar(Key)), which stands
 * for the part's key value. Both run the same way, once per part with the part's rows bound to
 * `rowsId`: in the braced form the key reads the first of those rows, so nothing else is needed.
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { kindOf, schemaOf, spanOf, type Node } from './syntax';
import type { Expr, Plan, Span } from './types';

export function lowerPartition(op: Node, input: Plan, ctx: LowerContext): Plan {
  const p = op as Kusto.Language.Syntax.PartitionOperator;
  const span = spanOf(op);
  if (p.Scope) {
    throw ctx.errors.unsupported(p.Scope, 'partition … in (…)');
  }
  const ownSource = kindOf(p.Operand!) === 'PartitionQuery';
  const strategy = (parameter(p.Parameters, 'hint.strategy') ?? 'legacy').toLowerCase();
  if (ownSource && strategy !== 'legacy') {
    throw ctx.errors.at(
      spanOf(p.Operand!),
      'KQL-SEMANTIC',
      `partition with a { subquery with its own source } runs only with the legacy strategy, not hint.strategy=${strategy}; write the subquery in ( … ) to read each part as its source.`,
    );
  }
  const rowsId = ctx.nextId();
  const rows: Plan = {
    k: 'shared',
    id: rowsId,
    plan: { k: 'datatable', rows: [], span, schema: input.schema },
    span,
    schema: input.schema,
  };
  const key = lowerExpr(p.ByExpression!, ctx);
  const subquery = ownSource
    ? ctx.tabular((p.Operand as Kusto.Language.Syntax.PartitionQuery).Query!, {
        ...ctx,
        partitionKey: { symbol: p.ByExpression!.ReferencedSymbol, value: partKeyValue(key, rows, span) },
      })
    : ctx.tabular((p.Operand as Kusto.Language.Syntax.PartitionSubquery).Subquery!, {
        ...ctx,
        implicitInput: rows,
      });
  return {
    k: 'partition',
    input,
    key,
    subquery,
    rowsId,
    legacy: strategy === 'legacy',
    span,
    schema: schemaOf(op),
  };
}

/** The key of the part being run: the key of the first of its rows (every row of a part has the same). */
function partKeyValue(key: Expr, rows: Plan, span: Span): Expr {
  const name = '\u0000partitionKey';
  const plan: Plan = {
    k: 'take',
    input: { k: 'project', input: rows, columns: [{ name, expr: key }], span, schema: [{ name, type: key.type }] },
    count: { k: 'literal', value: 1, type: 'long', span },
    span,
    schema: [{ name, type: key.type }],
  };
  return { k: 'scalarQuery', plan, type: key.type, span };
}
