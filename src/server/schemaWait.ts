/**
 * While the client's workspace schema is on its way (a folder of exports being scanned, a Log Analytics
 * workspace's tables being fetched), an "unknown name" error may only mean the table has not arrived yet:
 * the first check of `Hostile_CL | take 10` showed a red squiggle that went away a moment later. So,
 * while the client says a schema is pending, those errors are held back (syntax and every other error
 * still show at once), until the schema arrives, the client says it is done, or a bound passes; then
 * documents are checked again with the names they really have.
 */
import type { Diagnostic } from 'vscode-languageserver/node';

/**
 * Kusto's "The name 'X' does not refer to any known column, table, variable or function" (KS142) and
 * "… any known table, tabular variable or function" (KS204): the errors a missing schema causes.
 */
export const UNKNOWN_NAME_CODES: ReadonlySet<string> = new Set(['KS142', 'KS204']);

/**
 * How long unknown names are held for a pending schema: a folder's scan takes a second or two (more on a
 * loaded machine); a schema that takes longer than this is not waited for, the user sees what is known.
 */
export const SCHEMA_WAIT_MS = 8_000;

/** The bound from a setting's text (the test seam KQL_SCHEMA_WAIT_MS); SCHEMA_WAIT_MS when absent or not a count. */
export function schemaWaitFrom(text: string | undefined, fallback = SCHEMA_WAIT_MS): number {
  const ms = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(ms) && ms >= 0 ? ms : fallback;
}

/**
 * The diagnostics a document shows while a schema is pending: without the unknown-name errors, and without
 * the errors Kusto places at the same span as one (an unknown name also fails the type its place expects).
 */
export function withoutUnknownNames(list: readonly Diagnostic[]): Diagnostic[] {
  const unknown = list.filter((d) => UNKNOWN_NAME_CODES.has(String(d.code)));
  if (unknown.length === 0) return [...list];
  const sameSpan = (a: Diagnostic, b: Diagnostic) =>
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character;
  return list.filter((d) => !UNKNOWN_NAME_CODES.has(String(d.code)) && !unknown.some((u) => sameSpan(u, d)));
}

/**
 * How long unknown names are held while the client waits for a credential (its sign-in and consent dialogs
 * may be on screen): the schema request has not gone out, so the 8 s bound has not begun; a sign-in the
 * user abandons or fails ends the hold at once (the client says so), this bounds a client that never does.
 */
export const SIGN_IN_WAIT_MS = 300_000;

/** Where a pending schema is: waiting on the sign-in, or its request sent (the bound counts from then). */
export type SchemaWaitPhase = 'signIn' | 'request';

/** The phase from a notification's field: anything but 'signIn' or 'request' is undefined (an older client). */
export function schemaPhaseFrom(value: unknown): SchemaWaitPhase | undefined {
  return value === 'signIn' || value === 'request' ? value : undefined;
}

/** What a wait tells its owner. */
export interface SchemaWaitHooks {
  /** A wait began: diagnostics already published are published again without their unknown names. */
  readonly onBegin?: () => void;
  /** A wait ended: documents are checked again with the names they really have. */
  readonly onSettled: () => void;
  /** Why a wait ended, or how long it lasted. */
  readonly log: (message: string) => void;
}

/** Whether a schema is pending, with the bound that ends the wait. */
export class SchemaWait {
  private timer: NodeJS.Timeout | undefined;
  private since = 0;
  private reason = '';

  constructor(
    private readonly hooks: SchemaWaitHooks,
    private readonly boundMs = SCHEMA_WAIT_MS,
    private readonly signInBoundMs = SIGN_IN_WAIT_MS,
  ) {}

  get pending(): boolean {
    return this.timer !== undefined;
  }

  /**
   * The client says a schema is on its way (`reason`: where from, for the log). `phase` 'signIn': the
   * request waits on a credential, held up to the sign-in's bound; 'request': the request went out, the
   * bound counts from now (restarted: the time spent signing in does not use it up); none (a client that
   * says no phase): a new wait keeps the old bound.
   */
  begin(reason: string, phase?: SchemaWaitPhase): void {
    this.reason = reason;
    const began = !this.timer;
    if (began) this.since = performance.now();
    else if (phase === undefined) return;
    clearTimeout(this.timer);
    const bound = phase === 'signIn' ? this.signInBoundMs : this.boundMs;
    const from = performance.now();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.hooks.log(
        `The workspace schema (${this.reason}) has not arrived after ${Math.round(performance.now() - from)} ms${
          phase === 'signIn' ? ' waiting on the sign-in' : ''
        }: unknown names are shown with the schema the server has.`,
      );
      this.hooks.onSettled();
    }, bound);
    this.timer.unref?.();
    // Errors published before the wait (a refresh, a workspace switch) are withdrawn now, not at the next edit.
    if (began) this.hooks.onBegin?.();
  }

  /** The schema arrived, or the client says none is coming; `why` for the log. */
  end(why: string): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.hooks.log(
      `Unknown names held ${Math.round(performance.now() - this.since)} ms for the workspace schema: ${why}.`,
    );
    this.hooks.onSettled();
  }

  /** The diagnostics to publish now. */
  filter(list: readonly Diagnostic[]): Diagnostic[] {
    return this.pending ? withoutUnknownNames(list) : [...list];
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
