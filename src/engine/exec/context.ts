/** Run-time state of one query: the database, "now", limits, shared results, and the checks loops poll. */
import { QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import type { Database } from '../database';
import type { CallContext } from '../functions';
import type { ErrorFactory } from '../plan/syntax';
import type { Plan, RenderSpec, Span } from '../plan/types';
import type { Table } from '../table';
import { heapGuard } from './heapGuard';

export { CHECK_INTERVAL } from '../functions/types';

export interface ExecContext {
  readonly db: Database;
  readonly call: CallContext;
  readonly errors: ErrorFactory;
  readonly timeRange?: { readonly start: number; readonly end: number };
  /** Results of shared plans (lets, materialize) and scalar subqueries, by id. */
  readonly shared: Map<unknown, unknown>;
  /** Stored tables after the time-range restriction. */
  readonly tables: Map<string, Table>;
  /** The last render operator seen. */
  render?: RenderSpec;
  /** Throws when the query was cancelled or ran out of time. */
  check(): void;
  /** The operator being run, for errors that have no better position. */
  current: Span;
  /** The operator a timeout or cancel stopped in, for the stop's description (results/stopPoint.ts). */
  stoppedIn?: Span;
  /**
   * Runs a sub-plan (toscalar(), `in (T)`, mv-apply's and partition's subqueries) with the given
   * context: the one way operators and expressions reach the plan interpreter (exec/run.ts).
   */
  readonly runPlan: (plan: Plan, ctx: ExecContext) => Table;
}

export function makeChecker(
  isCancelled: (() => boolean) | undefined,
  deadline: number | undefined,
  startedAt: number,
): () => void {
  const heap = heapGuard(startedAt);
  if (deadline === undefined) {
    return () => {
      heap();
      if (isCancelled?.()) {
        throw new QueryCancelledError();
      }
    };
  }
  return () => {
    // One clock read per check, for the deadline and the heap guard alike.
    const now = Date.now();
    heap(now);
    if (isCancelled?.()) {
      throw new QueryCancelledError();
    }
    if (now > deadline) {
      throw new QueryTimeoutError(deadline - startedAt);
    }
  };
}
