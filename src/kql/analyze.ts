/**
 * Parse and bind a query with Kusto.Language: the single entry point both the language server and the
 * engine use, so the editor and the engine never disagree about what is valid KQL.
 */
import type { TableSchema } from '../schema/types';
import type { FunctionSchema } from '../schema/workspaceSchema';
import { blankSpans } from './blankSpans';
import { type KqlDiagnostic, KqlError, type KqlSeverity } from './errors';
import { globalsFor } from './globals';
import { graphInputMessage, graphPatternOperators } from './graphInputCrash';
import { cancellationToken, items, kusto } from './kustoLibrary';
import { LineMap } from './positions';

export interface AnalyzedQuery {
  readonly text: string;
  readonly code: Kusto.Language.KustoCode;
  readonly lines: LineMap;
  readonly diagnostics: readonly KqlDiagnostic[];
}

export interface AnalyzeOptions {
  /** Tables to bind against; defaults to the schema catalogue. */
  readonly tables?: readonly TableSchema[];
  /** The workspace's stored functions, bound with `tables` (only with them). */
  readonly functions?: readonly FunctionSchema[];
  /** Checked while analysing; the library throws OperationCanceledException when it returns true. */
  readonly isCancelled?: () => boolean;
}

function severity(s: string | null): KqlSeverity {
  switch ((s ?? '').toLowerCase()) {
    case 'warning':
      return 'warning';
    case 'suggestion':
      return 'hint';
    case 'information':
      return 'information';
    default:
      return 'error';
  }
}

export function analyze(text: string, options: AnalyzeOptions = {}): AnalyzedQuery {
  const K = kusto();
  const globals = globalsFor(options.tables, options.functions);
  const token = cancellationToken(options.isCancelled);
  let code: Kusto.Language.KustoCode;
  try {
    code = K.KustoCode.ParseAndAnalyze(text, globals, token)!;
  } catch (e) {
    // The binder throws on a graph operator whose input it could not type as a graph
    // (graphInputCrash.ts): bind the rest, and say at the operator what it needs.
    const spans = /OperationCanceled/.test(String((e as { name?: string }).name ?? e))
      ? []
      : graphPatternOperators(text, globals);
    if (spans.length === 0) {
      throw e;
    }
    const rest = analyze(blankSpans(text, spans), options);
    const lines = new LineMap(text);
    const errors = spans.map((s) => ({
      code: 'KQL-GRAPH',
      message: graphInputMessage(s.keyword),
      severity: 'error' as const,
      start: s.start,
      end: s.end,
      range: lines.rangeOf(s.start, s.end),
    }));
    return { ...rest, text, lines, diagnostics: [...rest.diagnostics, ...errors].sort((a, b) => a.start - b.start) };
  }
  const lines = new LineMap(text);
  const diagnostics: KqlDiagnostic[] = [];
  for (const d of items(code.GetDiagnostics(token))) {
    const start = d.Start;
    const end = d.Start + Math.max(d.Length, 0);
    diagnostics.push({
      code: d.Code ?? 'KS000',
      message: d.Message ?? 'Invalid query.',
      severity: severity(d.Severity),
      start,
      end,
      range: lines.rangeOf(start, end),
    });
  }
  return { text, code, lines, diagnostics };
}

/** The first error of an analysed query as a KqlError, if it has one. */
export function firstError(query: AnalyzedQuery): KqlError | undefined {
  const d = query.diagnostics.find((x) => x.severity === 'error');
  return d ? KqlError.fromDiagnostic(d) : undefined;
}

/** Analyse, then throw the first error (the library's words) if the query is not valid KQL. */
export function analyzeOrThrow(text: string, options: AnalyzeOptions = {}): AnalyzedQuery {
  const query = analyze(text, options);
  const error = firstError(query);
  if (error) {
    throw error;
  }
  return query;
}
