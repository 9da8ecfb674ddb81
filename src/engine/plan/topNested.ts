/** top-nested: each clause's key, count, `with others` value and aggregation (see exec/topNested.ts). */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { lowerAggregateCall } from './summarize';
import { assignedValue, elementsOf, kindOf, schemaOf, spanOf, typeOf, type Node } from './syntax';
import type { ColumnDef, Expr, Plan, TopNestedLevel } from './types';

export function lowerTopNested(op: Node, input: Plan, ctx: LowerContext): Plan {
  const clauses = elementsOf(
    (op as Kusto.Language.Syntax.TopNestedOperator).Clauses,
  ) as Kusto.Language.Syntax.TopNestedClause[];
  const levels = clauses.map((clause, level): TopNestedLevel => {
    const c = clause;
    let by: Node = c.ByExpression!;
    let descending = true;
    if (kindOf(by) === 'OrderedExpression') {
      const ordered = by as Kusto.Language.Syntax.OrderedExpression;
      descending = ordered.Ordering?.AscOrDescKeyword?.Text?.toLowerCase() !== 'asc';
      by = ordered.Expression!;
    }
    // The aggregation is any expression over aggregate calls (sum(x) / count()): each call fills a
    // hidden column, and `value` computes the level's figure from them.
    const aggregates: TopNestedLevel['aggregates'][number][] = [];
    const withHook: LowerContext = {
      ...ctx,
      aggregate: (call) => {
        const hidden: ColumnDef = { name: `\u0000topnested${level}_${aggregates.length}`, type: typeOf(call) };
        aggregates.push(lowerAggregateCall(call, [hidden], input.schema, ctx));
        return { k: 'column', name: hidden.name, type: hidden.type, span: spanOf(call) };
      },
    };
    const others = c.WithOthersClause?.Expression;
    const count: Expr | undefined = c.Expression ? lowerExpr(c.Expression, ctx) : undefined;
    return {
      key: lowerExpr(assignedValue(c.OfExpression!), ctx),
      count,
      others: others ? lowerExpr(others, ctx) : undefined,
      descending,
      value: lowerExpr(assignedValue(by), withHook),
      aggregates,
    };
  });
  return { k: 'topNested', input, levels, span: spanOf(op), schema: schemaOf(op) };
}
