/** Lowers graph-to-table and graph-mark-components, the graph operators without a pattern. */
import type { LowerContext } from './context';
import { graphInput, graphShapes, namedParameters } from './graphSyntax';
import { elementsOf, type Node, schemaOf, spanOf } from './syntax';
import type { Plan } from './types';

export function lowerGraphToTable(op: Node, input: Plan, ctx: LowerContext): Plan {
  graphInput(op, input, ctx);
  const outputs = elementsOf<Kusto.Language.Syntax.GraphToTableOutputClause>(
    (op as Kusto.Language.Syntax.GraphToTableOperator).OutputClause,
  );
  if (outputs.length !== 1) {
    throw ctx.errors.unsupported(op, 'graph-to-table of nodes and edges together (two results)');
  }
  const clause = outputs[0]!;
  const entity = clause.EntityKeyword?.Text?.toLowerCase() === 'edges' ? 'edges' : 'nodes';
  const idColumns: { name: string; of: 'node' | 'source' | 'target' }[] = [];
  for (const [name, p] of namedParameters(clause.Parameters)) {
    const of =
      name === 'with_node_id'
        ? 'node'
        : name === 'with_source_id'
          ? 'source'
          : name === 'with_target_id'
            ? 'target'
            : undefined;
    if (!of) {
      throw ctx.errors.unsupported(p.node, `The graph-to-table parameter '${name}'`);
    }
    idColumns.push({ name: p.text, of });
  }
  return { k: 'graphToTable', input, entity, idColumns, span: spanOf(op), schema: schemaOf(op) };
}

export function lowerGraphMarkComponents(op: Node, input: Plan, ctx: LowerContext): Plan {
  graphInput(op, input, ctx);
  const params = namedParameters((op as Kusto.Language.Syntax.GraphMarkComponentsOperator).Parameters);
  const kind = params.get('kind')?.text.toLowerCase() ?? 'weak';
  if (kind !== 'weak' && kind !== 'strong') {
    throw ctx.errors.at(spanOf(params.get('kind')!.node), 'KQL-GRAPH', `kind must be weak or strong, not '${kind}'.`);
  }
  const nodeSchema = graphShapes(op).nodes;
  return {
    k: 'graphMarkComponents',
    input,
    strong: kind === 'strong',
    column: params.get('with_component_id')?.text ?? 'ComponentId',
    nodeSchema,
    span: spanOf(op),
    schema: [],
  };
}
