/**
 * The workspace's schema from Log Analytics: the metadata API (`GET {endpoint}/workspaces/{id}/metadata`:
 * tables with columns, saved functions, categories, solutions) through `@azure-rest/core-client`, the
 * same credential, scope, retry policy, cap on Retry-After waits and https options as the query client. Where the service
 * denies metadata (403/404 on that operation only), a query lists the tables and columns that had
 * data in the last day instead, and the schema's note says so.
 */

import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';
import type { LogsQueryClientOptions } from '@azure/monitor-query-logs';
import { getClient } from '@azure-rest/core-client';
import { BackendError } from '../../results/errors';
import type { QueryResult } from '../../results/queryResult';
import { metadataType, schemaFromMetadata } from '../../schema/metadataJson';
import type { ColumnSchema, TableSchema } from '../../schema/types';
import type { WorkspaceSchema } from '../../schema/workspaceSchema';
import { type AzureCloudName, cloudEndpoints } from './clouds';
import { toBackendError } from './errorMapping';
import { describeRetry, MAX_RETRY_WAIT_SECONDS, retryNoticePolicy } from './retryNotice';

const DEFAULT_RETRY = { maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 20_000 };

/**
 * Tables and columns with data in the last day: `pack_all(true)` leaves out null columns, so
 * `buildschema` over a table's rows names every column that held a value, with its type.
 */
export const SCHEMA_FALLBACK_QUERY = [
  'union withsource = __Table *',
  '| where TimeGenerated > ago(1d)',
  '| summarize Columns = buildschema(pack_all(true)) by __Table',
].join('\n');

export interface MetadataRequest {
  readonly workspaceId: string;
  readonly credential: TokenCredential;
  readonly cloud?: AzureCloudName;
  readonly endpoint?: string;
  readonly retry?: PipelineRetryOptions;
  /** The longest Retry-After waited for (default 60 s); a longer one fails the request with when to retry. */
  readonly maxRetryWaitSeconds?: number;
  /** Told each retry before its wait (the extension logs it: the schema loads in the background). */
  readonly onRetry?: (message: string) => void;
  /** The query client's https options (agent with a private CA, proxy), so both requests travel alike. */
  readonly clientOptions?: Pick<LogsQueryClientOptions, 'agent' | 'tlsOptions' | 'proxyOptions'>;
  readonly signal?: AbortSignal;
  /** How long the request may wait for its answer (default 60 s): a service that never answers must not keep it. */
  readonly timeoutSeconds?: number;
  readonly now?: () => Date;
}

export const DEFAULT_SCHEMA_TIMEOUT_SECONDS = 60;

/** Fetches the metadata document; throws a BackendError (auth, config, server …) as queries do. */
export async function fetchMetadataDocument(request: MetadataRequest): Promise<unknown> {
  const { endpoint, scope } = cloudEndpoints(request.cloud ?? 'AzurePublicCloud', request.endpoint);
  const retry = request.retry ?? DEFAULT_RETRY;
  const noticePolicy = retryNoticePolicy(
    {
      maxRetries: retry.maxRetries ?? DEFAULT_RETRY.maxRetries,
      maxWaitSeconds: request.maxRetryWaitSeconds ?? MAX_RETRY_WAIT_SECONDS,
      waitsFor: 'for the workspace schema',
    },
    // One request per call: nothing to tell apart.
    () => undefined,
    (_call, notice) => request.onRetry?.(describeRetry(notice)),
  );
  const client = getClient(endpoint, request.credential, {
    ...request.clientOptions,
    credentials: { scopes: [scope] },
    retryOptions: retry,
    additionalPolicies: [{ policy: noticePolicy, position: 'perRetry' }],
  });
  // The caller's signal cancels; the timer ends a request whose answer never comes (a hung proxy, a
  // service that accepted the connection and went silent), which would otherwise wait for ever.
  const seconds = request.timeoutSeconds ?? DEFAULT_SCHEMA_TIMEOUT_SECONDS;
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  request.signal?.addEventListener('abort', cancel, { once: true });
  if (request.signal?.aborted) controller.abort();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, seconds * 1000);
  let response;
  try {
    response = await client
      .path('/workspaces/{workspaceId}/metadata', request.workspaceId)
      .get({ abortSignal: controller.signal });
  } catch (e) {
    if (timedOut && request.signal?.aborted !== true) {
      throw new BackendError(
        'network',
        `Log Analytics did not answer the workspace schema request within ${seconds} s. Completion and the Schema view keep the schema they had; run "Connection Analytics: Refresh Workspace Schema" to ask again.`,
      );
    }
    throw toBackendError(e, request.signal?.aborted === true);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', cancel);
  }
  const status = Number(response.status);
  if (status !== 200) {
    throw toBackendError(
      { statusCode: status, message: serviceMessage(response.body) ?? `metadata request failed (${status})` },
      false,
      undefined,
      request.workspaceId,
    );
  }
  return response.body;
}

function serviceMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

/** The tables of the fallback query's answer (`__Table`, `Columns` as a buildschema bag). */
export function schemaFromFallbackResult(result: QueryResult): TableSchema[] {
  const table = result.tables[0];
  if (!table) return [];
  const nameAt = table.columns.findIndex((c) => c.name === '__Table');
  const columnsAt = table.columns.findIndex((c) => c.name === 'Columns');
  if (nameAt < 0 || columnsAt < 0) {
    throw new BackendError('server', 'The schema query answered without __Table and Columns columns.');
  }
  return table.rows.flatMap((row) => {
    const name = row[nameAt];
    let bag: unknown = row[columnsAt];
    if (typeof bag === 'string') {
      try {
        bag = JSON.parse(bag) as unknown;
      } catch {
        bag = undefined;
      }
    }
    if (typeof name !== 'string' || typeof bag !== 'object' || bag === null) return [];
    const columns: ColumnSchema[] = Object.entries(bag as Record<string, unknown>)
      .filter(([column]) => column !== '__Table')
      .map(([column, type]) => ({
        name: column,
        type: metadataType(Array.isArray(type) ? type[0] : type),
        description: '',
      }));
    return [{ name, description: '', group: 'Tables with data in the last day', columns }];
  });
}

/**
 * The workspace schema: the metadata API, or the fallback query when metadata is denied. Sign-in
 * failures and unreachable services are thrown, so the caller keeps its cached schema.
 */
export async function fetchWorkspaceSchema(
  request: MetadataRequest,
  runQuery: (query: string, signal?: AbortSignal) => Promise<QueryResult>,
): Promise<WorkspaceSchema> {
  const fetchedAt = (request.now?.() ?? new Date()).toISOString();
  try {
    const doc = await fetchMetadataDocument(request);
    return schemaFromMetadata(
      doc,
      { kind: 'logAnalytics', label: 'Log Analytics metadata API', fetchedAt },
      { skipUnreadable: true },
    );
  } catch (e) {
    const denied = e instanceof BackendError && (e.status === 403 || e.status === 404);
    if (!denied) throw e;
    const result = await runQuery(SCHEMA_FALLBACK_QUERY, request.signal);
    return {
      source: {
        kind: 'logAnalyticsQuery',
        label: 'Log Analytics schema query',
        fetchedAt,
        note: `The metadata API was denied (${e.status}); tables and columns come from the data of the last day, without saved functions or descriptions.`,
      },
      tables: schemaFromFallbackResult(result),
      functions: [],
    };
  }
}
