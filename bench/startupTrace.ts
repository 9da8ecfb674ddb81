/**
 * Prints the language server's start-up trace (src/protocol/startupTrace.ts): the client's and the
 * server's marks on one clock, in the order they happened, each as ms after the first and the step
 * from the mark before. Shared by bench/e2e.ts (code-server) and bench/lsStartup.ts (plain Node).
 */
import type { TraceMarks } from '../src/protocol/startupTrace';

/** What each mark is, for a reader of the breakdown. */
const MEANING: Record<string, string> = {
  activate: "the extension's activate() began",
  clientStart: 'the first KQL document seen: the client starts',
  spawnRequested: "the client's start() called",
  forked: 'fork() returned in the extension host',
  initializeAnswered: 'initialize answered (the server returns its capabilities)',
  didOpenSent: 'didOpen handed to the connection by the client',
  processStart: 'the server process started (kernel)',
  nodeTimeOrigin: "Node's time origin",
  snapshotMain: 'snapshot deserialised: its main function runs',
  scriptStart: "the server's bundle begins to evaluate",
  listening: 'the connection listens',
  initializeReceived: 'initialize received',
  clientStarted: 'initialize answered, as the client saw it',
  initializedReceived: 'initialized received',
  didOpenReceived: 'didOpen received',
  libraryLoadStart: 'Kusto.Language: first use',
  libraryLoaded: 'Kusto.Language: loaded',
  firstCheckStart: 'first check begins',
  foldingAsked: 'first folding-ranges request received',
  symbolsAsked: 'first document-symbols request received',
  tokensAsked: 'first semantic-tokens request received',
  tokensAnswered: 'first semantic-tokens request answered',
  firstDiagnosticsSent: 'first (partial) diagnostics sent',
  firstDiagnosticsReceived: 'first diagnostics reached the client',
  completeDiagnosticsSent: "the whole file's diagnostics sent",
};

/** Merged marks, sorted; on a tie the client's order of events is kept by insertion. */
export function mergeTraces(...traces: (TraceMarks | undefined)[]): [string, number][] {
  const merged: [string, number][] = [];
  for (const t of traces) if (t) merged.push(...Object.entries(t));
  return merged.sort((a, b) => a[1] - b[1]);
}

/**
 * The lines of the breakdown, indented by `indent`. With `during`, each step (from the mark before to this
 * one, epoch ms) gets a second line saying who had the cores meanwhile (bench/startupCpu.ts), or none.
 */
export function breakdownLines(
  marks: [string, number][],
  indent = '      ',
  during?: (from: number, to: number) => string | undefined,
): string[] {
  if (!marks.length) return [`${indent}(no trace)`];
  const origin = marks.find(([k]) => k === 'processStart')?.[1] ?? marks[0]![1];
  const lines: string[] = [];
  let previous = marks[0]![1];
  for (const [name, at] of marks) {
    const since = at - origin;
    lines.push(
      `${indent}${String(since >= 0 ? `+${since}` : since).padStart(7)} ms  (step ${String(at - previous).padStart(5)} ms)  ${name}: ${MEANING[name] ?? ''}`,
    );
    const cores = during?.(previous, at);
    if (cores) lines.push(`${indent}${' '.repeat(30)}${cores}`);
    previous = at;
  }
  return lines;
}

/** The span between two marks, or NaN when either is missing. */
export function span(marks: [string, number][], from: string, to: string): number {
  const a = marks.find(([k]) => k === from)?.[1];
  const b = marks.find(([k]) => k === to)?.[1];
  return a === undefined || b === undefined ? Number.NaN : b - a;
}
