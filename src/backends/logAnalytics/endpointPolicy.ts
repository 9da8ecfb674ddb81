/**
 * Where the user's Log Analytics bearer token may go. The query endpoint can be overridden (a proxy, a
 * private endpoint, a test server), and whoever sets the override receives the token with every query.
 * So only the Azure Monitor query hosts of the known clouds are used as they are; any other host must be
 * confirmed by the user (the caller's `approve`, a dialog in the extension) before a token is asked for,
 * and plain http is never used (the token would travel in clear text).
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { BackendError } from '../../results/errors';

/** The Log Analytics query API hosts of the public, US Government and China clouds. */
export const AZURE_MONITOR_QUERY_HOSTS: readonly string[] = [
  'api.loganalytics.io',
  'api.loganalytics.azure.com',
  'api.loganalytics.us',
  'api.loganalytics.azure.us',
  'api.loganalytics.azure.cn',
];

export type EndpointCheck =
  | { readonly kind: 'known'; readonly host: string }
  | { readonly kind: 'custom'; readonly host: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Classifies a query endpoint URL: a known Azure Monitor host, another https host, or unusable. */
export function checkEndpoint(endpoint: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { kind: 'invalid', reason: `"${endpoint}" is not a URL` };
  }
  if (url.protocol !== 'https:') {
    return {
      kind: 'invalid',
      reason: `${url.protocol.replace(/:$/, '')} would send the sign-in token unencrypted; use https`,
    };
  }
  if (url.username || url.password) {
    return { kind: 'invalid', reason: 'the URL carries a user name or password' };
  }
  // url.host is lower-cased and keeps a non-default port: a known name on another port is custom.
  const host = url.host;
  return AZURE_MONITOR_QUERY_HOSTS.includes(host) ? { kind: 'known', host } : { kind: 'custom', host };
}

/** Asks whether the token may be sent to a host that is not Azure Monitor's; resolves true to allow. */
export type EndpointApprover = (host: string, endpoint: string) => Promise<boolean>;

/**
 * Wraps the credential so that no token is handed out for an endpoint that is invalid or custom and
 * not approved. The SDK asks for the token just before it sends a request, so a refusal here means no
 * request (and no query text) reaches the host either. An approval holds for this credential's life;
 * a refusal is asked again on the next query.
 */
export class EndpointGatedCredential implements TokenCredential {
  private readonly check: EndpointCheck;
  private approval: Promise<boolean> | undefined;

  constructor(
    private readonly inner: TokenCredential,
    private readonly endpoint: string,
    private readonly approve?: EndpointApprover,
  ) {
    this.check = checkEndpoint(endpoint);
  }

  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
    await this.ensureAllowed();
    return this.inner.getToken(scopes, options);
  }

  /** Resolves when tokens may go to the endpoint; throws the BackendError that says why not. */
  async ensureAllowed(): Promise<void> {
    const c = this.check;
    if (c.kind === 'known') {
      return;
    }
    if (c.kind === 'invalid') {
      throw new BackendError(
        'config',
        `The Log Analytics endpoint (setting kql.logAnalytics.endpoint) cannot be used: ${c.reason}. Nothing was sent.`,
      );
    }
    if (!this.approve) {
      throw new BackendError(
        'config',
        `The Log Analytics endpoint ${c.host} is not an Azure Monitor host, and nothing can confirm it here. Nothing was sent.`,
      );
    }
    const pending = this.approval ?? (this.approval = this.approve(c.host, this.endpoint).catch(() => false));
    const ok = await pending;
    if (!ok) {
      if (this.approval === pending) {
        this.approval = undefined;
      }
      throw new BackendError(
        'config',
        `The Log Analytics endpoint ${c.host} is not an Azure Monitor host and was not confirmed, so your sign-in token was not sent there. Clear kql.logAnalytics.endpoint to use the cloud's own endpoint.`,
      );
    }
  }
}
