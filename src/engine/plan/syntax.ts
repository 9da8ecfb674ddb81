/** Small helpers over Kusto.Language's syntax tree, so the lowering code reads as KQL, not as Bridge.NET. */
import { KqlError, kqlTypeOf, kusto, type LineMap } from '../../kql';
import type { KqlType } from '../values';
import type { ColumnDef, Span } from './types';

export type Node = Kusto.Language.Syntax.SyntaxNode;
export type Element = Kusto.Language.Syntax.SyntaxElement;

let kindNames: Map<number, string> | undefined;

/** The SyntaxKind name of a node ('FilterOperator', 'EqualExpression', …). */
export function kindOf(node: Element): string {
  if (!kindNames) {
    kindNames = new Map();
    // A Bridge.NET enum is a plain name → number object at run time: reverse it once.
    for (const [name, value] of Object.entries(kusto().Syntax.SyntaxKind)) {
      if (typeof value === 'number') {
        kindNames.set(value, name);
      }
    }
  }
  return kindNames.get(node.Kind) ?? String(node.Kind);
}

/** Expanded bodies of stored functions (not in the query's text): their nodes take the call's span. */
const callSpans = new WeakMap<Kusto.Language.Syntax.SyntaxTree, Span>();
/**
 * Whether the query being lowered has met a function expansion: until it has, every node is in the
 * query's own tree and spanOf need not walk up to it (`node.Tree` climbs to the root).
 */
let expansionsMet = false;

/**
 * Runs one query's lowering with its own expansion flag, so a query with a user function does not make
 * every later query's spans walk trees. Sound with cached plans because spans are only read while a
 * query is lowered (plans keep spans, never Kusto nodes), and an expansion's nodes are reached only
 * through its call, which marks it (userFunctions.ts) before they are lowered. Restores the outer
 * flag, should a lowering ever run inside another.
 */
export function lowering<T>(lower: () => T): T {
  const outer = expansionsMet;
  expansionsMet = false;
  try {
    return lower();
  } finally {
    expansionsMet = outer;
  }
}

/** Whether spans are being mapped out of expansions (for tests: false outside a lowering that met one). */
export function mappingExpansions(): boolean {
  return expansionsMet;
}

/**
 * Marks a function body expanded at a call site (userFunctions.ts): its nodes' spans are mapped back
 * into the query's text, or, with `callSpan` (a stored function's body), are the call's.
 */
export function markExpansion(body: Node, callSpan?: Span): void {
  expansionsMet = true;
  const tree = body.Tree;
  if (callSpan && tree) {
    callSpans.set(tree, callSpan);
  }
}

export function spanOf(node: Element): Span {
  let start = node.TextStart;
  if (expansionsMet) {
    // A node of an expansion counts its offsets from the expansion; each expansion knows where it
    // sits in the tree it came from (the query's, or an enclosing expansion's).
    let tree = node.Tree;
    while (tree?.Original) {
      const fixed = callSpans.get(tree);
      if (fixed) {
        return fixed;
      }
      start += tree.OffsetInOriginal;
      tree = tree.Original;
    }
    const fixed = tree && callSpans.get(tree);
    if (fixed) {
      return fixed;
    }
  }
  return { start, end: start + node.Width };
}

/** The elements of a SeparatedSyntaxList (or a plain SyntaxList), as an array. */
export function elementsOf<T = Node>(list: unknown): T[] {
  const l = list as { Count?: number; getItem?(i: number): unknown } | null | undefined;
  if (!l || typeof l.Count !== 'number' || !l.getItem) {
    return [];
  }
  const out: T[] = [];
  for (let i = 0; i < l.Count; i++) {
    const item = l.getItem(i) as { Element?: unknown } | null;
    if (item === null || item === undefined) {
      continue;
    }
    out.push((kindOf(item as Element) === 'SeparatedElement' ? item.Element : item) as T);
  }
  return out;
}

