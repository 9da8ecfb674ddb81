/** Operators that start a query without an input table: datatable, print, range. */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { positionalColumns } from './outputColumns';
import { elementsOf, schemaOf, spanOf, type Node } from './syntax';
import type { Expr, Plan } from './types';
import type { Value } from '../values';

/** The value of a constant: a literal, possibly negated (datatable cells must be constants). */
function constantValue(e: Expr, ctx: LowerContext): Value {
  if (e.k === 'literal') {
    return e.value;
  }
  if (e.k === 'unary' && e.operand.k === 'literal' && typeof e.operand.value === 'number') {
    return e.op === 'UnaryMinusExpression' ? -e.operand.value : e.operand.value;
  }
  throw ctx.errors.at(e.span, 'KQL-DATATABLE', 'A datatable value must be a constant.');
}

export function lowerDatatable(node: Node, ctx: LowerContext): Plan {
  const d = node as Kusto.Language.Syntax.DataTableExpression;
  const schema = schemaOf(node);
  const values = elementsOf(d.Values).map((v) => constantValue(lowerExpr(v, ctx), ctx));
  const width = Math.max(1, schema.length);
  const rows: Value[][] = [];
  for (let i = 0; i < values.length; i += width) {
    rows.push(values.slice(i, i + width));
  }
  return { k: 'datatable', rows, span: spanOf(node), schema };
}

export function lowerPrint(node: Node, ctx: LowerContext): Plan {
  const p = node as Kusto.Language.Syntax.PrintOperator;
  const schema = schemaOf(node);
  return { k: 'print', columns: positionalColumns(elementsOf(p.Expressions), schema, ctx), span: spanOf(node), schema };
}

export function lowerRange(node: Node, ctx: LowerContext): Plan {
  const r = node as Kusto.Language.Syntax.RangeOperator;
  return {
    k: 'range',
    from: lowerExpr(r.From!, ctx),
    to: lowerExpr(r.To!, ctx),
    step: lowerExpr(r.Step!, ctx),
    span: spanOf(node),
    schema: schemaOf(node),
  };
}
