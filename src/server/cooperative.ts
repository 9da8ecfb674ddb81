/**
 * Long whole-document work (semantic tokens, formatting) done in slices: after each slice the work
 * yields to the event loop so the requests that arrived meanwhile (a hover, a completion in another
 * document) are answered before it goes on; it stops when the client cancels it and when its time
 * budget is spent. A slice is one block's parse at most plus whatever fits in `sliceMs`: the library's
 * parser cannot be interrupted, so one block (at most MAX_BLOCK_CHARS) is the unit of waiting.
 */
import { cancellationToken } from '../kql';

/** The part of an LSP CancellationToken this needs (tests pass a plain object). */
export interface Cancellable {
  readonly isCancellationRequested: boolean;
}

export type Checkpoint = 'go' | 'cancelled' | 'budget';

/** How long work runs before it lets other requests in. */
export const SLICE_MS = 15;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class CooperativeRun {
  private readonly started = performance.now();
  private sliceStart = performance.now();

  constructor(
    private readonly token: Cancellable | undefined,
    /** Wall-clock budget of the whole run, yields included. */
    private readonly budgetMs: number,
    private readonly sliceMs = SLICE_MS,
  ) {}

  get cancelled(): boolean {
    return this.token?.isCancellationRequested === true;
  }

  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  /**
   * Call between units of work: yields when the slice is used up (or `force`), then says whether to go
   * on, or why not.
   */
  async checkpoint(force = false): Promise<Checkpoint> {
    if (force || performance.now() - this.sliceStart >= this.sliceMs) {
      await yieldToEventLoop();
      this.sliceStart = performance.now();
    }
    if (this.cancelled) return 'cancelled';
    return this.elapsedMs > this.budgetMs ? 'budget' : 'go';
  }

  /** A library token for one call: fires on the client's cancel or after `callMs`, whichever is first. */
  libraryToken(callMs: number): Kusto.Language.Utils.CancellationToken {
    const deadline = performance.now() + callMs;
    return cancellationToken(() => this.cancelled || performance.now() > deadline);
  }
}
