/**
 * Makes the pipeline's retries visible and bounded. The SDK's retry policy waits whatever a 429's or
 * 503's Retry-After asks (an hour, if the service says so) behind a silent "Running…", and a run that
 * succeeds after waiting looks like a slow query. This policy, inside the retry loop, sees each answer:
 * a wait longer than `maxWaitSeconds` ends the request at once with when to try again, and every retry
 * still to come is told to the caller (a progress line while waiting, a warning on the result, a log
 * line for the schema request). A query the service stopped at its time limit is not retried at all
 * (serverTimeout.ts): the same query would meet the same limit.
 */
import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';
import {
  joinServiceMessages,
  retryAfterSeconds,
  serviceErrorIn,
  serviceErrorMessages,
  statusText,
  throttledError,
} from './errorMapping';
import { isServerTimeout, requestedTimeLimitSeconds, serverTimeoutError } from './serverTimeout';

/** The longest Retry-After the extension waits for; a longer one fails the run with "try again in N s". */
export const MAX_RETRY_WAIT_SECONDS = 60;

/** One retry the pipeline is about to make. */
export interface RetryNotice {
  readonly status: number;
  /** The wait the service asked for (Retry-After); undefined when the pipeline backs off on its own. */
  readonly waitSeconds?: number;
  /** 1 for the first retry. */
  readonly retry: number;
  readonly maxRetries: number;
}

/** The statuses the SDK's default retry policy retries (429, and 5xx but 501 and 505). */
function retried(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

export function describeRetry(n: RetryNotice): string {
  const wait =
    n.waitSeconds !== undefined ? `waiting ${n.waitSeconds} s as it asked (Retry-After)` : 'waiting a moment';
  const what = n.status === 429 ? 'is throttling requests' : 'answered';
  return `Log Analytics ${what} (${statusText(n.status)}): ${wait}, then retry ${n.retry} of ${n.maxRetries}…`;
}

/** The warning on a result that came only after retries. */
export function retriedWarning(notices: readonly RetryNotice[]): string {
  const waited = notices.reduce((s, n) => s + (n.waitSeconds ?? 0), 0);
  const statuses = [...new Set(notices.map((n) => statusText(n.status)))].join(', ');
  const times = notices.length === 1 ? 'once' : `${notices.length} times`;
  return `Log Analytics answered ${statuses} first; this result came after retrying ${times}${waited ? `, waiting ${waited} s as the service asked` : ''}.`;
}

export interface RetryLimits {
  readonly maxRetries: number;
  /** The longest Retry-After waited for. */
  readonly maxWaitSeconds: number;
  /** What the wait would hold up, for the error past maxWaitSeconds: "with a query running". */
  readonly waitsFor: string;
}

export function retryNoticePolicy(
  { maxRetries, maxWaitSeconds, waitsFor }: RetryLimits,
  callOf: (request: PipelineRequest) => string | undefined,
  notify: (call: string | undefined, notice: RetryNotice) => void,
): PipelinePolicy {
  // Attempts per request object: the retry policy sends the same object again.
  const attempts = new WeakMap<PipelineRequest, number>();
  return {
    name: 'connectionAnalyticsRetryNotice',
    sendRequest: async (request, next) => {
      const attempt = (attempts.get(request) ?? 0) + 1;
      attempts.set(request, attempt);
      const response = await next(request);
      // Only a failed answer's body is read here: a result's may be 128 MB.
      const error = response.status >= 400 ? serviceErrorIn(response.bodyAsText ?? undefined) : undefined;
      const said = joinServiceMessages(serviceErrorMessages(error));
      const limit = requestedTimeLimitSeconds(request.headers.get('prefer'));
      if (limit !== undefined && isServerTimeout(response.status, error)) {
        throw serverTimeoutError(limit, response.status, said);
      }
      if (!retried(response.status) || attempt > maxRetries) {
        return response;
      }
      const waitSeconds = [429, 503].includes(response.status)
        ? retryAfterSeconds(response.headers.get('retry-after'))
        : undefined;
      if (waitSeconds !== undefined && waitSeconds > maxWaitSeconds) {
        throw throttledError(
          waitSeconds,
          said,
          `asks to wait ${waitSeconds} s, longer than the extension waits ${waitsFor}`,
          response.status,
        );
      }
      notify(callOf(request), { status: response.status, waitSeconds, retry: attempt, maxRetries });
      return response;
    },
  };
}
