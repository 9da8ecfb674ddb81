/**
 * Turns what the SDK and the pipeline throw into the backend contract's errors: a sign-in problem, a
 * throttled or failing service, a network failure, a rejected query, a cancellation.
 */
import { STATUS_CODES } from 'node:http';
import { KqlError } from '../../kql/errors';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import { asSentence } from '../../results/sentence';
import { missingTableError, unresolvedCatalogueTables } from './missingTable';
import type { ResponseNote } from './responseSize';

/** Thrown by a credential when there is no usable sign-in (none yet, expired, refused). */
export class SignInRequiredError extends Error {
  constructor(message = 'Sign in to Log Analytics to run queries there.') {
    super(message);
    this.name = 'SignInRequiredError';
  }
}

export interface ServiceErrorInfo {
  readonly code?: string;
  readonly message?: string;
  /** Each detail may carry its own innererror: a PartialError's real reason is in details[0].innererror. */
  readonly details?: readonly ServiceErrorInfo[];
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
  const walk = (e: ServiceErrorInfo | undefined, depth: number): void => {
    if (!e || depth >= 8) {
      return;
    }
    add(e.message);
    e.details?.forEach((d) => walk(d, depth + 1));
    walk(e.innererror, depth + 1);
  };
  walk(info, 0);
  return out;
}

/**
 * The service's nested messages as one text, each its own sentence. They are written to stand alone
 * ("The request had some invalid properties", then "A semantic error occurred."), so joined by a bare
 * space they read as one run-on sentence; a part that ends without punctuation gets a full stop.
 */
export function joinServiceMessages(messages: readonly string[]): string {
  return messages
    .map((m, i) => {
      const t = m.trim();
      return i < messages.length - 1 && !/[.!?…:;]$/.test(t) ? `${t}.` : t;
    })
    .join(' ');
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
  return serviceErrorIn((e.response as { bodyAsText?: string } | undefined)?.bodyAsText);
}

/**
 * The `error` of a response text, as the service wrote it: the SDK's own reading drops each detail's
 * innererror, where a PartialError says what actually went wrong.
 */
export function serviceErrorIn(text: string | undefined): ServiceErrorInfo | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return error && typeof error === 'object' ? (error as ServiceErrorInfo) : undefined;
  } catch {
    return undefined;
  }
}

/** Seconds to wait from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | undefined, now = Date.now()): number | undefined {
  const h = header?.trim();
  if (!h) {
    return undefined;
  }
  if (/^\d+$/.test(h)) {
    return Number(h);
  }
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** "503 Service Unavailable": the status with its standard reason phrase. */
export function statusText(status: number): string {
  const phrase = STATUS_CODES[status];
  return phrase ? `${status} ${phrase}` : String(status);
}

/** What a body that is not the service's JSON error says, in a few words (never markup). */
function describeBody(note: ResponseNote | undefined): string {
  const body = note?.bodyStart.trim() ?? '';
  if (!body) {
    return 'the response had no body';
  }
  if (/html/i.test(note?.contentType ?? '') || /^<(!doctype|html)/i.test(body)) {
    const title = /<title[^>]*>([^<]*)/i.exec(body)?.[1]?.replace(/\s+/g, ' ').trim();
    return `the response was a web page${title ? ` titled "${title.slice(0, 120)}"` : ''}, not the service's answer`;
  }
  const flat = body.replace(/\s+/g, ' ');
  return `the response said: ${flat.length > 200 ? `${flat.slice(0, 200)}…` : flat}`;
}

/**
 * A 429's error (or a 503's that asked to wait): `why` says why the extension stopped asking (retries
 * used up, a wait too long), and the message when to try again.
 */
export function throttledError(waitSeconds: number | undefined, said: string, why: string, status = 429): BackendError {
  const retry = waitSeconds !== undefined ? `; try again in ${waitSeconds} s` : '; try again in a minute';
  const state = status === 429 ? 'is throttling requests' : 'is unavailable';
  return new BackendError(
    status === 429 ? 'throttled' : 'server',
    `Log Analytics ${state} (${statusText(status)}) and ${why}${retry}.${said ? ` ${said}` : ''}`,
    status,
    waitSeconds,
  );
}

const SYSTEM_ERROR = /^E[A-Z]+$/;

/** The command a message names for signing in again. */
const SIGN_IN = 'run "Connection Analytics: Sign In to Log Analytics"';

/**
 * The JSON parser's own words from the SDK's PARSE_ERROR ("Error "SyntaxError: Unexpected end of JSON
 * input" occurred while parsing the response body - {…"), without the body it quotes.
 */
