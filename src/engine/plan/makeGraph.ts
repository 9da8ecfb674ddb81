/** Lowers make-graph: the edge rows, the node tables and their keys, into a graph plan (exec/graph.ts). */
import type { LowerContext } from './context';
import { graphShapes, namedParameters } from './graphSyntax';
import { elementsOf, kindOf, type Node, nameText, spanOf } from './syntax';
import type { Plan } from './types';

export function lowerMakeGraph(op: Node, input: Plan, ctx: LowerContext): Plan {
  const make = op as Kusto.Language.Syntax.MakeGraphOperator;
  if (make.PartitionedByClause) {
    throw ctx.errors.unsupported(make.PartitionedByClause, "make-graph's partitioned-by clause");
  }
  if (namedParameters(make.Parameters).size > 0) {
    throw ctx.errors.unsupported(make.Parameters!, "make-graph's parameters");
  }
  const shapes = graphShapes(op);
  const clause = make.WithClause as Node | null;
  const nodes: { plan: Plan; key: string }[] = [];
  let nodeIdProperty: string | undefined;
  if (clause && kindOf(clause) === 'MakeGraphWithImplicitIdClause') {
    nodeIdProperty = nameText((clause as Kusto.Language.Syntax.MakeGraphWithImplicitIdClause).Name);
  } else if (clause) {
    const tables = (clause as Kusto.Language.Syntax.MakeGraphWithTablesAndKeysClause).TablesAndKeys;
    for (const item of elementsOf<Kusto.Language.Syntax.MakeGraphTableAndKeyClause>(tables)) {
      nodes.push({ plan: ctx.tabular(item.Table!, ctx), key: nameText(item.Column) });
    }
  }
  return {
    k: 'makeGraph',
    input,
    source: nameText(make.SourceColumn),
    target: nameText(make.TargetColumn),
    undirected: make.DirectionToken?.Text === '--',
    nodes,
    nodeIdProperty,
    nodeSchema: shapes.nodes,
    edgeSchema: shapes.edges,
    span: spanOf(op),
    schema: [],
  };
}
