/**
 * Sign-in for Log Analytics through VS Code's built-in Microsoft authentication provider, wrapped as
 * the TokenCredential the Azure SDK takes. No secrets in settings: VS Code keeps and refreshes the session.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import { cloudEndpoints, LogAnalyticsBackend, SignInGate, SignInRequiredError } from '../backends/logAnalytics';
import type { QueryBackend } from '../backends/queryBackend';
import type { Ctx } from './ctx';
import { endpointApprover } from './endpointConsent';

const PROVIDER = 'microsoft';
/** When a token's expiry cannot be read, ask VS Code again after this long (it caches sessions). */
const FALLBACK_LIFETIME_MS = 5 * 60_000;

/** The `exp` claim of a JWT access token, in ms; undefined when the token is not a readable JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) {
    return undefined;
  }
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One gate per scope for the whole window: the tree, live values, the schema and queries share its
 * single prompt, reuse an existing VS Code session silently, and a cancel is remembered.
 */
const gates = new Map<string, SignInGate>();

export function signInGate(scope: string): SignInGate {
  let gate = gates.get(scope);
  if (!gate) {
    gate = new SignInGate({
      silent: async () => {
        const s = await vscode.authentication.getSession(PROVIDER, [scope], { silent: true });
        return s && { accessToken: s.accessToken, account: s.account.label };
      },
      prompt: async () => {
        const s = await vscode.authentication.getSession(PROVIDER, [scope], { createIfNone: true });
        return s && { accessToken: s.accessToken, account: s.account.label };
      },
    });
    gates.set(scope, gate);
  }
  return gate;
}

export class VsCodeMicrosoftCredential implements TokenCredential {
  constructor(private readonly scope: string) {}

  async getToken(_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    let session;
    try {
      session = await signInGate(this.scope).session();
    } catch (error) {
      throw error instanceof SignInRequiredError
        ? error
        : new SignInRequiredError(
            `Sign-in to Log Analytics did not complete: ${error instanceof Error ? error.message : String(error)}`,
          );
    }
    const expires = jwtExpiry(session.accessToken) ?? Date.now() + FALLBACK_LIFETIME_MS;
    return { token: session.accessToken, expiresOnTimestamp: expires };
  }
}

export function logAnalyticsScope(ctx: Pick<Ctx, 'config'>): string {
  return cloudEndpoints(ctx.config.cloud, ctx.config.endpointOverride).scope;
}

/** The `logAnalytics` factory of BackendManager: reads the settings each time the backend is (re)built. */
export function createLogAnalyticsBackend(ctx: Pick<Ctx, 'config' | 'extension'>): QueryBackend {
  const c = ctx.config;
  return new LogAnalyticsBackend({
    workspaceId: c.workspaceId,
    credential: new VsCodeMicrosoftCredential(logAnalyticsScope(ctx)),
    cloud: c.cloud,
    endpoint: c.endpointOverride,
    approveEndpoint: endpointApprover(ctx.extension.globalState),
    serverTimeoutSeconds: c.serverTimeoutSeconds,
  });
}

/**
 * Asks for a new Microsoft session (a fresh sign-in, or another account), then rebuilds the backend so
 * the next query uses it.
 */
export async function signIn(ctx: Ctx): Promise<boolean> {
  const scope = logAnalyticsScope(ctx);
  try {
    const existing = await vscode.authentication.getSession(PROVIDER, [scope], { silent: true });
    // The user asked: a remembered cancel no longer holds; with a session, they want another account.
    const session = existing
      ? await vscode.authentication.getSession(PROVIDER, [scope], {
          forceNewSession: { detail: 'Sign in again to run queries on Log Analytics.' },
        })
      : await signInGate(scope).allowPromptAgain();
    if (!session) {
      return false;
    }
    const account =
      'account' in session && typeof session.account === 'object' ? session.account.label : session.account;
    void vscode.window.showInformationMessage(`Signed in to Log Analytics as ${account}.`);
    ctx.backends.reset();
    return true;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Sign-in to Log Analytics failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return false;
  }
}
