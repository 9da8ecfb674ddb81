/**
 * Starts the KQL language server (dist/server.js, its own Node process over IPC) once a KQL document is
 * open, and keeps it fed with the active backend's live values for completion.
 */
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  NotificationType,
  RequestType,
  type ServerOptions,
  State,
} from 'vscode-languageclient/node';
import {
  LiveValuesNotification,
  type LiveValuesParams,
  type ParameterValueAsked,
  type ParameterValuesParams,
  ParameterValuesRequest,
  type ParameterValuesResult,
  type QueryParametersParams,
  QueryParametersRequest,
  type QueryParametersResult,
  SchemaNotification,
  type SchemaParams,
  SchemaPendingNotification,
  type SchemaPendingParams,
  type ServerInitializationOptions,
} from '../protocol/lsp';
import { CLIENT_TRACE_LOG, StartupTrace } from '../protocol/startupTrace';
import { schemaToMetadata } from '../schema/metadataJson';
import type { WorkspaceSchema } from '../schema/workspaceSchema';
import type { Ctx } from './ctx';
import { fetchLiveValues } from './liveValueQueries';
import { log } from './log';
import { NotebookCellOrderFeeder } from './notebook/cellOrderFeeder';
import { endServer, forkServer } from './serverProcess';
import type { StartupOrder } from './startupOrder';
import { libraryCodeCacheEnv } from './startupSnapshot/libraryCodeCache';
import { registerServerSnapshot, type ServerSnapshot, type ServerStart } from './startupSnapshot/serverSnapshot';

const liveValuesNotification = new NotificationType<LiveValuesParams>(LiveValuesNotification);
const schemaNotification = new NotificationType<SchemaParams>(SchemaNotification);
const schemaPendingNotification = new NotificationType<SchemaPendingParams>(SchemaPendingNotification);
const queryParametersRequest = new RequestType<QueryParametersParams, QueryParametersResult, void>(
  QueryParametersRequest,
);
const parameterValuesRequest = new RequestType<ParameterValuesParams, ParameterValuesResult, void>(
  ParameterValuesRequest,
);

/** How long after the server starts the first live values are fetched (see start()). */
const LIVE_VALUES_FIRST_FETCH_MS = 10_000;

let client: LanguageClient | undefined;
/** The server processes this window forked: the client does not own them, so stop() ends what is left. */
const serverProcesses = new Set<ChildProcess>();
/** The client's side of the start-up trace; logged once the first diagnostics have arrived. */
const trace = new StartupTrace();
let starting: Promise<void> | undefined;

function isKql(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'kql';
}

/**
 * Sends the backend's values to the server: at once on the local engine (cheap), and on Log Analytics
 * only when the user refreshes data (a few queries against their workspace, so never unasked).
 */