export function typeOf(expr: Node): KqlType {
  return kqlTypeOf((expr as Kusto.Language.Syntax.Expression).ResultType);
}

/**
 * Schemas read from the binder, by the bound table type: lowering asks for one node's more than once (an
 * operator's input schema where it is piped on), a pipe and its operator share one type, and reading a
 * wide table's columns through Bridge costs a few µs each time. A stored table's type is the same object
 * in every query bound against the same schemas, so its columns are read once, not once per first run.
 * Bound types never change, and plan schemas are never edited in place, so one array serves them all
 * (and is the same array wherever a schema did not change: tabular.ts relies on that).
 */
const schemas = new WeakMap<Kusto.Language.Symbols.TypeSymbol, readonly ColumnDef[]>();
const NO_COLUMNS: readonly ColumnDef[] = [];

/** The columns of a tabular expression's result, from the binder (Kusto's own names). */
export function schemaOf(expr: Node): readonly ColumnDef[] {
  return tableSchema(
    (expr as Kusto.Language.Syntax.Expression).ResultType as Kusto.Language.Symbols.TableSymbol | null,
  );
}

/** A table symbol's columns (a wildcard's tables are symbols of its group, with no node of their own). */
export function tableSchema(t: Kusto.Language.Symbols.TableSymbol | null | undefined): readonly ColumnDef[] {
  if (!t) {
    return NO_COLUMNS;
  }
  const known = schemas.get(t);
  if (known) {
    return known;
  }
  const cols = t.Columns;
  const out: ColumnDef[] = [];
  if (cols) {
    for (let i = 0; i < cols.Count; i++) {
      const c = cols.getItem(i);
      out.push({ name: c.Name ?? '', type: kqlTypeOf(c.Type) });
    }
  }
  schemas.set(t, out);
  return out;
}

export function isTabular(expr: Node): boolean {
  const t = (expr as Kusto.Language.Syntax.Expression).ResultType;
  return !!t && t.Kind === kusto().Symbols.SymbolKind.Table;
}

/** What an expression that is not a table gives instead: several tables, nothing, or a scalar. */
export function nonTabularKind(expr: Node): 'tables' | 'nothing' | 'scalar' {
  const kind = (expr as Kusto.Language.Syntax.Expression).ResultType?.Kind;
  const symbols = kusto().Symbols.SymbolKind;
  return kind === symbols.Group ? 'tables' : kind === symbols.Void ? 'nothing' : 'scalar';
}

/** `Name = expr` and `(a, b) = expr` → expr; anything else is its own value. */
export function assignedValue(item: Node): Node {
  const kind = kindOf(item);
  if (kind === 'SimpleNamedExpression') {
    return (item as Kusto.Language.Syntax.SimpleNamedExpression).Expression!;
  }
  return kind === 'CompoundNamedExpression'
    ? (item as Kusto.Language.Syntax.CompoundNamedExpression).Expression!
    : item;
}

/** The text of a token or name as written (identifier without brackets or quotes). */
export function nameText(node: Node | null | undefined): string {
  if (!node) {
    return '';
  }
  // Any node may come here: a NameDeclaration or NameReference has SimpleName, another node holding a Name
  // has only Name, the rest neither (then its text). Both declare the two properties, so read it as either.
  const n = node as Partial<Kusto.Language.Syntax.NameReference>;
  return n.SimpleName ?? n.Name?.SimpleName ?? textOf(node);
}

/** Builds KqlErrors located in the query text. */
export class ErrorFactory {
  constructor(readonly lines: LineMap) {}
  at(span: Span, code: string, message: string): KqlError {
    return new KqlError(code, message, this.lines.rangeOf(span.start, span.end), span.start, span.end);
  }
  unsupported(node: Element, what: string): KqlError {
    return this.at(spanOf(node), 'KQL-UNSUPPORTED', `${what} is not supported by the embedded engine.`);
  }
}

/** A node's source text, trimmed. */
export function textOf(node: Element | null | undefined): string {
  return (node?.toString() ?? '').trim();
}
