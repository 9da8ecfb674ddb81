/** Failures that are not about the query's text (those are KqlErrors, from src/kql). */
export class QueryCancelledError extends Error {
  constructor(message = 'The query was cancelled.') {
    super(message);
    this.name = 'QueryCancelledError';
  }
}

export class QueryTimeoutError extends Error {
  /** `message` when the one who stopped the query said more (a server's own words); else "did not finish within". */
  constructor(
    readonly timeoutMs: number,
    message = `The query did not finish within ${Math.round(timeoutMs / 1000)} s.`,
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
