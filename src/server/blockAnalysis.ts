/**
 * One analysed query block, and the cache that makes typing cheap: blocks are keyed by their text, so
 * an edit re-analyses only the block it touched, and every feature (diagnostics, completion, hover,
 * tokens, formatting) shares the same parse.
 */
import {
  activeSchema,
  type GraphInputError,
  globalsFor,
  type KqlSeverity,
  kusto,
  parseAndAnalyzeGraphSafe,
  queryDiagnostics,
  spanHoldsCursor,
  type TextSpan,
} from '../kql';
import { crossResourceNotes } from './crossResource';
import { deadlineToken, isCancellation, screenBlock } from './guards';
import { TextKeyedCache } from './textKeyedCache';

export interface BlockDiagnostic {
  /** Offsets into the block text. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly severity: KqlSeverity;
  readonly code: string;
}

export interface AnalyzedBlock {
  readonly text: string;
  /** Absent when the block was screened out or the analysis gave up (see `skipped`). */
  readonly service?: Kusto.Language.Editor.KustoCodeService;
  readonly code?: Kusto.Language.KustoCode;
  /**
   * Graph operators the binder threw on (graphInputCrash.ts), with their errors. When present, `code` and
   * `service` are those of the text with them blanked: right outside `blankedReach`, not inside it.
   */
  readonly graphErrors?: readonly GraphInputError[];
  /** Where the blanked operators' absence changed the binding (present with `graphErrors`). */
  readonly blankedReach?: readonly TextSpan[];
  /** Why the block is not analysed, in words. */
  readonly skipped?: string;
  /** Milliseconds the parse and bind took. */
  readonly analysisMs: number;
}

export type ServerLog = (message: string) => void;

/**
 * Whether the block's analysis speaks for this offset: everywhere, unless graph operators were blanked,
 * then outside their reach (there the library typed the query without them).
 */