class LiveValueFeeder implements vscode.Disposable {
  private inFlight: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly lc: LanguageClient,
  ) {
    this.disposables.push(
      ctx.onDidRefreshData(() => void this.refresh(true)),
      ctx.backends.onDidChange(() => void this.refresh(false)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kql.completion.liveValues') || e.affectsConfiguration('kql.timeRange'))
          void this.refresh(false);
      }),
    );
  }

  async refresh(userAsked: boolean): Promise<void> {
    this.inFlight?.abort();
    if (!this.ctx.config.liveValues) {
      await this.send({ source: '', values: {} });
      return;
    }
    const backend = this.ctx.backends.active;
    if (backend.id !== 'local' && !userAsked) {
      // Values from another workspace would mislead; clear them until the user refreshes.
      await this.send({ source: '', values: {} });
      return;
    }
    const abort = new AbortController();
    this.inFlight = abort;
    try {
      const params = await fetchLiveValues(backend, {
        timeRange: this.ctx.backends.timeRange,
        signal: abort.signal,
        onError: (column, e) => log.warn(`Live values for ${column}: ${e instanceof Error ? e.message : String(e)}`),
      });
      if (!abort.signal.aborted) await this.send(params);
    } catch (e) {
      if (!abort.signal.aborted) log.warn(`Live values: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async send(params: LiveValuesParams): Promise<void> {
    if (this.lc.isRunning()) await this.lc.sendNotification(liveValuesNotification, params);
  }

  dispose(): void {
    this.inFlight?.abort();
    this.disposables.forEach((d) => d.dispose());
  }
}

const SERVER_NAME = 'Connection Analytics Language Server';

function createClient(
  ctx: Ctx,
  outputChannel: vscode.LogOutputChannel,
  fromSnapshot: ServerStart | undefined,
): LanguageClient {
  const module = ctx.extension.asAbsolutePath(path.join('dist', 'server.js'));
  // Called inside start() (and again by each restart): the process starts at once, see serverProcess.ts.
  const serverOptions: ServerOptions = async () => {
    const forked = forkServer({
      module,
      execArgv: fromSnapshot?.execArgv,
      // Without a snapshot, the library's V8 code cache (made by an earlier start) spares its compilation.
      env: fromSnapshot?.env ?? libraryCodeCacheEnv(ctx.extension, ctx.config, 'server'),
      output: (text) => outputChannel.append(text),
    });
    trace.mark('forked');
    serverProcesses.add(forked.child);
    forked.child.once('exit', () => serverProcesses.delete(forked.child));
    return forked.transports;
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kql' }],
    outputChannel,
    // Read when `initialize` is sent (and at each restart). The documents are opened right after it, before
    // the schema notification: a schema being read, or one read but not yet sent, holds unknown names from
    // the first check, so a folder's own table is never shown as unknown for a moment.
    initializationOptions: (): ServerInitializationOptions => ({
      schemaPending: ctx.schemas.loading || ctx.schemas.current.source.kind !== 'sample',
      schemaSource: ctx.schemas.loading ? ctx.schemas.loadingFrom : ctx.schemas.current.source.label,
      // A workspace's first read waiting on the sign-in: held without the bound counting (it counts from
      // the request, which the phase's change to 'request' tells the server).
      schemaPhase: ctx.schemas.loading ? ctx.schemas.loadingPhase : undefined,
    }),
    middleware: {
      // Marked as the client hands the open to the connection: the start-up trace then shows how long the
      // server's didOpen waited on the client (activation, the answer to `initialize`) and on the wire.
      didOpen: (document, next) => {
        trace.mark('didOpenSent');
        return next(document);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        if (!trace.has('firstDiagnosticsReceived')) {
          trace.mark('firstDiagnosticsReceived');
          log.info(trace.line(CLIENT_TRACE_LOG));
        }
        next(uri, diagnostics);
      },
    },
  };
  if (fromSnapshot) {
    // A server that dies before it has answered `initialize` is one Node would not start from the blob:
    // no restarts and no error message, start() fails and the caller starts the server normally. (The
    // client copies its options when constructed, so the handler reaches the client through `lc`.)
    let defaults: ErrorHandler | undefined;
    const fallback = () => (defaults ??= lc.createDefaultErrorHandler());
    clientOptions.errorHandler = {
      error: (error, message, count) => fallback().error(error, message, count),
      closed: () => (lc.initializeResult ? fallback().closed() : { action: CloseAction.DoNotRestart, handled: true }),
    };
    clientOptions.initializationFailedHandler = () => false;
  }
  const lc = new LanguageClient('kqlLanguageServer', SERVER_NAME, serverOptions, clientOptions);
  return lc;
}

/** Starts the client from the snapshot when there is a usable one, and normally when that fails. */
async function startClient(
  ctx: Ctx,
  outputChannel: vscode.LogOutputChannel,
  snapshot: ServerSnapshot,
  order: StartupOrder | undefined,
): Promise<LanguageClient> {
  const fromSnapshot = snapshot.forServer();
  // Only a server from its snapshot holds the engine back: one started normally loads its library after
  // `initialize`, for seconds, and holding the engine for it would only delay the first Run.
  if (!fromSnapshot) order?.serverStarted();
  if (fromSnapshot) {
    const lc = createClient(ctx, outputChannel, fromSnapshot);
    client = lc;
    let failure = 'the server process exited before it answered';
    try {
      trace.mark('spawnRequested');
      await lc.start();
      trace.mark('clientStarted');
    } catch (e) {
      failure = e instanceof Error ? e.message : String(e);
    } finally {
      order?.serverStarted();
    }
    // start() may also resolve without a server: when the connection closes during `initialize` and the
    // error handler says not to restart, the client forgets its start promise and returns nothing.
    if (lc.isRunning()) {
      log.info('Language server started from its start-up snapshot.');
      return lc;
    }
    if (lc.needsStop()) await lc.dispose().catch(() => undefined);
    snapshot.discard(fromSnapshot, failure);
  }
  const lc = createClient(ctx, outputChannel, undefined);
  client = lc;
  trace.mark('spawnRequested');
  await lc.start();
  trace.mark('clientStarted');
  // The next start is the faster one: the snapshot is built once this start is done with the CPU.
  snapshot.scheduleBuild();
  return lc;
}

async function start(ctx: Ctx, snapshot: ServerSnapshot, order: StartupOrder | undefined): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  ctx.subscriptions.push(outputChannel);
  const lc = await startClient(ctx, outputChannel, snapshot, order);
  const sendSchema = (schema: WorkspaceSchema): void => {
    if (!lc.isRunning()) return;
    lc.sendNotification(schemaNotification, { source: schema.source, metadata: schemaToMetadata(schema) }).catch(
      (e: unknown) => {
        log.warn(
          `Could not send the workspace schema to the language server: ${e instanceof Error ? e.message : String(e)}`,
        );
      },
    );
  };
  const sendPending = (pending: boolean): void => {
    if (!lc.isRunning()) return;
    lc.sendNotification(schemaPendingNotification, {
      pending,
      source: ctx.schemas.loadingFrom,
      phase: pending ? ctx.schemas.loadingPhase : undefined,
    }).catch(() => undefined);
  };
  ctx.subscriptions.push(ctx.schemas.onDidChange(sendSchema), ctx.schemas.onDidChangeLoading(sendPending));
  // The schema read so far, then whether a read is still going: `{ pending: false }` ends the hold
  // `initialize` began when the schema was already read; else the end of the read sends it.
  const sendState = () => {
    if (ctx.schemas.current.source.kind !== 'sample') sendSchema(ctx.schemas.current);
    sendPending(ctx.schemas.loading);
  };
  sendState();
  // A restarted server (after a crash) starts from the catalogue and, told a schema is pending, would
  // wait out its bound: it gets the schema again.
  ctx.subscriptions.push(
    lc.onDidChangeState((e) => {
      if (e.newState === State.Running) sendState();
    }),
  );
  const feeder = new LiveValueFeeder(ctx, lc);
  ctx.subscriptions.push(feeder, new NotebookCellOrderFeeder(lc));
  // The first fetch waits: on the local engine its queries read every table, and the engine runs one
  // query at a time, so fetched at once they would stand between the user's first Run and its answer.
  // Value completion (inside quotes) is seldom asked for in a session's first seconds.
  const firstFetch = setTimeout(() => void feeder.refresh(false), LIVE_VALUES_FIRST_FETCH_MS);
  ctx.subscriptions.push({ dispose: () => clearTimeout(firstFetch) });
}

/**
 * Registers the language client; the server process starts with the first KQL document. `activatedAt`:
 * when activate() began (Date.now()), for the start-up trace; `order` is told when the server has
 * started (or will not start now), which the local engine's eager start waits for.
 */
export function registerLanguageClient(
  ctx: Ctx,
  { activatedAt, order }: { activatedAt?: number; order?: StartupOrder } = {},
): void {
  if (activatedAt !== undefined) trace.mark('activate', activatedAt);
  const snapshot = registerServerSnapshot(ctx);
  const startOnce = () => {
    trace.mark('clientStart');
    starting ??= start(ctx, snapshot, order).catch((e) => {
      order?.serverStarted();
      log.error(`The KQL language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    });
    return starting;
  };
  if (vscode.workspace.textDocuments.some(isKql)) {
    void startOnce();
    return;
  }
  // No server now: the engine need not wait for one.
  order?.serverStarted();
  const listener = vscode.workspace.onDidOpenTextDocument((doc) => {
    if (isKql(doc)) {
      listener.dispose();
      void startOnce();
    }
  });
  ctx.subscriptions.push(listener);
}

/**
 * Asks the running server for the query parameter declarations of `text` (parameterDeclarationSource.ts
 * checks the answer); undefined when no server is running: disabled, crashed, or not started yet.
 */
export function askServerForParameters(text: string): Promise<unknown> | undefined {
  const lc = client;
  return lc?.isRunning() ? lc.sendRequest(queryParametersRequest, { text }) : undefined;
}

/**
 * Asks the running server to read typed parameter values as literals of their types
 * (parameterValueSource.ts checks the answer); undefined when no server is running.
 */
export function askServerForValues(values: readonly ParameterValueAsked[]): Promise<unknown> | undefined {
  const lc = client;
  return lc?.isRunning() ? lc.sendRequest(parameterValuesRequest, { values }) : undefined;
}

/** Stops the server process; for the extension's `deactivate`. */
export async function stopLanguageClient(): Promise<void> {
  const lc = client;
  client = undefined;
  starting = undefined;
  if (lc) await lc.stop().catch(() => undefined);
  await Promise.all([...serverProcesses].map((child) => endServer(child)));
}
