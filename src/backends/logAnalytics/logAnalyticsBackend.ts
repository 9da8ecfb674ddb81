/**
 * Runs queries on Azure Monitor Log Analytics through `@azure/monitor-query-logs`. Pure: the caller
 * supplies the TokenCredential (VS Code's Microsoft sign-in in the extension, @azure/identity in the CLI).
 */
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy, PipelineRequest, PipelineRetryOptions } from '@azure/core-rest-pipeline';
import {
  LogsQueryClient,
  type LogsQueryClientOptions,
  LogsQueryResultStatus,
  type QueryTimeInterval,
} from '@azure/monitor-query-logs';
import { KqlError } from '../../kql/errors';
import { BackendError, QueryCancelledError, QueryTimeoutError } from '../../results/errors';
import { DEFAULT_ROW_LIMIT, type QueryResult, type ResultTable, type TimeRange } from '../../results/queryResult';
import type { WorkspaceSchema } from '../../schema/workspaceSchema';
import type { QueryBackend, RunOptions } from '../queryBackend';
import { answerReaderPolicy } from './answerPolicy';
import type { Answer } from './answerReader';
import { type AzureCloudName, cloudEndpoints } from './clouds';
import { type EndpointApprover, EndpointGatedCredential } from './endpointPolicy';
import { joinServiceMessages, serviceErrorIn, serviceErrorMessages, toBackendError } from './errorMapping';
import { placeServiceError } from './errorPlace';
import { resultTables } from './exactCells';
import { withParameterLets } from './parameterLets';
import { DEFAULT_MAX_RESPONSE_BYTES, type ResponseNote, responseSizePolicy } from './responseSize';
import {
  describeRetry,
  MAX_RETRY_WAIT_SECONDS,
  type RetryNotice,
  retriedWarning,
  retryNoticePolicy,
} from './retryNotice';
import { backstopMs, serverTimeLimitSeconds } from './serverTimeout';
import { renderInfoFrom } from './wireConversion';
import { tellingWhenReady } from './tokenReady';
import { fetchWorkspaceSchema } from './workspaceMetadata';

export interface LogAnalyticsOptions {
  readonly workspaceId: string;
  readonly credential: TokenCredential;
  readonly cloud?: AzureCloudName;
  /** Replaces the cloud's endpoint (proxy, private link, test server). */
  readonly endpoint?: string;
  /**
   * Asked once before the sign-in token goes to an endpoint that is not an Azure Monitor host (a
   * dialog in the extension). Without it such an endpoint is refused.
   */
  readonly approveEndpoint?: EndpointApprover;
  /** The most bytes of a response body read into memory (default 128 MB). */
  readonly maxResponseBytes?: number;
  /** How long the service may run a query (Prefer: wait); a run's shorter timeoutMs asks for less. */
  readonly serverTimeoutSeconds?: number;
  /** How long the workspace schema (metadata) request may wait for its answer (default 60 s). */
  readonly schemaTimeoutSeconds?: number;
  /** Retries of 429 and 5xx answers, with exponential backoff (Retry-After honoured). */
  readonly retry?: PipelineRetryOptions;
  /** The longest Retry-After waited for (default 60 s); a longer one fails the run with when to retry. */
  readonly maxRetryWaitSeconds?: number;
  /** Extra pipeline options: an https agent with a private CA, a proxy. */
  readonly clientOptions?: Pick<LogsQueryClientOptions, 'agent' | 'tlsOptions' | 'proxyOptions'>;
  /** Read every answer on the extension host's thread, as before answerOffThread.ts (bench/laAnswerRead.ts). */
  readonly readAnswersInline?: boolean;
  /**
   * A successful answer of this many bytes or more goes to its reader's worker as bytes, undecoded
   * (bodyBytes.ts; default 1 MB). Tests lower it; the bench's "text" variant (as before) sets Infinity.
   */
  readonly answerBytesFrom?: number;
}

const DEFAULT_RETRY: PipelineRetryOptions = { maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 20_000 };
const CALL_HEADER = 'x-connection-analytics-call';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API's timespan; undefined when the query sets its own window. */
export function toQueryTimeInterval(range: TimeRange | undefined, now = new Date()): QueryTimeInterval | undefined {
  if (!range) {
    return undefined;
  }
  const start = range.start ? new Date(range.start) : undefined;
  const end = range.end ? new Date(range.end) : undefined;
  for (const [label, d] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (d && Number.isNaN(d.getTime())) {
      throw new BackendError(
        'config',
        `The time range's ${label} is not a datetime: ${label === 'start' ? range.start : range.end}`,
      );
    }
  }
  if (start && end) {
    return { startTime: start, endTime: end };
  }
  if (start) {
    return range.duration ? { startTime: start, duration: range.duration } : { startTime: start, endTime: now };
  }
  if (range.duration) {
    return end ? { duration: range.duration, endTime: end } : { duration: range.duration };
  }
  return undefined;
}

