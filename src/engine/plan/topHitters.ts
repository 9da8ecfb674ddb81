/**
 * `top-hitters N of Value [by Summing]`: as the reference defines it, `summarize C = count() by Value
 * | top N by C desc` (or `S = sum(Summing)`). Kusto approximates the counts with a Count-Min sketch;
 * here they are exact, so the rows are the ones the definition gives (ties in input order).
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { type Node, schemaOf, spanOf } from './syntax';
import type { Plan } from './types';

export function lowerTopHitters(op: Node, input: Plan, ctx: LowerContext): Plan {
  const t = op as Kusto.Language.Syntax.TopHittersOperator;
  const span = spanOf(op);
  // The binder's columns: the value's (named as its column) and approximate_count_/approximate_sum_….
  const schema = schemaOf(op);
  const [valueColumn, measure] = schema as [(typeof schema)[number], (typeof schema)[number]];
  const value = lowerExpr(t.OfExpression!, ctx);
  const summing = t.ByClause?.Expression ? lowerExpr(t.ByClause.Expression, ctx) : undefined;
  const grouped: Plan = {
    k: 'summarize',
    input,
    keys: [{ name: valueColumn.name, expr: value }],
    aggregates: [{ name: summing ? 'sum' : 'count', args: summing ? [summing] : [], outputs: [measure], span }],
    span,
    schema,
  };
  return {
    k: 'top',
    input: grouped,
    count: lowerExpr(t.Expression!, ctx),
    keys: [
      { expr: { k: 'column', name: measure.name, type: measure.type, span }, descending: true, nullsFirst: false },
    ],
    span,
    schema,
  };
}
