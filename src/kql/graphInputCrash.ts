/**
 * Kusto.Language's binder throws (a TypeError in BindGraphMatchPatternDeclarations) when graph-match or
 * graph-shortest-paths reads an input it could not type as a graph: a name it does not know, such as
 * the reference's `graph_time_travel(…) | graph-match …` without the stored function. The query then
 * had no diagnostics at all and the engine showed the TypeError. Here the parse alone finds those
 * operators; the text is bound again with the ones that throw blanked (throwingOperators.ts), which gives
 * the query's other errors (the unknown name) at their places, valid graph operators elsewhere keep
 * theirs, and each blanked operator gets an error saying what it needs.
 */
import { blankedReach, spanHolds, type TextSpan } from './blankedReach';
import { blankSpans } from './blankSpans';
import type { KqlSeverity } from './errors';
import { isCancellation, items, kusto } from './kustoLibrary';
import { findThrowingOperators } from './throwingOperators';

export interface GraphOperator {
  /** From the bar to the operator's end. */
  readonly start: number;
  readonly end: number;
  readonly keyword: string;
  readonly pipe: Kusto.Language.Syntax.PipeExpression;
}

/** The `| graph-match …` and `| graph-shortest-paths …` pipe segments of a query, from its parse, in text order. */
export function graphOperators(text: string, globals: Kusto.Language.GlobalState): GraphOperator[] {
  const K = kusto();
  const kinds = new Map([
    [K.Syntax.SyntaxKind.GraphMatchOperator, 'graph-match'],
    [K.Syntax.SyntaxKind.GraphShortestPathsOperator, 'graph-shortest-paths'],
  ]);
  const found: GraphOperator[] = [];
  K.KustoCode.Parse(text, globals)?.Syntax?.WalkElements((e) => {
    if (e.Kind !== K.Syntax.SyntaxKind.PipeExpression) {
      return;
    }
    const pipe = e as Kusto.Language.Syntax.PipeExpression;
    const keyword = pipe.Operator ? kinds.get(pipe.Operator.Kind) : undefined;
    if (keyword && pipe.Bar && pipe.Operator) {
      found.push({ start: pipe.Bar.TextStart, end: pipe.Operator.End, keyword, pipe });
    }
  });
  // WalkElements visits a pipe before the pipes inside its input: text order is what the search needs.
  return found.sort((a, b) => a.start - b.start);
}

export function graphInputMessage(keyword: string): string {
  return `${keyword} needs a graph as its input (make-graph, or a let or stored function that returns one), and Kusto.Language could not bind this input as one.`;
}

/** An error the binder could not give, at an operator it could not bind; offsets into the query text. */
export interface GraphInputError {
  readonly code: 'KQL-GRAPH';
  readonly message: string;
  readonly severity: KqlSeverity;
  readonly start: number;
  readonly end: number;
}

export interface GraphSafeAnalysis {
  /**
   * The query's analysis, or, when the binder threw on graph operators, that of the text with them
   * blanked: the same length and offsets, but not the query's text (not for formatting it).
   */
  readonly code: Kusto.Language.KustoCode;
  /** One error per blanked operator; empty when the query bound as it is. */
  readonly graphErrors: readonly GraphInputError[];
  /**
   * Where `code` does not speak for the query (blankedReach.ts): the blanked operators and what reads
   * their output. Empty when nothing was blanked.
   */
  readonly blankedReach: readonly TextSpan[];
}

/**
 * ParseAndAnalyze that survives the binder's crash on graph operators: the one place the engine's
 * analyze() and the language server's blocks get their analysis from, so both report the same errors.
 * Cancellation, and a throw with no graph operator to blame, propagate.
 */
export function parseAndAnalyzeGraphSafe(
  text: string,
  globals: Kusto.Language.GlobalState,
  token: Kusto.Language.Utils.CancellationToken,
): GraphSafeAnalysis {
  const K = kusto();
  try {
    return { code: K.KustoCode.ParseAndAnalyze(text, globals, token)!, graphErrors: [], blankedReach: [] };
  } catch (e) {
    const operators = isCancellation(e) ? [] : graphOperators(text, globals);
    if (operators.length === 0) {
      throw e;
    }
    const bind = (blanked: readonly number[]) => {
      try {
        const spans = blanked.map((i) => operators[i]!);
        return { ok: true as const, value: K.KustoCode.ParseAndAnalyze(blankSpans(text, spans), globals, token)! };
      } catch (error) {
        if (isCancellation(error)) throw error;
        return { ok: false as const, error };
      }
    };
    // With every operator blanked a throw is not theirs: findThrowingOperators lets it propagate.
    const found = findThrowingOperators(operators.length, bind);
    const blanked = found.blanked.map((i) => operators[i]!);
    const graphErrors = blanked.map((s) => ({
      code: 'KQL-GRAPH' as const,
      message: graphInputMessage(s.keyword),
      severity: 'error' as const,
      start: s.start,
      end: s.end,
    }));
    return { code: found.value, graphErrors, blankedReach: blankedReach(blanked) };
  }
}

/**
 * The library's diagnostics (the binder's, or its analyzers') that speak for the query: all of them when
 * it bound as it is. With operators blanked, the syntax errors, and the others outside the blanked
 * operators' reach: there the query was typed without them, so `project a | where a == 1` after one would
 * have `a` unknown.
 */
export function queryDiagnostics(
  analysis: GraphSafeAnalysis,
  list: System.Collections.Generic.IReadOnlyList$1<Kusto.Language.Diagnostic> | null,
): Kusto.Language.Diagnostic[] {
  const all = [...items(list)];
  if (analysis.blankedReach.length === 0) {
    return all;
  }
  const key = (d: Kusto.Language.Diagnostic) => `${d.Start}:${d.Length}:${d.Code}`;
  const syntax = new Set([...items(analysis.code.GetSyntaxDiagnostics())].map(key));
  return all.filter((d) => !spanHolds(analysis.blankedReach, d.Start) || syntax.has(key(d)));
}
