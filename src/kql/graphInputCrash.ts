/**
 * Kusto.Language's binder throws (a TypeError in BindGraphMatchPatternDeclarations) when graph-match or
 * graph-shortest-paths reads an input it could not type as a graph: a name it does not know, such as
 * the reference's `graph_time_travel(…) | graph-match …` without the stored function. The query then
 * had no diagnostics at all and the engine showed the TypeError. Here the parse alone finds those
 * operators; the text is bound again with the ones that throw blanked (throwingOperators.ts), which gives
 * the query's other errors (the unknown name) at their places, valid graph operators elsewhere keep
 * theirs, and each blanked operator gets an error saying what it needs.
 */
import { blankedReach, spanOverlaps, type TextSpan } from './blankedReach';
import { blankSpans } from './blankSpans';
import type { KqlSeverity } from './errors';
import { isCancellation, items, kusto } from './kustoLibrary';
import { findThrowingOperators, REBIND_BUDGET } from './throwingOperators';

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

/** Said of an operator the search's budget left undecided (throwingOperators.ts): it may well be valid. */
export function graphUncheckedMessage(keyword: string): string {
  return `${keyword} not checked: Kusto.Language could not bind some graph operators of this query, and finding which took too long, so this one and the later graph operators are left out of checking (no errors, hover or completion there).`;
}

/** An error the binder could not give, at an operator it could not bind; offsets into the query text. */
export interface GraphInputError {
  /** KQL-GRAPH-UNCHECKED, an information, at operators blanked unchecked: no error is claimed there. */
  readonly code: 'KQL-GRAPH' | 'KQL-GRAPH-UNCHECKED';
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
  /**
   * One error per blanked operator that throws, one information per operator blanked unchecked; empty
   * when the query bound as it is.
   */
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
 * Cancellation, and a throw with no graph operator to blame, propagate. `searchExpired` says when the
 * search for the operators to blank should stop short (a caller with a deadline), else a budget of binds
 * bounds it.
 */
export function parseAndAnalyzeGraphSafe(
  text: string,
  globals: Kusto.Language.GlobalState,
  token: Kusto.Language.Utils.CancellationToken,
  searchExpired?: () => boolean,
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
    const found = findThrowingOperators(operators.length, bind, { binds: REBIND_BUDGET, expired: searchExpired });
    const unchecked = new Set(found.unchecked);
    const blanked = found.blanked.map((i) => operators[i]!);
    const graphErrors = found.blanked.map((i): GraphInputError => {
      const { keyword, start, end } = operators[i]!;
      return unchecked.has(i)
        ? { code: 'KQL-GRAPH-UNCHECKED', message: graphUncheckedMessage(keyword), severity: 'information', start, end }
        : { code: 'KQL-GRAPH', message: graphInputMessage(keyword), severity: 'error', start, end };
    });
    return { code: found.value, graphErrors, blankedReach: blankedReach(blanked) };
  }
}

/**
 * The library's diagnostics (the binder's, or its analyzers') that speak for the query: all of them when
 * it bound as it is. With operators blanked, the syntax errors, and the others clear of the blanked
 * operators' reach: there the query was typed without them, so `project a | where a == 1` after one would
 * have `a` unknown, and an error whose range covers one (a union leg it left a graph) is about it too.
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
  const reached = (d: Kusto.Language.Diagnostic) =>
    spanOverlaps(analysis.blankedReach, d.Start, d.Start + Math.max(d.Length, 0));
  return all.filter((d) => !reached(d) || syntax.has(key(d)));
}
