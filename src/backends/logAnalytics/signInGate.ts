/**
 * One sign-in flow for everything that needs a Log Analytics token (queries, the machines tree, live
 * values, the schema): an existing session is reused silently; when none exists, at most one prompt
 * is open at a time and every caller waits on it; a prompt the user cancelled is remembered, so
 * nothing prompts again until the user asks to sign in (`allowPromptAgain`).
 *
 * Pure: the caller supplies how to get a session silently and by prompting (VS Code's Microsoft
 * provider in the extension, a fake in tests).
 */
import { SignInRequiredError } from './errorMapping';

export interface SignInSession {
  readonly accessToken: string;
  readonly account: string;
}

export interface SessionSource {
  /** An existing session, without any UI; undefined when there is none. */
  silent(): Promise<SignInSession | undefined>;
  /** Asks the user to sign in; undefined or a rejection when they cancel. */
  prompt(): Promise<SignInSession | undefined>;
}

export type SignInState = 'unknown' | 'signedIn' | 'declined';

export class SignInGate {
  private pending: Promise<SignInSession> | undefined;
  private _state: SignInState = 'unknown';
  private readonly listeners = new Set<(state: SignInState) => void>();
  /** Prompts shown so far: for the log and tests. */
  prompts = 0;

  constructor(private readonly source: SessionSource) {}

  get state(): SignInState {
    return this._state;
  }

  onDidChangeState(listener: (state: SignInState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A session for a caller: silently if possible, else through the one shared prompt. */
  async session(): Promise<SignInSession> {
    const existing = await this.source.silent().catch(() => undefined);
    if (existing) {
      this.setState('signedIn');
      return existing;
    }
    if (this._state === 'declined') {
      throw new SignInRequiredError(
        'Sign-in to Log Analytics was cancelled: use "Sign In to Log Analytics" to try again.',
      );
    }
    this.pending ??= this.promptOnce().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** The user asked to sign in: forget an earlier cancel, and prompt now if no session exists. */
  async allowPromptAgain(): Promise<SignInSession> {
    if (this._state === 'declined') this.setState('unknown');
    return this.session();
  }

  private async promptOnce(): Promise<SignInSession> {
    this.prompts++;
    let session: SignInSession | undefined;
    try {
      session = await this.source.prompt();
    } catch (e) {
      this.setState('declined');
      throw new SignInRequiredError(
        `Sign-in to Log Analytics did not complete: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (!session) {
      this.setState('declined');
      throw new SignInRequiredError();
    }
    this.setState('signedIn');
    return session;
  }

  private setState(state: SignInState): void {
    if (state === this._state) return;
    this._state = state;
    for (const l of this.listeners) l(state);
  }
}
