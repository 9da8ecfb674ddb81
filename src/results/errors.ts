/** Failures that are not about the query's text (those are KqlErrors, from src/kql). */
import type { StopPoint } from './stopPoint';

export class QueryCancelledError extends Error {
  /** `stop`: what the run had finished and what it was doing when it stopped, when known. */
  constructor(
    message = 'The query was cancelled.',
    readonly stop?: StopPoint,
  ) {
    super(message);
    this.name = 'QueryCancelledError';
  }
}

export class QueryTimeoutError extends Error {
  /** `message` when the one who stopped the query said more (a server's own words); else "did not finish within". */
  constructor(
    readonly timeoutMs: number,
    message = `The query did not finish within ${Math.round(timeoutMs / 1000)} s.`,
    /** What the run had finished and what it was doing when its time ran out, when known. */
    readonly stop?: StopPoint,
  ) {
    super(message);
    this.name = 'QueryTimeoutError';
  }
}

export type BackendErrorKind = 'auth' | 'network' | 'throttled' | 'server' | 'data' | 'config';

/** The service or the data source failed: a sign-in, a 5xx, a broken data file, a missing setting. */
export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status?: number,
    /** When the service said how long to wait before trying again (Retry-After), in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

/**
 * The workspace lacks a table the query reads (the service could not resolve its name): not the query's
 * fault, so a report skips the part that needs it and says which table, as it does when the schema
 * already shows the table missing.
 */
export class MissingTableError extends BackendError {
  constructor(
    readonly tables: readonly string[],
    message: string,
    status?: number,
  ) {
    super('data', message, status);
    this.name = 'MissingTableError';
  }
}

/**
 * A timeout or cancellation that says where it stopped: `e` again with `stop` added, unless it already
 * has one (the innermost knows best: a table's load names itself before the operator that read it).
 * Other errors are returned as they are.
 */
export function withStop<E>(e: E, stop: StopPoint | undefined): E {
  if (!stop) return e;
  if (e instanceof QueryTimeoutError && !e.stop) {
    return Object.assign(Object.create(Object.getPrototypeOf(e)), e, { stop, message: e.message, stack: e.stack });
  }
  if (e instanceof QueryCancelledError && !e.stop) {
    return Object.assign(Object.create(Object.getPrototypeOf(e)), e, { stop, message: e.message, stack: e.stack });
  }
  return e;
}
