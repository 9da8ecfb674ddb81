/**
 * When the local engine may start. At activation the language server and the engine would each start
 * a process (or thread) that reads a large V8 heap at the same moment, on a machine that may have two
 * cores the browser is also using: the server's first diagnostics waited on the engine's start. So the
 * engine's own warm-up waits until the server's first diagnostics are out, or until something needs the
 * engine (a query, a schema refresh the user asked for), or until `capMs` after the gate was made,
 * whichever comes first: the engine never waits on a server that does not start. Once open, it stays
 * open. No `vscode` here: the extension opens it from the language client's first diagnostics.
 */

/** Why the gate opened: told once, with the milliseconds since the gate was made. */
export type OpenListener = (reason: string, afterMs: number) => void;

export interface StartGateOptions {
  /** The longest the engine waits, from the gate's making (activation), in ms. */
  readonly capMs: number;
  readonly onOpen?: OpenListener;
  /** For tests: the clock (Date.now by default). */
  readonly now?: () => number;
}

/** The cap the extension uses: the server's first diagnostics come 1-2 s after activation when all is well. */
export const ENGINE_START_CAP_MS = 3000;

export class StartGate {
  private readonly madeAt: number;
  private readonly timer: NodeJS.Timeout;
  private openedFor: string | undefined;
  private release!: (reason: string) => void;
  /** Resolves with the reason once the gate is open. */
  readonly whenOpen: Promise<string>;

  constructor(private readonly options: StartGateOptions) {
    this.madeAt = (options.now ?? Date.now)();
    this.whenOpen = new Promise<string>((resolve) => (this.release = resolve));
    this.timer = setTimeout(() => this.open(`no first diagnostics within ${options.capMs} ms`), options.capMs);
    // The cap alone never keeps a process (a test, the CLI) alive.
    this.timer.unref?.();
  }

  get isOpen(): boolean {
    return this.openedFor !== undefined;
  }

  /** Why it opened, or undefined while it is shut. */
  get reason(): string | undefined {
    return this.openedFor;
  }

  /** Opens the gate (the first call only counts; later ones do nothing). */
  open(reason: string): void {
    if (this.openedFor !== undefined) return;
    this.openedFor = reason;
    clearTimeout(this.timer);
    this.options.onOpen?.(reason, (this.options.now ?? Date.now)() - this.madeAt);
    this.release(reason);
  }

  /**
   * Resolves when the gate opens; rejects with `abortReason()` if `signal` aborts first (a schema
   * refresh superseded while it waited).
   */
  wait(signal: AbortSignal | undefined, abortReason: () => Error): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    if (signal?.aborted) return Promise.reject(abortReason());
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(abortReason());
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.whenOpen.then(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }

  /** Stops the cap's timer (the extension's deactivation); an unopened gate stays shut. */
  dispose(): void {
    clearTimeout(this.timer);
  }
}
