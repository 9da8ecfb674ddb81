/**
 * Where a query bound with some operators blanked no longer speaks for the query: the blanked operators,
 * and what consumes their output, which the binder typed without them (`project a | where a == 1` after a
 * blanked graph-match has `a` unknown). What lies outside is bound as it is written: another `let`, another
 * union leg, the pipeline before the operator. Read from the parse of the query as written (offsets are
 * those of the blanked text too). Output flows to the parts after it in its enclosing syntax (later pipe
 * operators, a join's `on` clause) and, from a `let` or an `as`, to every later use of its name; union legs
 * and statements are independent of their neighbours.
 */
import { kusto } from './kustoLibrary';

export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/** Whether a span holds the character at `offset` (where a diagnostic starts). */
export function spanHolds(spans: readonly TextSpan[], offset: number): boolean {
  return spans.some((s) => s.start <= offset && offset < s.end);
}

/**
 * Whether a span holds any character of start..end (a diagnostic's range; an empty one at `start`): an
 * error about an enclosing expression (a union leg that a blanked graph-match left a graph) covers it.
 */
export function spanOverlaps(spans: readonly TextSpan[], start: number, end: number): boolean {
  return spanHolds(spans, start) || spans.some((s) => s.start < end && start < s.end);
}

/** Whether a cursor at `offset` is inside a span or at its end (typing on from it), not at its start. */
export function spanHoldsCursor(spans: readonly TextSpan[], offset: number): boolean {
  return spans.some((s) => s.start < offset && offset <= s.end);
}

/** The spans the blanked pipe segments (`| graph-match …`, `start` at their bar) reach, sorted and merged. */
export function blankedReach(
  blanked: readonly { readonly pipe: Kusto.Language.Syntax.SyntaxNode; readonly start: number }[],
): TextSpan[] {
  const K = kusto();
  const S = K.Syntax;
  const spans: TextSpan[] = [];
  const reached = new Set<Kusto.Language.Syntax.SyntaxNode>();
  const work: { node: Kusto.Language.Syntax.SyntaxNode; start: number }[] = blanked.map((b) => ({
    node: b.pipe,
    start: b.start,
  }));
  let references: Map<string, Kusto.Language.Syntax.NameReference[]> | undefined;
  const declare = (name: string | null | undefined, root: Kusto.Language.Syntax.SyntaxNode, after: number) => {
    if (!name) return;
    references ??= nameReferences(root);
    for (const ref of references.get(name) ?? []) {
      if (ref.TextStart >= after) work.push({ node: ref, start: ref.TextStart });
    }
  };
  for (let item = work.pop(); item; item = work.pop()) {
    if (reached.has(item.node)) continue;
    reached.add(item.node);
    spans.push({ start: item.start, end: item.node.End });
    let child: Kusto.Language.Syntax.SyntaxNode = item.node;
    for (let parent = child.Parent; parent; child = parent, parent = parent.Parent) {
      if (!independentOfNeighbours(child, parent)) {
        spans.push({ start: child.End, end: parent.End });
      }
      if (parent instanceof S.LetStatement && child === parent.Expression) {
        declare(parent.Name?.SimpleName, root(parent), parent.End);
      }
      if (
        parent instanceof S.PipeExpression &&
        child === parent.Expression &&
        parent.Operator instanceof S.AsOperator
      ) {
        declare(parent.Operator.Name?.SimpleName, root(parent), parent.End);
      }
    }
  }
  return merge(spans);
}

/** Statements, and union legs, do not read each other's output except by name. */
function independentOfNeighbours(
  child: Kusto.Language.Syntax.SyntaxNode,
  parent: Kusto.Language.Syntax.SyntaxNode,
): boolean {
  const S = kusto().Syntax;
  const isStatementList = (n: Kusto.Language.Syntax.SyntaxNode) =>
    n.Kind === S.SyntaxKind.List &&
    n.ChildCount > 0 &&
    (n.GetChild(0) as Kusto.Language.Syntax.SeparatedElement | null)?.Element instanceof S.Statement;
  const isUnionLegs = (n: Kusto.Language.Syntax.SyntaxNode) =>
    n.Parent instanceof S.UnionOperator && n === n.Parent.Expressions;
  return isStatementList(parent) || isStatementList(child) || isUnionLegs(parent);
}

function root(node: Kusto.Language.Syntax.SyntaxNode): Kusto.Language.Syntax.SyntaxNode {
  let top = node;
  while (top.Parent) top = top.Parent;
  return top;
}

function nameReferences(top: Kusto.Language.Syntax.SyntaxNode): Map<string, Kusto.Language.Syntax.NameReference[]> {
  const S = kusto().Syntax;
  const byName = new Map<string, Kusto.Language.Syntax.NameReference[]>();
  top.WalkElements((e) => {
    if (e instanceof S.NameReference && e.SimpleName) {
      const list = byName.get(e.SimpleName) ?? [];
      list.push(e);
      byName.set(e.SimpleName, list);
    }
  });
  return byName;
}

function merge(spans: TextSpan[]): TextSpan[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: TextSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) {
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    } else {
      out.push(s);
    }
  }
  return out;
}
