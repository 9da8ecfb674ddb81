/** Query endpoints and sign-in scopes of the Azure clouds Log Analytics runs in. */

export type AzureCloudName = 'AzurePublicCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

export interface CloudEndpoints {
  /** Base of the query API, including the version segment; the SDK appends /workspaces/{id}/query. */
  readonly endpoint: string;
  /** The token scope for that API (the SDK's own `audience` option is unused in 1.0.0). */
  readonly scope: string;
}

const CLOUDS: Record<AzureCloudName, CloudEndpoints> = {
  AzurePublicCloud: { endpoint: 'https://api.loganalytics.io/v1', scope: 'https://api.loganalytics.io/.default' },
  AzureUSGovernment: { endpoint: 'https://api.loganalytics.us/v1', scope: 'https://api.loganalytics.us/.default' },
  AzureChinaCloud: {
    endpoint: 'https://api.loganalytics.azure.cn/v1',
    scope: 'https://api.loganalytics.azure.cn/.default',
  },
};

/**
 * The endpoint and scope for a cloud. An override (a proxy, a private link, a test server) replaces the
 * endpoint only: the token is still for the cloud's audience.
 */
export function cloudEndpoints(cloud: AzureCloudName, endpointOverride = ''): CloudEndpoints {
  const base = CLOUDS[cloud] ?? CLOUDS.AzurePublicCloud;
  const override = endpointOverride.trim().replace(/\/+$/, '');
  return override ? { endpoint: override, scope: base.scope } : base;
}