function jsonParseError(message: string): string {
  const said = /SyntaxError: ([^"]*)"/.exec(message)?.[1]?.trim();
  return said || 'the JSON parser stopped in it';
}

/**
 * `note` is the last response the pipeline read for this call (responseSize.ts): when the SDK fails
 * without a status (it throws a TypeError on a body that is not its JSON), the status and headers
 * still say what happened. `workspaceId` is the id the request named, for a 404's message.
 */
export function toBackendError(error: unknown, aborted: boolean, note?: ResponseNote, workspaceId?: string): Error {
  // Cancelled first: a cancel mid-body also breaks the read, which is not the network's fault.
  if (aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new QueryCancelledError();
  }
  if (
    error instanceof BackendError ||
    error instanceof QueryCancelledError ||
    error instanceof QueryTimeoutError ||
    error instanceof KqlError
  ) {
    return error;
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
  const code = typeof e.code === 'string' ? e.code : '';
  const status = statusOf(e) ?? (SYSTEM_ERROR.test(code) ? undefined : note?.status);
  const info = bodyError(e);
  const messages = serviceErrorMessages(info);
  // The service's own words when it sent its JSON error; otherwise what the response was.
  const said = messages.length
    ? joinServiceMessages(messages)
    : status !== undefined && note
      ? describeBody(note)
      : String(e.message ?? 'no message');
  if (status === 401) {
    return new BackendError(
      'auth',
      `Log Analytics refused the sign-in (${statusText(status)}): ${asSentence(said)} Sign in again: ${SIGN_IN}.`,
      status,
    );
  }
  if (status === 403) {
    // Signed in, but this account may not read this workspace: a new sign-in helps only as another account.
    return new BackendError(
      'auth',
      `Log Analytics denied access to the workspace (${statusText(status)}): ${asSentence(said)} The signed-in account needs read access to it (the Log Analytics Reader role, or Reader on the workspace): ask the workspace's owner, or sign in with another account: ${SIGN_IN}.`,
      status,
    );
  }
  if (status === 429) {
    return throttledError(retryAfterSeconds(note?.retryAfter), said, 'retries did not get through');
  }
  if (status === 502 || status === 503 || status === 504) {
    const wait = retryAfterSeconds(note?.retryAfter);
    const retry = wait !== undefined ? ` Try again in ${wait} s.` : ' Try again later.';
    return new BackendError(
      'server',
      `Log Analytics is unavailable (${statusText(status)}) after retries: ${asSentence(said)}${retry}`,
      status,
      wait,
    );
  }
  if (status !== undefined && status >= 500) {
    // Not retried (only 429, 502 and 503 are): the service failed this run.
    return new BackendError(
      'server',
      `Log Analytics failed (${statusText(status)}): ${asSentence(said)} The fault is on the service's side: run the query again in a few minutes.`,
      status,
    );
  }
  if (status === 400) {
    const missing = unresolvedCatalogueTables(messages);
    if (missing.length) {
      return missingTableError(missing, messages[messages.length - 1]!, status);
    }
    // The service rejected the query text; its message names the problem, it has no usable position.
    const zero = { line: 0, character: 0 };
    return new KqlError(info?.code ?? 'BadArgumentError', said, { start: zero, end: zero });
  }
  if (status === 404) {
    // The id in settings is a GUID (checked before sending) but names no workspace this sign-in can see:
    // a typo, or another GUID of the portal's (the subscription's, the tenant's) pasted instead.
    const which = workspaceId ? `the workspace ${workspaceId}` : 'this workspace';
    return new BackendError(
      'config',
      `Log Analytics does not know ${which} (${statusText(status)}): ${asSentence(said)} Check the setting kql.logAnalytics.workspaceId: it must be the Workspace ID on the workspace's Overview page in the Azure portal, not its name, resource id or subscription id.`,
      status,
    );
  }
  if (status !== undefined && status >= 200 && status < 300) {
    const broken = code === 'PARSE_ERROR' ? jsonParseError(String(e.message ?? '')) : undefined;
    return new BackendError(
      'server',
      broken !== undefined
        ? `Log Analytics answered ${statusText(status)}, but its JSON is malformed (${broken}), so it is not a query result. Something between may have cut or changed the response (a proxy, a dropped connection): run the query again, and if it keeps happening check kql.logAnalytics.endpoint and any proxy on the way.`
        : `Log Analytics answered ${statusText(status)} with something that is not a query result: ${asSentence(note ? describeBody(note) : said)} Check that kql.logAnalytics.endpoint is Log Analytics' query API and that no proxy or sign-in page stands between.`,
      status,
    );
  }
  if (status !== undefined) {
    return new BackendError('server', `Log Analytics answered ${statusText(status)}: ${said}`, status);
  }
  return new BackendError(
    'network',
    `Could not reach Log Analytics${code ? ` (${code})` : ''}: ${String(e.message ?? name)}`,
  );
}