export class LogAnalyticsBackend implements QueryBackend {
  readonly id = 'logAnalytics' as const;
  readonly label: string;
  private client: LogsQueryClient;
  /** Builds a client; a new one starts with no cached token (see run's 401). */
  private readonly newClient: () => LogsQueryClient;
  private readonly credential: EndpointGatedCredential;
  /** The SDK 1.0.0 drops LogsQueryOptions.abortSignal; a pipeline policy attaches each call's signal. */
  private readonly signals = new Map<string, AbortSignal>();
  /** Each call's last response, for errors the SDK cannot describe (see responseSize.ts). */
  private readonly notes = new Map<string, ResponseNote>();
  /**
   * Each running call's last response text (its skeleton once answerReader.ts has read its rows), for a
   * PartialError's own words and, when the reader could not take it, the cells the SDK loses (exactCells.ts).
   */
  private readonly bodies = new Map<string, () => string>();
  /** Each running call's answer as answerReader.ts read it. */
  private readonly answers = new Map<string, Answer>();
  /** Each running call's retries so far and who to tell about the next (the run's onProgress). */
  private readonly retries = new Map<string, { notices: RetryNotice[]; tell?: (message: string) => void }>();
  /**
   * The call each request belongs to. Read from the request's header on its first attempt, which is
   * then removed (it is not the service's); the retry policy sends the same request object again
   * without it, so later attempts are found here, and their answers noted like the first's.
   */
  private readonly callOfRequest = new WeakMap<PipelineRequest, string>();
  private nextCall = 0;

  constructor(private readonly options: LogAnalyticsOptions) {
    const id = options.workspaceId.trim();
    this.label = id ? `Log Analytics: ${id.slice(0, 8)}…` : 'Log Analytics (no workspace)';
    const { endpoint, scope } = cloudEndpoints(options.cloud ?? 'AzurePublicCloud', options.endpoint);
    const callOf = (request: PipelineRequest): string | undefined => {
      const fromHeader = request.headers.get(CALL_HEADER);
      if (fromHeader !== undefined) {
        request.headers.delete(CALL_HEADER);
        this.callOfRequest.set(request, fromHeader);
        return fromHeader;
      }
      return this.callOfRequest.get(request);
    };
    const signalPolicy: PipelinePolicy = {
      name: 'connectionAnalyticsAbortSignal',
      sendRequest: (request, next) => {
        const call = callOf(request);
        const signal = call !== undefined ? this.signals.get(call) : undefined;
        if (signal) {
          request.abortSignal = signal;
        }
        return next(request);
      },
    };
    const sizePolicy = responseSizePolicy(
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      callOf,
      (call, note, body) => {
        if (call !== undefined && this.signals.has(call)) {
          this.notes.set(call, note);
          this.bodies.set(call, body);
        }
      },
      options.answerBytesFrom,
    );
    const answerPolicy = answerReaderPolicy(
      callOf,
      (call, answer) => {
        if (this.signals.has(call)) {
          this.answers.set(call, answer);
          this.bodies.set(call, () => answer.skeleton);
        }
      },
      options.readAnswersInline,
    );
    const retry = options.retry ?? DEFAULT_RETRY;
    const noticePolicy = retryNoticePolicy(
      {
        maxRetries: retry.maxRetries ?? DEFAULT_RETRY.maxRetries!,
        maxWaitSeconds: options.maxRetryWaitSeconds ?? MAX_RETRY_WAIT_SECONDS,
        waitsFor: 'with a query running',
      },
      callOf,
      (call, notice) => {
        const state = call !== undefined ? this.retries.get(call) : undefined;
        state?.notices.push(notice);
        state?.tell?.(describeRetry(notice));
      },
    );
    this.credential = new EndpointGatedCredential(options.credential, endpoint, options.approveEndpoint);
    this.newClient = () =>
      new LogsQueryClient(this.credential, {
        ...options.clientOptions,
        endpoint,
        credentials: { scopes: [scope] },
        retryOptions: retry,
        // Outermost first: the notice policy and the answer reader read the body the size policy has read.
        additionalPolicies: [
          { policy: noticePolicy, position: 'perRetry' },
          { policy: answerPolicy, position: 'perRetry' },
          { policy: sizePolicy, position: 'perRetry' },
          { policy: signalPolicy, position: 'perRetry' },
        ],
      });
    this.client = this.newClient();
  }

  /**
   * The metadata API's schema (or the fallback query's), with the same credential and pipeline options:
   * the endpoint-gated credential, so the metadata request never carries the token to an unconfirmed host.
   */
  async schema(
    signal?: AbortSignal,
    onProgress?: (message: string) => void,
    onRequestSent?: () => void,
  ): Promise<WorkspaceSchema> {
    const workspaceId = this.checkedWorkspaceId();
    const o = this.options;
    return fetchWorkspaceSchema(
      {
        workspaceId,
        credential: onRequestSent ? tellingWhenReady(this.credential, onRequestSent) : this.credential,
        cloud: o.cloud,
        endpoint: o.endpoint,
        retry: o.retry,
        maxRetryWaitSeconds: o.maxRetryWaitSeconds,
        onRetry: onProgress,
        clientOptions: o.clientOptions,
        signal,
        timeoutSeconds: o.schemaTimeoutSeconds,
      },
      (query, s) => this.run(query, { signal: s }),
    );
  }

