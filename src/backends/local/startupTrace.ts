/**
 * Where the engine's first query went, from the moment the extension asked for an engine to the answer
 * back in the extension host: the engine's thread or process start, Kusto.Language's load and first
 * analysis (the warm-up), the first query's wait behind the warm-up, its run, the trip back. The engine
 * fills in its part (`EngineTimeline`), LocalBackend adds its own and hands the whole to its owner, which
 * logs it as one JSON line (`ENGINE_TRACE_PREFIX`) that `bench/e2e.ts` reads back.
 *
 * Every instant is a Date.now() millisecond (the extension host and the engine share the clock).
 */

/** The log line's start; the JSON of a StartupTrace follows it. */
export const ENGINE_TRACE_PREFIX = 'Local engine start-up trace: ';

/** The engine's side, measured in its thread or process. */
export interface EngineTimeline {
  /** 'thread' (a worker of the extension host) or 'process' (forked from the engine's snapshot). */
  readonly kind: 'thread' | 'process';
  /** When the process began (performance.timeOrigin there); a thread's is its process's, so undefined. */
  readonly startedAt?: number;
  /** When the engine's code began to run (after Node's own start, or the snapshot's deserialisation). */
  readonly codeAt: number;
  /** Kusto.Language loaded (undefined: it came with the snapshot). */
  readonly libraryAt?: number;
  /** The warm-up's first analysis ('print 1') done. */
  readonly warmAt?: number;
  /** The first query's message arrived, began to run, and its answer was posted. */
  readonly queryArrivedAt: number;
  readonly queryStartedAt: number;
  readonly answeredAt: number;
  /** Whether the library's grammar was built by the time of the answer (see src/kql/deferredGrammar.ts). */
  readonly grammar: string;
  /** CPU of the engine's process (or, on Linux, its thread) by the answer, in ms; undefined where unknown. */
  readonly cpuMs?: number;
}

export interface StartupTrace extends EngineTimeline {
  /** The extension asked for an engine (at activation: LocalBackend.warmUp). */
  readonly requestedAt: number;
  /** The first query was handed to the backend, and its answer came back to the extension host. */
  readonly runAt: number;
  readonly receivedAt: number;
}

/** The phases, in ms, each from the end of the one before; what a reader wants from the instants. */
export function tracePhases(t: StartupTrace): { readonly name: string; readonly ms: number }[] {
  const phases: { name: string; ms: number }[] = [];
  const push = (name: string, from: number, to: number | undefined) => {
    if (to !== undefined) phases.push({ name, ms: Math.max(0, to - from) });
  };
  push(`${t.kind} start (request → its code runs)`, t.requestedAt, t.codeAt);
  push('Kusto.Language loaded', t.codeAt, t.libraryAt);
  push('first analysis (warm-up)', t.libraryAt ?? t.codeAt, t.warmAt);
  push('query waited behind start-up', t.queryArrivedAt, t.queryStartedAt);
  push('query ran (analysis, plan, execution)', t.queryStartedAt, t.answeredAt);
  push('answer back in the extension host', t.answeredAt, t.receivedAt);
  return phases;
}

/** One line for the output channel: the prefix, then the trace as JSON. */
export function traceLine(t: StartupTrace): string {
  return `${ENGINE_TRACE_PREFIX}${JSON.stringify(t)}`;
}

/** The trace in a log line written by traceLine, or undefined. */
export function parseTraceLine(line: string): StartupTrace | undefined {
  const at = line.indexOf(ENGINE_TRACE_PREFIX);
  if (at < 0) return undefined;
  try {
    const t = JSON.parse(line.slice(at + ENGINE_TRACE_PREFIX.length)) as StartupTrace;
    return typeof t.requestedAt === 'number' && typeof t.answeredAt === 'number' ? t : undefined;
  } catch {
    return undefined;
  }
}