export function analysedAt(block: AnalyzedBlock, offset: number): boolean {
  return !spanHoldsCursor(block.blankedReach ?? [], offset);
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

function describeFailure(e: unknown, budgetMs: number): string {
  if (isCancellation(e)) {
    return `analysis took longer than ${budgetMs} ms`;
  }
  if (e instanceof RangeError) {
    return 'the query is nested too deeply to analyse';
  }
  return `the analyser failed (${e instanceof Error ? e.message : String(e)})`;
}

/**
 * Blocks whose diagnostics are kept once their analysis is evicted. A diagnostics list is a few small
 * objects where an analysis holds the library's syntax tree and binding (the server's RSS was some
 * 400 MB holding 400 of them), so a file of thousands of queries keeps every block's diagnostics and only
 * the recent analyses. With both capped at 400, each check of a 2,000-query file evicted the analyses
 * the same check needed next, and every keystroke re-analysed every block.
 */
export const DIAGNOSTICS_CAPACITY = 20_000;

/**
 * And the characters those entries may hold (keys and messages, UTF-16: about 32 MB): the 2,000-query
 * file of `bench/largeKqlFile.ts` is 0.8 M, but typing in a 60 KB block keeps 60 K per keystroke.
 */
export const DIAGNOSTICS_MAX_CHARS = 16 * 1024 * 1024;

/** A diagnostics list's characters: its messages, and some for each entry's fields. */
const charsOf = (list: readonly BlockDiagnostic[]) => list.reduce((n, d) => n + d.message.length + 32, 0);

/**
 * The analyses a server keeps, from KQL_ANALYSIS_CAPACITY: a test seam, so a test of a file with more
 * queries than the analyzer keeps needs 100 queries rather than 450. Anything but a positive integer is
 * the default (400).
 */
export function analysisCapacityFrom(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}

export class BlockAnalyzer {
  private readonly blocks = new Map<string, AnalyzedBlock>();
  private readonly diagnosticsByText: TextKeyedCache<readonly BlockDiagnostic[]>;

  constructor(
    private readonly log: ServerLog,
    /** Budget for one block's parse and bind, in ms. */
    private readonly budgetMs = 3000,
    private readonly capacity = 400,
    diagnosticsCapacity = DIAGNOSTICS_CAPACITY,
    diagnosticsMaxChars = DIAGNOSTICS_MAX_CHARS,
  ) {
    this.diagnosticsByText = new TextKeyedCache(diagnosticsCapacity, diagnosticsMaxChars, charsOf);
  }

  /** Entries and characters of the kept diagnostics (tests and the benchmark read them). */
  get keptDiagnostics(): { readonly entries: number; readonly chars: number } {
    return { entries: this.diagnosticsByText.size, chars: this.diagnosticsByText.totalWeight };
  }

  /** The analysed block for this text, analysing it on first use. */
  get(text: string): AnalyzedBlock {
    const cached = this.blocks.get(text);
    if (cached) {
      // Re-insert so Map order is least-recently-used first.
      this.blocks.delete(text);
      this.blocks.set(text, cached);
      return cached;
    }
    const block = this.analyse(text);
    this.blocks.set(text, block);
    if (this.blocks.size > this.capacity) {
      this.blocks.delete(this.blocks.keys().next().value as string);
    }
    return block;
  }

  has(text: string): boolean {
    return this.blocks.has(text);
  }

  /** Whether the block's diagnostics are known, so `diagnosticsOf` costs no analysis. */
  hasDiagnostics(text: string): boolean {
    return this.diagnosticsByText.has(text);
  }

  /** The diagnostics of a block's text: the kept list, else those of its analysis. */
  diagnosticsOf(text: string): readonly BlockDiagnostic[] {
    return this.diagnosticsByText.get(text) ?? this.diagnostics(this.get(text));
  }

  /** Syntax, semantic and analyser diagnostics of a block, offsets relative to the block. */
  diagnostics(block: AnalyzedBlock): readonly BlockDiagnostic[] {
    const cached = this.diagnosticsByText.get(block.text);
    if (cached) {
      return cached;
    }
    const out: BlockDiagnostic[] = [];
    if (block.skipped !== undefined || !block.service || !block.code) {
      const firstLineEnd = block.text.search(/\r?\n/);
      out.push({
        start: 0,
        end: Math.min(firstLineEnd < 0 ? block.text.length : firstLineEnd, 200),
        message: `Not analysed: ${block.skipped ?? 'no analysis'}. Completion, hover and checking are off for this query.`,
        severity: 'information',
        code: 'KQL-SKIPPED',
      });
    } else {
      try {
        const token = deadlineToken(this.budgetMs);
        const seen = new Set<string>();
        const add = (list: System.Collections.Generic.IReadOnlyList$1<Kusto.Language.Diagnostic> | null) => {
          for (const d of queryDiagnostics(analysis, list)) {
            const start = Math.max(0, d.Start);
            const end = Math.min(block.text.length, start + Math.max(d.Length, 0));
            const key = `${start}:${end}:${d.Message}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({
              start,
              end,
              message: d.Message ?? 'Invalid query.',
              severity: severity(d.Severity),
              code: d.Code ?? 'KS000',
            });
          }
        };
        const analysis = {
          code: block.code,
          graphErrors: block.graphErrors ?? [],
          blankedReach: block.blankedReach ?? [],
        };
        add(block.code.GetDiagnostics(token));
        out.push(...(block.graphErrors ?? []));
        add(block.service.GetAnalyzerDiagnostics(true, token));
        out.push(...crossResourceNotes(block.code, activeSchema()));
      } catch (e) {
        const reason = describeFailure(e, this.budgetMs);
        this.log(`Gave up checking a ${block.text.length}-character query block: ${reason}.`);
      }
    }
    this.diagnosticsByText.set(block.text, out);
    return out;
  }

  private analyse(text: string): AnalyzedBlock {
    const screen = screenBlock(text);
    if (!screen.ok) {
      this.log(`Skipped a query block: ${screen.reason}.`);
      return { text, skipped: screen.reason, analysisMs: 0 };
    }
    const K = kusto();
    const started = performance.now();
    try {
      // The engine's analyze() binds through the same function: the editor shows the errors a Run gives.
      // After a binder crash on graph operators, the search for the ones to blank stops at half the
      // budget, so the bind in flight then still ends in time: a block under load keeps its errors.
      const searchEnds = started + this.budgetMs / 2;
      const { code, graphErrors, blankedReach } = parseAndAnalyzeGraphSafe(
        text,
        globalsFor(),
        deadlineToken(this.budgetMs),
        () => performance.now() > searchEnds,
      );
      const service = new K.Editor.KustoCodeService.ctor(code);
      const analysisMs = performance.now() - started;
      return graphErrors.length > 0
        ? { text, code, service, graphErrors, blankedReach, analysisMs }
        : { text, code, service, analysisMs };
    } catch (e) {
      const reason = describeFailure(e, this.budgetMs);
      const ms = Math.round(performance.now() - started);
      this.log(`Gave up analysing a ${text.length}-character query block after ${ms} ms: ${reason}.`);
      return { text, skipped: reason, analysisMs: performance.now() - started };
    }
  }
}
