/**
 * find: the rows of several tables that meet a predicate, with a source column, the columns the
 * binder's schema names, and the rest of each row packed into a property bag (see exec/find.ts).
 */
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { parameter } from './join';
import { visibleTables } from './restrict';
import { elementsOf, kindOf, type Node, nameText, schemaOf, spanOf, textOf } from './syntax';
import type { Plan } from './types';

/** The tables `find in (…)` names: table names, `Prefix*` patterns, or tabular expressions. */
function findSources(
  inClause: { Expressions: unknown } | null,
  ctx: LowerContext,
  span: Plan['span'],
): { plan: Plan; source: string }[] {
  if (!inClause) {
    return visibleTables(ctx).map((name) => ({ plan: { k: 'table', name, span, schema: [] }, source: name }));
  }
  return elementsOf(inClause.Expressions).flatMap((e) => {
    const text = textOf(e).trim();
    if (text.includes('*')) {
      const pattern = new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      return visibleTables(ctx)
        .filter((name) => pattern.test(name))
        .map((name) => ({ plan: { k: 'table', name, span, schema: [] } as Plan, source: name }));
    }
    const source = kindOf(e) === 'NameReference' ? (e.ReferencedSymbol?.Name ?? nameText(e)) : text;
    return [{ plan: ctx.tabular(e, ctx), source }];
  });
}

export function lowerFind(op: Node, ctx: LowerContext): Plan {
  const f = op as Kusto.Language.Syntax.FindOperator;
  const span = spanOf(op);
  for (const unsupported of ['DataScope', 'ProjectAway'] as const) {
    if (f[unsupported]) {
      throw ctx.errors.unsupported(
        f[unsupported]!,
        `find ${unsupported === 'DataScope' ? 'datascope' : 'project-away'}`,
      );
    }
  }
  const schema = schemaOf(op);
  const projected = f.Project ? elementsOf(f.Project.Columns) : undefined;
  // With `project`, pack(*) packs every column; without it (project-smart), the bag holds the columns
  // the schema does not list.
  const packsAll = projected?.some((c) => kindOf(c) === 'PackExpression') ?? false;
  const last = schema[schema.length - 1];
  // Project-smart adds the bag (pack_) only when some column is left over.
  const hasBag = packsAll || (!projected && last?.name === 'pack_' && last.type === 'dynamic');
  return {
    k: 'find',
    inputs: findSources(f.InClause, ctx, span),
    predicate: lowerExpr(f.Condition!, { ...ctx, search: true }),
    sourceColumn: (parameter(f.Parameters, 'withsource') ?? 'source_').replace(/^\[?['"]?|['"]?\]?$/g, ''),
    bagColumn: hasBag ? schema[schema.length - 1]!.name : undefined,
    bagHoldsAll: packsAll,
    span,
    schema,
  };
}
