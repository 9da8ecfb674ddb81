/**
 * Turns what the SDK and the pipeline throw into the backend contract's errors: a sign-in problem, a
 * throttled or failing service, a network failure, a rejected query, a cancellation.
 */
import { KqlError } from '../../kql/errors';
import { BackendError, QueryCancelledError } from '../../results/errors';

/** Thrown by a credential when there is no usable sign-in (none yet, expired, refused). */
export class SignInRequiredError extends Error {
  constructor(message = 'Sign in to Log Analytics to run queries there.') {
    super(message);
    this.name = 'SignInRequiredError';
  }
}

interface ServiceErrorInfo {
  readonly code?: string;
  readonly message?: string;
  readonly details?: readonly { readonly message?: string }[];
  readonly innererror?: ServiceErrorInfo;
}

/** The most specific messages of a service error, outermost first, without repeats. */
export function serviceErrorMessages(info: ServiceErrorInfo | undefined): string[] {
  const out: string[] = [];
  const add = (m: string | undefined): void => {
    if (m && !out.includes(m)) {
      out.push(m);
    }
  };
  for (let e = info, depth = 0; e && depth < 8; e = e.innererror, depth++) {
    add(e.message);
    e.details?.forEach((d) => add(d.message));
  }
  return out;
}

function statusOf(e: Record<string, unknown>): number | undefined {
  const s = e.statusCode ?? (e.response as Record<string, unknown> | undefined)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** The error body the service sent with a failed response, when the SDK kept it. */
function bodyError(e: Record<string, unknown>): ServiceErrorInfo | undefined {
  const details = e.details as { error?: ServiceErrorInfo } | undefined;
  if (details?.error) {
    return details.error;
  }
  const response = e.response as { bodyAsText?: string } | undefined;
  if (response?.bodyAsText) {
    try {
      return (JSON.parse(response.bodyAsText) as { error?: ServiceErrorInfo }).error;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function toBackendError(error: unknown, aborted: boolean): Error {
  if (error instanceof BackendError || error instanceof QueryCancelledError || error instanceof KqlError) {
    return error;
  }
  if (aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new QueryCancelledError();
  }
  if (error instanceof SignInRequiredError) {
    return new BackendError('auth', error.message);
  }
  if (!error || typeof error !== 'object') {
    return new BackendError('server', `Log Analytics failed: ${String(error)}`);
  }
  const e = error as Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : '';
  if (/AuthenticationRequired|CredentialUnavailable|AuthenticationError/.test(name)) {
    return new BackendError('auth', `Sign-in failed: ${String(e.message ?? name)}`);
  }
  const status = statusOf(e);
  const info = bodyError(e);
  const messages = serviceErrorMessages(info);
  const said = messages.length ? messages.join(' ') : String(e.message ?? 'no message');
  if (status === 401 || status === 403) {
    return new BackendError('auth', `Log Analytics refused the sign-in (${status}): ${said}`, status);
  }
  if (status === 429) {
    return new BackendError('throttled', `Log Analytics is throttling requests (429) and retries did not get through: ${said}`, status);
  }
  if (status !== undefined && status >= 500) {
    return new BackendError('server', `Log Analytics failed (${status}) after retries: ${said}`, status);
  }
  if (status === 400) {
    // The service rejected the query text; its message names the problem, it has no usable position.
    const zero = { line: 0, character: 0 };
    return new KqlError(info?.code ?? 'BadArgumentError', said, { start: zero, end: zero });
  }
  if (status === 404) {
    return new BackendError('config', `Log Analytics does not know this workspace (404): ${said}`, status);
  }
  if (status !== undefined) {
    return new BackendError('server', `Log Analytics answered ${status}: ${said}`, status);
  }
  const code = typeof e.code === 'string' ? e.code : '';
  return new BackendError('network', `Could not reach Log Analytics${code ? ` (${code})` : ''}: ${String(e.message ?? name)}`);
}
