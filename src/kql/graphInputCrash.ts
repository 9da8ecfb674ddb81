/**
 * Kusto.Language's binder throws (a TypeError in BindGraphMatchPatternDeclarations) when graph-match or
 * graph-shortest-paths reads an input it could not type as a graph: a name it does not know, such as
 * the reference's `graph_time_travel(…) | graph-match …` without the stored function. The query then
 * had no diagnostics at all and the engine showed the TypeError. Here the parse alone finds those
 * operators; the text is bound again with each `| graph-…` operator blanked, which gives the query's
 * other errors (the unknown name) at their places, and each operator gets an error saying what it needs.
 */
import { kusto } from './kustoLibrary';

export interface GraphOperatorSpan {
  readonly start: number;
  readonly end: number;
  readonly keyword: string;
}

/** The `| graph-match …` and `| graph-shortest-paths …` pipe segments of a query, from its parse. */
export function graphPatternOperators(text: string, globals: Kusto.Language.GlobalState): GraphOperatorSpan[] {
  const K = kusto();
  const kinds = new Map([
    [K.Syntax.SyntaxKind.GraphMatchOperator, 'graph-match'],
    [K.Syntax.SyntaxKind.GraphShortestPathsOperator, 'graph-shortest-paths'],
  ]);
  const spans: GraphOperatorSpan[] = [];
  K.KustoCode.Parse(text, globals)?.Syntax?.WalkElements((e) => {
    if (e.Kind !== K.Syntax.SyntaxKind.PipeExpression) {
      return;
    }
    const pipe = e as Kusto.Language.Syntax.PipeExpression;
    const keyword = pipe.Operator ? kinds.get(pipe.Operator.Kind) : undefined;
    if (keyword && pipe.Bar && pipe.Operator) {
      spans.push({ start: pipe.Bar.TextStart, end: pipe.Operator.End, keyword });
    }
  });
  return spans;
}

export function graphInputMessage(keyword: string): string {
  return `${keyword} needs a graph as its input (make-graph, or a let or stored function that returns one), and Kusto.Language could not bind this input as one.`;
}
