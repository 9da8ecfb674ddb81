/**
 * What a failed run says, the same wherever it shows: the results panel and a notebook cell's output
 * give the same failure the same heading and the same message (a time-out names its limit and the
 * setting that raises it, the engine's memory limit its setting, a cancel says so). No `vscode` import:
 * the texts are tested in plain Node.
 */
import type { RunErrorKind } from '../protocol/messages';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../results/errors';
import type { BackendId } from '../results/queryResult';
import { asSentence } from '../results/sentence';
import { describeStop, timeoutAdvice } from '../results/stopPoint';
import { errorHeading } from './errorHeading';
import { LIMIT_SETTINGS, queryErrorMessage, timeoutMessage, timeoutSetting } from './limitNotices';

export interface RunFailureText {
  readonly kind: RunErrorKind;
  readonly heading: string;
  readonly message: string;
  /** Where a timed-out or cancelled run was (results/stopPoint.ts), and for a timeout what to change. */
  readonly detail?: string;
  /** The setting that holds the limit the run met, for a link to it. */
  readonly setting?: string;
}

/** The message and its detail as one text, for the places that show one (a notebook cell, a notification). */
export function failureWords(f: RunFailureText): string {
  return f.detail ? `${f.message} ${f.detail}` : f.message;
}

/** A stopped run's detail: where it was, then (for a timeout) what to change; absent when nothing is known. */
function stopDetail(e: unknown, timedOut: boolean): string | undefined {
  const stop = e instanceof QueryTimeoutError || e instanceof QueryCancelledError ? e.stop : undefined;
  if (!stop) return undefined;
  const advice = timedOut ? timeoutAdvice(stop) : '';
  return advice ? `${describeStop(stop)} ${advice}` : describeStop(stop);
}

const CANCELLED = new QueryCancelledError().message;

/** Errors may cross a worker boundary as plain errors: their name still says what they are. */
function failureKind(e: unknown, userCancelled: boolean): Exclude<RunErrorKind, 'query'> {
  if (userCancelled || e instanceof QueryCancelledError || (e instanceof Error && e.name === 'QueryCancelledError')) {
    return 'cancelled';
  }
  if (e instanceof QueryTimeoutError || (e instanceof Error && e.name === 'QueryTimeoutError')) {
    return 'timeout';
  }
  return 'backend';
}

/**
 * A run that failed for another reason than its text: cancelled (by the user, or because its backend
 * was shut down: the local engine stops when the backend or its settings change), timed out, or the
 * backend's failure. `userCancelled`: the user's Cancel stopped it, whatever the backend then threw.
 */
export function runFailureText(e: unknown, backend: BackendId, userCancelled: boolean): RunFailureText {
  const kind = failureKind(e, userCancelled);
  const said = e instanceof Error ? e.message : String(e);
  const heading = errorHeading({
    kind,
    backend,
    ...(e instanceof BackendError ? { backendKind: e.kind, status: e.status } : {}),
  });
  switch (kind) {
    case 'cancelled': {
      // Not the user's Cancel: why it stopped ("The local engine was shut down.") follows.
      const detail = stopDetail(e, false);
      return {
        kind,
        heading,
        message: userCancelled || said === CANCELLED || said === '' ? CANCELLED : `${CANCELLED} ${asSentence(said)}`,
        ...(detail ? { detail } : {}),
      };
    }
    case 'timeout': {
      const detail = stopDetail(e, true);
      return {
        kind,
        heading,
        message: timeoutMessage(asSentence(said), backend),
        ...(detail ? { detail } : {}),
        setting: timeoutSetting(backend),
      };
    }
    default:
      return { kind, heading, message: said };
  }
}

/** A query error (the text's, or a limit the engine met while running it): its heading, and the message with the setting a limit has. */
export function queryFailureText(
  error: { readonly message: string; readonly code: string },
  backend: BackendId,
): RunFailureText {
  const message = queryErrorMessage(error.message, backend);
  return {
    kind: 'query',
    heading: errorHeading({ kind: 'query', backend, code: error.code }),
    message,
    // The engine's memory limit (its message now names the setting): a link to it.
    ...(message !== error.message ? { setting: LIMIT_SETTINGS.memory } : {}),
  };
}