  private checkedWorkspaceId(): string {
    const workspaceId = this.options.workspaceId.trim();
    if (!GUID.test(workspaceId)) {
      throw new BackendError(
        'config',
        workspaceId
          ? `The Log Analytics workspace id "${workspaceId}" is not a GUID (setting kql.logAnalytics.workspaceId).`
          : 'Set kql.logAnalytics.workspaceId to the workspace to query.',
      );
    }
    return workspaceId;
  }

  async run(query: string, options: RunOptions = {}): Promise<QueryResult> {
    const workspaceId = this.options.workspaceId.trim();
    if (!GUID.test(workspaceId)) {
      throw new BackendError(
        'config',
        workspaceId
          ? `The Log Analytics workspace id "${workspaceId}" is not a GUID (setting kql.logAnalytics.workspaceId).`
          : 'Set kql.logAnalytics.workspaceId to the workspace to query.',
      );
    }
    const timespan = toQueryTimeInterval(options.timeRange);
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) {
      throw new QueryCancelledError();
    }
    // The service stops the query at its limit and says so (serverTimeout.ts); the extension's timer
    // only ends a run whose answer never comes.
    const serverLimit = serverTimeLimitSeconds(this.options.serverTimeoutSeconds, options.timeoutMs);
    let timedOut = false;
    const timer = options.timeoutMs
      ? setTimeout(
          () => {
            timedOut = true;
            controller.abort();
          },
          Math.max(options.timeoutMs, backstopMs(serverLimit)),
        )
      : undefined;
    const call = String(this.nextCall++);
    this.signals.set(call, controller.signal);
    const retries = { notices: [] as RetryNotice[], tell: options.onProgress };
    this.retries.set(call, retries);
    const started = Date.now();
    try {
      // Before anything is sent: an endpoint that is not Azure Monitor's must be usable and confirmed.
      await this.credential.ensureAllowed();
      const result = await this.client.queryWorkspace(
        workspaceId,
        // The service takes no parameter values: the declarations go as lets of them (parameterLets.ts).
        withParameterLets(query, options.parameters ?? {}, options.parameterDeclarations, options.parameterLiterals),
        // The SDK insists on a timespan object; a missing duration leaves the query's own window.
        timespan ?? ({ duration: undefined } as unknown as QueryTimeInterval),
        {
          serverTimeoutInSeconds: serverLimit,
          includeVisualization: true,
          abortSignal: controller.signal,
          requestOptions: { headers: { [CALL_HEADER]: call } },
        },
      );
      const warnings: string[] = retries.notices.length ? [retriedWarning(retries.notices)] : [];
      let sdkTables;
      const partial = result.status === LogsQueryResultStatus.PartialFailure;
      if (partial) {
        sdkTables = result.partialTables;
        const said = serviceErrorMessages(serviceErrorIn(this.bodies.get(call)?.()) ?? result.partialError);
        warnings.push(
          `Partial results: ${said.length ? joinServiceMessages(said) : (result.partialError.code ?? 'the service reported an error')}`,
        );
      } else {
        sdkTables = result.tables;
      }
      const limit = options.rowLimit ?? DEFAULT_ROW_LIMIT;
      let truncated = false;
      const tables: ResultTable[] = resultTables(
        sdkTables,
        this.answers.get(call)?.rows,
        this.bodies.get(call)?.(),
      ).map((table, i) => {
        if (i === 0 && table.rows.length > limit) {
          truncated = true;
          warnings.push(
            `Showing the first ${limit.toLocaleString('en-US')} of ${table.rows.length.toLocaleString('en-US')} rows.`,
          );
          return { ...table, rows: table.rows.slice(0, limit) };
        }
        return table;
      });
      const render = renderInfoFrom(result.visualization);
      return {
        tables,
        ...(render ? { render } : {}),
        stats: {
          backend: 'logAnalytics',
          durationMs: Date.now() - started,
          rowCount: tables[0]?.rows.length ?? 0,
          truncated,
          ...(partial ? { partial } : {}),
        },
        warnings,
      };
    } catch (error) {
      if (timedOut) {
        throw new QueryTimeoutError(options.timeoutMs!);
      }
      const failure = toBackendError(error, controller.signal.aborted, this.notes.get(call), workspaceId);
      if (failure instanceof BackendError && failure.status === 401) {
        // The SDK's pipeline keeps a token until shortly before it expires, even one the service has
        // just refused (revoked, or replaced by a new sign-in): a new client asks the credential again.
        this.client = this.newClient();
      }
      // Placed in the text the caller gave (not the one sent, which may open with parameter lets).
      throw failure instanceof KqlError ? placeServiceError(query, failure) : failure;
    } finally {
      clearTimeout(timer);
      this.signals.delete(call);
      this.notes.delete(call);
      this.bodies.delete(call);
      this.answers.delete(call);
      this.retries.delete(call);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}
