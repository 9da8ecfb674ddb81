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

/** All diagnostics of the document, or undefined when it changed while they were computed. */
export async function documentDiagnostics(
  doc: TextDocument,
  analyzer: BlockAnalyzer,
  current: () => TextDocument | undefined,
): Promise<Diagnostic[] | undefined> {
  const version = doc.version;
  const out: Diagnostic[] = [];
  for (const b of blocksOf(doc)) {
    if (!analyzer.has(b.text)) {
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
