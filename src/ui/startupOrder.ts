/**
 * The order of the two start-ups at activation. Where both start from V8 snapshots (code-server), the
 * language server and the local engine's process each deserialise a 20 MB heap, and on a 2-core machine
 * they did it at the same moment as the browser painted the workbench: the server's first diagnostics
 * waited on the engine's deserialisation, while the first Run, clicked when its CodeLens shows, found
 * the engine ready more than a second early. So the engine's eager start (its warm-up and the schema)
 * waits until the server has answered `initialize` (its heap is deserialised by then); a query starts
 * the engine at once, and the hold never lasts longer than MAX_HOLD_MS.
 */

/** A server that has not answered by then is slow for other reasons: the engine no longer waits. */
export const MAX_HOLD_MS = 2_000;

export class StartupOrder {
  /** Settles when the engine's eager start may go ahead. */
  readonly engineMayStart: Promise<void>;
  private release!: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(maxHoldMs = MAX_HOLD_MS) {
    this.engineMayStart = new Promise((resolve) => {
      this.release = resolve;
    });
    this.timer = setTimeout(() => this.serverStarted(), maxHoldMs);
    this.timer.unref();
  }

  /**
   * The server answered `initialize`, failed, or does not start from a snapshot now (no KQL document
   * open, no blob, desktop VS Code): nothing to wait for.
   */
  serverStarted(): void {
    clearTimeout(this.timer);
    this.release();
  }
}
