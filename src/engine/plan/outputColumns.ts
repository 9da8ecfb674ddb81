/**
 * The output columns of extend, project, serialize and print items, including tuple-valued calls
 * (series_stats(x), `(a, b) = series_fit_line(y)`) that each produce several columns. Names always come
 * from the binder's schema of the operator, so they match Kusto's (series_stats_x_min, min1 suffixes…).
 */
import { kusto } from '../../kql';
import type { LowerContext } from './context';
import { lowerExpr } from './expressions';
import { elementsOf, kindOf, nameText, type Node } from './syntax';
import type { ColumnDef, NamedExpr } from './types';

/** How many columns a scalar expression produces: a tuple result has one per element, anything else one. */
export function tupleWidth(expr: Node): number {
  const t = (expr as Kusto.Language.Syntax.Expression).ResultType as Kusto.Language.Symbols.TupleSymbol | null;
  return t && t.Kind === kusto().Symbols.SymbolKind.Tuple && t.Columns ? t.Columns.Count : 1;
}

/** The value of an item (`Name = e`, `(a, b) = e`, or a bare e) and the names written for it. */
function parts(item: Node): { value: Node; names: string[] } {
  const kind = kindOf(item);
  if (kind === 'SimpleNamedExpression') {
    const n = item as Kusto.Language.Syntax.SimpleNamedExpression;
    return { value: n.Expression!, names: [nameText(n.Name)] };
  }
  if (kind === 'CompoundNamedExpression') {
    const n = item as Kusto.Language.Syntax.CompoundNamedExpression;
    const names = elementsOf(n.Names?.Names).map((decl) => nameText(decl));
    return { value: n.Expression!, names };
  }
  return { value: item, names: [] };
}

/** A lowered item: tuple-valued ones carry their output columns. */
function namedExpr(value: Node, outputs: readonly ColumnDef[], ctx: LowerContext): NamedExpr {
  const expr = lowerExpr(value, ctx);
  return outputs.length > 1 ? { name: outputs[0]!.name, expr, outputs } : { name: outputs[0]!.name, expr };
}

/** project and print: the schema lists every item's columns in order, so each item takes the next slice. */
export function positionalColumns(
  items: readonly Node[],
  schema: readonly ColumnDef[],
  ctx: LowerContext,
): NamedExpr[] {
  let pos = 0;
  return items.map((item) => {
    const { value } = parts(item);
    const width = tupleWidth(value);
    const outputs = schema.slice(pos, pos + width);
    pos += width;
    return namedExpr(value, outputs.length > 0 ? outputs : [{ name: `Column${pos}`, type: 'dynamic' }], ctx);
  });
}

/**
 * extend and serialize: written names are kept (they may replace input columns in place); bare columns
 * keep their own name; everything else takes, in order, the schema's names that are neither input
 * columns nor written names (Column1, series_stats_x_min, …).
 */
export function extendedColumns(
  items: readonly Node[],
  inputSchema: readonly ColumnDef[],
  schema: readonly ColumnDef[],
  ctx: LowerContext,
): NamedExpr[] {
  const inputNames = new Set(inputSchema.map((c) => c.name));
  const written = new Set(items.flatMap((item) => parts(item).names));
  const generated = schema.filter((c) => !inputNames.has(c.name) && !written.has(c.name)).map((c) => c.name);
  const typeOfColumn = new Map(schema.map((c) => [c.name, c.type]));
  let next = 0;
  return items.map((item): NamedExpr => {
    const { value, names } = parts(item);
    const width = tupleWidth(value);
    if (width === 1 && names.length === 0) {
      const expr = lowerExpr(value, ctx);
      return { name: expr.k === 'column' ? expr.name : (generated[next++] ?? `Column${next}`), expr };
    }
    const outNames = Array.from({ length: width }, (_, i) => names[i] ?? generated[next++] ?? `Column${next}`);
    const outputs = outNames.map((name): ColumnDef => ({ name, type: typeOfColumn.get(name) ?? 'dynamic' }));
    return namedExpr(value, outputs, ctx);
  });
}
