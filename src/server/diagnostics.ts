/**
 * Debounced, per-block diagnostics: after typing pauses, each block of the document is checked (blocks
 * whose text did not change come from the cache), yielding between blocks so completion and hover
 * requests are answered in between, and published with positions in the document.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KqlSeverity } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { blocksOf } from './documentBlocks';

export const DIAGNOSTICS_DELAY_MS = 250;

const SEVERITY: Record<KqlSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * How long a document's first check runs before what it has found so far is published. Opening the
 * 205-line example costs about 1.2 s of analysis even with the library warm (31 queries, parse and bind
 * each): its first lines' squiggles should not wait for its last query.
 */
export const EARLY_PUBLISH_MS = 200;

/** Publishes the diagnostics of the blocks checked so far, before the rest of the document is checked. */
export interface EarlyPublisher {
  /** Milliseconds of checking between early publications. */
  readonly everyMs: number;
  publish(list: readonly Diagnostic[], checked: number, total: number): Promise<void>;
}

/**
 * All diagnostics of the document, or undefined when it changed while they were computed. With `early`
 * (a document's first check, when nothing was published for it before, so nothing can disappear for a
 * moment), the diagnostics of the blocks checked so far are published every `everyMs` meanwhile.
 */
export async function documentDiagnostics(
  doc: TextDocument,
  analyzer: BlockAnalyzer,
  current: () => TextDocument | undefined,
  early?: EarlyPublisher,
): Promise<Diagnostic[] | undefined> {
  const version = doc.version;
  const out: Diagnostic[] = [];
  const blocks = blocksOf(doc);
  let lastPublished = performance.now();
  for (const [index, b] of blocks.entries()) {
    if (!analyzer.has(b.text)) {
      if (early && index > 0 && performance.now() - lastPublished >= early.everyMs) {
        await early.publish([...out], index, blocks.length);
        lastPublished = performance.now();
      }
      await yieldToRequests();
      if (current()?.version !== version) return undefined;
    }
    const block = analyzer.get(b.text);
    for (const d of analyzer.diagnostics(block)) {
      out.push({
        range: { start: doc.positionAt(b.start + d.start), end: doc.positionAt(b.start + d.end) },
        message: d.message,
        severity: SEVERITY[d.severity],
        code: d.code,
        source: 'kql',
      });
    }
  }
  return out;
}

/** Runs `check` for a document once edits have paused for `delayMs`. */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly check: (uri: string) => Promise<void>,
    private readonly delayMs = DIAGNOSTICS_DELAY_MS,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.check(uri);
      }, delayMs),
    );
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }
}
