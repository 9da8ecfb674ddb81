/** mv-expand (and the old mvexpand … to typeof()) and parse: operators that reshape column values. */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { elementsOf, kindOf, nameText, schemaOf, spanOf, textOf, typeOf, type Node } from './syntax';
import type { ColumnDef, NamedExpr, ParsePart, Plan } from './types';

type ExpandingOperator = { Parameters: unknown; Expressions: unknown; RowLimitClause: { RowLimit: Node } | null };

/** The columns mv-expand and mv-apply expand: `[Name =] ArrayExpression [to typeof(T)]`. */
function expandedColumns(m: ExpandingOperator, ctx: LowerContext, what: string): NamedExpr[] {
  const columns: NamedExpr[] = [];
  for (const item of elementsOf(m.Expressions)) {
    const e = (item as unknown as Record<string, Node>).Expression!;
    if (kindOf(e) === 'SimpleNamedExpression') {
      const named = e as unknown as Record<string, Node>;
      columns.push({ name: nameText(named.Name), expr: lowerExpr(named.Expression!, ctx) });
    } else {
      const expr = lowerExpr(e, ctx);
      if (expr.k !== 'column') {
        throw ctx.errors.unsupported(e, `${what} of an unnamed expression`);
      }
      columns.push({ name: expr.name, expr });
    }
    // `to typeof(t)`: the expanded values are converted to t; the binder's type of the item says which.
    const last = columns[columns.length - 1]!;
    columns[columns.length - 1] = { name: last.name, expr: { ...last.expr, type: typeOf(item) } as NamedExpr['expr'] };
  }
  return columns;
}

export function lowerMvExpand(op: Node, input: Plan, ctx: LowerContext): Plan {
  const m = op as unknown as ExpandingOperator;
  const columns = expandedColumns(m, ctx, 'mv-expand');
  const limitNode = m.RowLimitClause?.RowLimit;
  const limitExpr = limitNode ? lowerExpr(limitNode, ctx) : undefined;
  // The legacy `mvexpand` stops at 128 rows per input row unless told otherwise.
  const legacy = textOf(op).startsWith('mvexpand');
  const limit = limitExpr?.k === 'literal' && typeof limitExpr.value === 'number' ? limitExpr.value : legacy ? 128 : undefined;
  const itemIndex = parameter(m.Parameters, 'with_itemindex');
  if (parameter(m.Parameters, 'bagexpansion') === 'array') {
    throw ctx.errors.unsupported(op, 'mv-expand bagexpansion=array');
  }
  return { k: 'mvExpand', input, columns, limit, itemIndex, span: spanOf(op), schema: schemaOf(op) };
}

/**
 * mv-apply: the subquery's implicit input is the expanded subtable, declared as a shared plan the
 * executor fills in per input row. Its schema is mv-expand's: expanded columns replace same-named
 * input columns in place, new names come after, and the item index last.
 */
export function lowerMvApply(op: Node, input: Plan, ctx: LowerContext): Plan {
  const m = op as unknown as ExpandingOperator & { ContextIdClause: Node | null; Subquery: { Expression: Node | null } | null };
  if (m.ContextIdClause) {
    throw ctx.errors.unsupported(m.ContextIdClause, 'mv-apply with_contextid');
  }
  const span = spanOf(op);
  const columns = expandedColumns(m, ctx, 'mv-apply');
  const limitExpr = m.RowLimitClause?.RowLimit ? lowerExpr(m.RowLimitClause.RowLimit, ctx) : undefined;
  const limit = limitExpr?.k === 'literal' && typeof limitExpr.value === 'number' ? limitExpr.value : undefined;
  const itemIndex = parameter(m.Parameters, 'with_itemindex');
  const expandedSchema: ColumnDef[] = [...input.schema];
  for (const c of columns) {
    const at = expandedSchema.findIndex((s) => s.name === c.name);
    if (at >= 0) {
      expandedSchema[at] = { name: c.name, type: c.expr.type };
    } else {
      expandedSchema.push({ name: c.name, type: c.expr.type });
    }
  }
  if (itemIndex) {
    expandedSchema.push({ name: itemIndex, type: 'long' });
  }
  const rowsId = ctx.nextId();
  const placeholder: Plan = { k: 'datatable', rows: [], span, schema: expandedSchema };
  const rows: Plan = { k: 'shared', id: rowsId, plan: placeholder, span, schema: expandedSchema };
  const expand = { k: 'mvExpand', input, columns, limit, itemIndex, span, schema: expandedSchema } as const;
  const subquery = ctx.tabular(m.Subquery!.Expression!, { ...ctx, implicitInput: rows });
  return { k: 'mvApply', input, expand, subquery, rowsId, span, schema: schemaOf(op) };
}

export function lowerParse(op: Node, input: Plan, ctx: LowerContext): Plan {
  const p = op as unknown as Record<string, Node> & { Parameters: unknown; Patterns: unknown };
  const mode = (parameter(p.Parameters, 'kind') ?? 'simple').toLowerCase();
  if (mode !== 'simple' && mode !== 'regex' && mode !== 'relaxed') {
    throw ctx.errors.unsupported(op, `parse kind=${mode}`);
  }
  const pattern: ParsePart[] = [];
  for (const part of elementsOf(p.Patterns)) {
    const kind = kindOf(part);
    if (kind === 'StarExpression') {
      pattern.push({ k: 'skip' });
    } else if (kind === 'NameAndTypeDeclaration') {
      const nt = part as unknown as Record<string, Node>;
      pattern.push({ k: 'capture', name: nameText(nt.Name), type: typeOf(nt.Name!) });
    } else if (kind === 'NameDeclaration') {
      pattern.push({ k: 'capture', name: nameText(part), type: 'string' });
    } else {
      const e = lowerExpr(part, ctx);
      if (e.k !== 'literal' || typeof e.value !== 'string') {
        throw ctx.errors.unsupported(part, 'A parse pattern element other than a string, a column or *');
      }
      pattern.push({ k: 'text', text: e.value });
    }
  }
  return {
    k: 'parse', input, source: lowerExpr(p.Expression!, ctx), pattern, mode,
    span: spanOf(op), schema: schemaOf(op),
  };
}
