/**
 * The heading above an error in the results panel: what happened, in a few words, from the error kinds
 * the backends already tell apart. On Log Analytics a refused query, a sign-in the service refused, an
 * account without access, throttling, an outage and an unreachable service each call for something
 * different, so "The backend failed" says too little; the message below the heading gives the details.
 */
import type { RunErrorKind } from '../protocol/messages';
import type { BackendErrorKind } from '../results/errors';
import type { BackendId } from '../results/queryResult';

/** What is known of a failure: the panel's kind and, for a BackendError, its own kind and HTTP status. */
export interface FailureFacts {
  readonly kind: RunErrorKind;
  readonly backend: BackendId;
  readonly backendKind?: BackendErrorKind;
  readonly status?: number;
  /** A query error's code: `KQL-…` ones are the extension's own (a parameter without a value), not the service's. */
  readonly code?: string;
}

export function errorHeading(f: FailureFacts): string {
  switch (f.kind) {
    case 'query':
      return f.backend === 'logAnalytics' && !f.code?.startsWith('KQL-')
        ? 'Log Analytics rejected the query'
        : 'The query has an error';
    case 'cancelled':
      return 'Cancelled';
    case 'timeout':
      return 'Timed out';
    case 'backend':
      return f.backend === 'logAnalytics' ? logAnalyticsHeading(f) : localHeading(f);
  }
}

function logAnalyticsHeading(f: FailureFacts): string {
  const status = f.status;
  switch (f.backendKind) {
    case 'auth':
      return status === 403 ? 'No access to the workspace' : 'Not signed in to Log Analytics';
    case 'throttled':
      return 'Log Analytics is throttling requests';
    case 'data':
      // Two 'data' failures: an answer over the size cap (its status a 2xx the service sent), and a
      // table the query reads that is not in the workspace (the service's 400).
      return status !== undefined && status >= 200 && status < 300
        ? 'The answer is too large to show'
        : 'The workspace has no such table';
    case 'network':
      return 'Could not reach Log Analytics';
    case 'config':
      return status === 404 ? 'Log Analytics does not know this workspace' : 'Log Analytics is not set up';
    case 'server':
      if (status !== undefined && status >= 200 && status < 300) {
        return 'Log Analytics sent an unreadable answer';
      }
      return status === 502 || status === 503 || status === 504
        ? 'Log Analytics is unavailable'
        : 'Log Analytics failed';
    default:
      return 'Log Analytics failed';
  }
}

function localHeading(f: FailureFacts): string {
  return f.backendKind === 'data' ? 'The data could not be loaded' : 'The backend failed';
}
