/** Small helpers over the binder's graph types, shared by the graph operators' lowering. */
import { kqlTypeOf, kusto } from '../../kql';
import type { LowerContext } from './context';
import { kindOf, type Node, spanOf, typeOf } from './syntax';
import type { ColumnDef, Plan } from './types';

/** Whether an expression's result is a graph (make-graph and the graph operators that keep one). */
export function isGraph(expr: Node): boolean {
  const t = (expr as Kusto.Language.Syntax.Expression).ResultType;
  return !!t && t.Kind === kusto().Symbols.SymbolKind.Graph;
}

/** Whether an expression's result is a group of tables (graph-to-table of nodes and edges together). */
export function isGroup(expr: Node): boolean {
  const t = (expr as Kusto.Language.Syntax.Expression).ResultType;
  return !!t && t.Kind === kusto().Symbols.SymbolKind.Group;
}

/** The binder's node and edge shapes of a graph-valued expression (no node shape: no node property). */
export function graphShapes(expr: Node): { nodes: ColumnDef[]; edges: ColumnDef[] } {
  const t = (expr as Kusto.Language.Syntax.Expression).ResultType as Kusto.Language.Symbols.GraphSymbol | null;
  return { nodes: columnsOf(t?.NodeShape), edges: columnsOf(t?.EdgeShape) };
}

function columnsOf(shape: Kusto.Language.Symbols.TableSymbol | null | undefined): ColumnDef[] {
  const out: ColumnDef[] = [];
  const cols = shape?.Columns;
  for (let i = 0; cols && i < cols.Count; i++) {
    const c = cols.getItem(i);
    out.push({ name: c.Name ?? '', type: kqlTypeOf(c.Type) });
  }
  return out;
}

/** The graph a graph operator reads: a make-graph (or an operator keeping a graph), else our error at `op`. */
export function graphInput(op: Node, input: Plan, ctx: LowerContext): Plan {
  let p = input;
  while (p.k === 'shared') {
    p = p.plan;
  }
  if (p.k !== 'makeGraph' && p.k !== 'graphMarkComponents') {
    throw ctx.errors.at(spanOf(op), 'KQL-TYPE', `${operatorKeyword(op)} needs a graph as its input (from make-graph).`);
  }
  return input;
}

/** `name = value` parameters of a graph operator, values as written (cycles=all, kind=strong…). */
export function namedParameters(list: unknown): Map<string, { text: string; node: Node }> {
  const out = new Map<string, { text: string; node: Node }>();
  const l = list as { Count?: number; getItem?(i: number): Kusto.Language.Syntax.NamedParameter } | null;
  for (let i = 0; l?.getItem && i < (l.Count ?? 0); i++) {
    const p = l.getItem(i);
    const name = p.Name?.SimpleName ?? '';
    const value = p.Expression as Node;
    out.set(name.toLowerCase(), { text: (value?.toString() ?? '').trim().replace(/^['"]|['"]$/g, ''), node: p });
  }
  return out;
}

export function operatorKeyword(op: Node): string {
  return op.GetFirstToken?.()?.Text ?? kindOf(op);
}

export { typeOf };
