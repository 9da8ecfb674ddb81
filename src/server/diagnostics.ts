/**
 * Debounced, per-block diagnostics: after typing pauses, each block of the document is checked (blocks
 * whose text did not change come from the cache), yielding between blocks so completion and hover
 * requests are answered in between, and published with positions in the document.
 */
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KqlSeverity } from '../kql';
import type { BlockAnalyzer } from './blockAnalysis';
import { blocksOf } from './documentBlocks';

export const DIAGNOSTICS_DELAY_MS = 250;

/**
 * The documents whose problems the user can fix: files, untitled documents and notebook cells (VS Code's
 * convention). The others stay out of Problems: the old side of a diff (`git:`), "Compare with Saved"
 * (`showModifications:`), a merge editor's inputs, a file shown from a zip or a commit. Listed there, a
 * changed file's errors appeared twice, once for a version nobody can edit. Their hovers, colours and
 * outline stay, so both sides of a diff look alike.
 */
const CHECKED_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-notebook-cell']);

export function isChecked(uri: string): boolean {
  const colon = uri.indexOf(':');
  return colon > 0 && CHECKED_SCHEMES.has(uri.slice(0, colon).toLowerCase());
}

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
/**
 * The first early publication comes right after the first query: a user opening a file looks at its
 * top first, and the trace of a start from the snapshot showed the first 200 ms of checking (250 ms
 * under load) as the last step before the first diagnostics.
 */
export const FIRST_EARLY_PUBLISH_MS = 0;

/** Publishes the diagnostics of the blocks checked so far, before the rest of the document is checked. */
export interface EarlyPublisher {
  /** Milliseconds of checking before the first early publication (0: right after the first query). */
  readonly firstAfterMs: number;
  /** Milliseconds of checking between the next early publications. */
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
  let publishedEarly = false;
  for (const [index, b] of blocks.entries()) {
    if (!analyzer.hasDiagnostics(b.text)) {
      const budget = publishedEarly ? early?.everyMs : early?.firstAfterMs;
      if (early && index > 0 && performance.now() - lastPublished >= budget!) {
        publishedEarly = true;
        await early.publish([...out], index, blocks.length);
        lastPublished = performance.now();
      }
      await yieldToRequests();
      if (current()?.version !== version) return undefined;
    }
    for (const d of analyzer.diagnosticsOf(b.text)) {
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
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; version?: number; due: number }>();

  constructor(
    private readonly check: (uri: string) => Promise<void>,
    private readonly delayMs = DIAGNOSTICS_DELAY_MS,
  ) {}

  /**
   * With the document's `version`: a check already waiting for that same version keeps its deadline
   * when it is the earlier one. TextDocuments reports an opened document's content as a change right
   * after the open, and that debounced change had pushed the open's immediate check back by 250 ms.
   */
  schedule(uri: string, delayMs = this.delayMs, version?: number): void {
    const due = performance.now() + delayMs;
    const waiting = this.pending.get(uri);
    if (waiting && version !== undefined && waiting.version === version && waiting.due <= due) return;
    clearTimeout(waiting?.timer);
    const timer = setTimeout(() => {
      this.pending.delete(uri);
      void this.check(uri);
    }, delayMs);
    this.pending.set(uri, { timer, version, due });
  }

  cancel(uri: string): void {
    clearTimeout(this.pending.get(uri)?.timer);
    this.pending.delete(uri);
  }
}
