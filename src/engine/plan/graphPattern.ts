/** Reads graph-match's pattern syntax: sequences of nodes and edges, with names for the anonymous ones. */
import type { LowerContext } from './context';
import { elementsOf, kindOf, type Node, nameText, spanOf } from './syntax';
import type { GraphPattern, GraphPatternEdge } from './types';

export interface PatternVariable {
  readonly kind: 'node' | 'edge';
  readonly variableLength: boolean;
}

/** The patterns and every variable they name (anonymous elements get hidden names). */
export function readPatterns(
  list: unknown,
  ctx: LowerContext,
): { patterns: GraphPattern[]; variables: Map<string, PatternVariable> } {
  const variables = new Map<string, PatternVariable>();
  let anonymous = 0;
  const named = (n: Kusto.Language.Syntax.NameDeclaration | null): string =>
    n ? nameText(n) : `\u0000anon${anonymous++}`;
  const patterns = elementsOf<Kusto.Language.Syntax.GraphMatchPattern>(list).map((pattern): GraphPattern => {
    const nodes: string[] = [];
    const edges: GraphPatternEdge[] = [];
    for (const element of elementsOf<Node>(pattern.PatternElements)) {
      if (kindOf(element) === 'GraphMatchPatternNode') {
        const name = named((element as Kusto.Language.Syntax.GraphMatchPatternNode).Name);
        declare(variables, name, { kind: 'node', variableLength: false }, element, ctx);
        nodes.push(name);
      } else {
        const edge = readEdge(element as Kusto.Language.Syntax.GraphMatchPatternEdge, named, ctx);
        declare(variables, edge.name, { kind: 'edge', variableLength: edge.variableLength }, element, ctx);
        edges.push(edge);
      }
    }
    return { nodes, edges };
  });
  return { patterns, variables };
}

function declare(
  variables: Map<string, PatternVariable>,
  name: string,
  v: PatternVariable,
  at: Node,
  ctx: LowerContext,
): void {
  const known = variables.get(name);
  if (known && (known.kind === 'edge' || v.kind === 'edge')) {
    // A node may appear several times (a cycle, or a node shared by sequences); an edge only once.
    throw ctx.errors.at(
      spanOf(at),
      'KQL-GRAPH',
      `The pattern variable '${name}' is used for more than one edge or for an edge and a node.`,
    );
  }
  variables.set(name, v);
}

function readEdge(
  edge: Kusto.Language.Syntax.GraphMatchPatternEdge,
  named: (n: Kusto.Language.Syntax.NameDeclaration | null) => string,
  ctx: LowerContext,
): GraphPatternEdge {
  const first = edge.FirstToken?.Text ?? '';
  const last = edge.LastToken?.Text ?? first;
  const direction = first.startsWith('<') ? 'in' : last.endsWith('>') ? 'out' : 'both';
  const range = edge.Range;
  if (!range) {
    return { name: named(edge.Name), direction, min: 1, max: 1, variableLength: false };
  }
  const min = hopCount(range.RangeStart, ctx);
  const max = hopCount(range.RangeEnd, ctx);
  if (min > max) {
    throw ctx.errors.at(spanOf(range), 'KQL-GRAPH', `The variable-length edge's range ${min}..${max} is empty.`);
  }
  return { name: named(edge.Name), direction, min, max, variableLength: true };
}

function hopCount(e: Kusto.Language.Syntax.Expression | null, ctx: LowerContext): number {
  const n = e ? Number((e.toString() ?? '').trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 0) {
    throw ctx.errors.at(
      e ? spanOf(e) : { start: 0, end: 0 },
      'KQL-GRAPH',
      'The bounds of a variable-length edge must be non-negative integer literals (*min..max).',
    );
  }
  return n;
}
