/**
 * The service's own time limit for a query. The API runs a query for at most the `Prefer: wait=N` the
 * request asks (default 180 s, at most 600 s), then answers 504 Gateway Timeout with its error
 * (`"code": "GatewayTimeout"`): see "Timeouts" in the Azure Monitor Log Analytics API documentation.
 * That answer is final (the same query meets the same limit again), so it is not retried, and the
 * service is asked to stop a little before the extension's own timer so its message arrives first.
 */
import { QueryTimeoutError } from '../../results/errors';
import { asSentence } from '../../results/sentence';
import { type ServiceErrorInfo, statusText } from './errorMapping';

/** The API's documented maximum for `Prefer: wait`. */
export const MAX_SERVER_TIME_LIMIT_SECONDS = 600;
const DEFAULT_SERVER_TIME_LIMIT_SECONDS = 180;

/** The limit a request asked the service for (`Prefer: wait=N, include-render=true`), in seconds. */
export function requestedTimeLimitSeconds(prefer: string | undefined): number | undefined {
  const wait = /(?:^|[,;\s])wait=(\d+)/i.exec(prefer ?? '')?.[1];
  return wait === undefined ? undefined : Number(wait);
}

function hasTimeoutCode(error: ServiceErrorInfo | undefined, depth = 0): boolean {
  if (!error || depth >= 8) return false;
  return /^GatewayTimeout$/i.test(error.code ?? '') || hasTimeoutCode(error.innererror, depth + 1);
}

/** A 504, or a 5xx whose error carries the API's timeout code. */
export function isServerTimeout(status: number, error: ServiceErrorInfo | undefined): boolean {
  return status === 504 || (status >= 500 && hasTimeoutCode(error));
}

export function serverTimeoutError(limitSeconds: number, status: number, said: string): QueryTimeoutError {
  // Ends in a full stop: the results panel adds the setting that raises the limit after it.
  const words = asSentence(said);
  return new QueryTimeoutError(
    limitSeconds * 1000,
    `Log Analytics stopped the query at the server's time limit of ${limitSeconds} s (${statusText(status)})${words ? `: ${words}` : '.'}`,
  );
}

/**
 * The limit to ask the service for: the configured one, or the run's own time limit when that is
 * shorter, in whole seconds within what the API allows.
 */
export function serverTimeLimitSeconds(configured: number | undefined, runTimeoutMs: number | undefined): number {
  const run = runTimeoutMs === undefined ? Number.POSITIVE_INFINITY : Math.ceil(runTimeoutMs / 1000);
  const limit = Math.min(configured ?? DEFAULT_SERVER_TIME_LIMIT_SECONDS, run);
  return Math.max(1, Math.min(MAX_SERVER_TIME_LIMIT_SECONDS, limit));
}

/**
 * When the extension's own timer gives up on a service that did not answer by its limit: the limit
 * plus time for the service's answer to travel (a tenth of the limit, 1 to 10 s).
 */
export function backstopMs(limitSeconds: number): number {
  return limitSeconds * 1000 + Math.min(10_000, Math.max(1_000, limitSeconds * 100));
}
