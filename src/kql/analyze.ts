/**
 * Parse and bind a query with Kusto.Language: the single entry point both the language server and the
 * engine use, so the editor and the engine never disagree about what is valid KQL.
 */
import type { TableSchema } from '../schema/types';
import type { FunctionSchema } from '../schema/workspaceSchema';
import { type KqlDiagnostic, KqlError, type KqlSeverity } from './errors';
import { globalsFor } from './globals';
import { parseAndAnalyzeGraphSafe, queryDiagnostics } from './graphInputCrash';
import { cancellationToken } from './kustoLibrary';
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

/** Told once, when the process's first analysis has ended, answered or thrown (see onFirstAnalysisEnd). */
let firstAnalysisEnd: (() => void) | undefined;

/**
 * `listener` is called once, when the next analysis ends (answered or thrown): the end of the library's
 * start-up in a `kql` run, where its optimizer hold ends (src/cli/optimizerHold.ts). One listener.
 */
export function onFirstAnalysisEnd(listener: (() => void) | undefined): void {
  firstAnalysisEnd = listener;
}

export function analyze(text: string, options: AnalyzeOptions = {}): AnalyzedQuery {
  if (firstAnalysisEnd === undefined) {
    return analyzeNow(text, options);
  }
  try {
    return analyzeNow(text, options);
  } finally {
    const ended = firstAnalysisEnd;
    firstAnalysisEnd = undefined;
    ended?.();
  }
}

function analyzeNow(text: string, options: AnalyzeOptions): AnalyzedQuery {
  const globals = globalsFor(options.tables, options.functions);
  const token = cancellationToken(options.isCancelled);
  // The binder throws on a graph operator whose input it could not type as a graph (graphInputCrash.ts).
  const analysis = parseAndAnalyzeGraphSafe(text, globals, token);
  const { code, graphErrors } = analysis;
  const lines = new LineMap(text);
  const diagnostics: KqlDiagnostic[] = [];
  for (const d of queryDiagnostics(analysis, code.GetDiagnostics(token))) {
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
  if (graphErrors.length > 0) {
    // Placed among the binder's errors in text order, so the input's own error comes first.
    for (const e of graphErrors) {
      diagnostics.push({ ...e, range: lines.rangeOf(e.start, e.end) });
    }
    diagnostics.sort((a, b) => a.start - b.start);
  }
  return { text, code, lines, diagnostics };
}

/** The first error of an analysed query as a KqlError, if it has one. */
/** Kusto's "The name 'X' does not refer to any known column, table, variable or function." */
const UNKNOWN_NAME_CODE = 'KS142';

export function firstError(query: AnalyzedQuery): KqlError | undefined {
  const errors = query.diagnostics.filter((x) => x.severity === 'error');
  const first = errors[0];
  if (!first) {
    return undefined;
  }
  // An unknown name also fails the type its place expects, and Kusto lists that first at the same span
  // (`iff(IsWildcardBind, …)` on an export without the column: "A value of type bool expected."). The
  // unknown name is the cause, and the only one that says what to fix (or what the export left out).
  const cause = errors.find((d) => d.code === UNKNOWN_NAME_CODE && d.start === first.start && d.end === first.end);
  return KqlError.fromDiagnostic(cause ?? first);
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
