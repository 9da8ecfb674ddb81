/**
 * The KQL language server: its own Node process, started by the extension's language client (IPC) or by
 * tests and the benchmark (`--stdio`). Kusto.Language is loaded once `initialize` is answered (or by the
 * first request that needs it, if one comes first), while the client's next messages are on their way.
 */
// First: its module records when Node began evaluating the bundle (start-up trace).

import {
  createConnection,
  type Diagnostic,
  type InitializeResult,
  LSPErrorCodes,
  NotificationType,
  ProposedFeatures,
  ResponseError,
  type TextDocumentPositionParams,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  activeSchema,
  deferQueryGrammar,
  kusto,
  libraryCodeCacheState,
  saveLibraryCodeCache,
  setActiveSchema,
} from '../kql';
import {
  EARLY_DIAGNOSTICS_LOG,
  LiveValuesNotification,
  type LiveValuesParams,
  NotebookCellsNotification,
  type NotebookCellsParams,
  ParameterValuesRequest,
  QueryParametersRequest,
  SchemaNotification,
  type SchemaParams,
  SchemaPendingNotification,
  type SchemaPendingParams,
  type ServerInitializationOptions,
} from '../protocol/lsp';
import { SERVER_TRACE_LOG } from '../protocol/startupTrace';
import { schemaFromMetadata } from '../schema/metadataJson';
import { schemaFingerprint } from '../schema/workspaceSchema';
import { analysisCapacityFrom, BlockAnalyzer } from './blockAnalysis';
import { COMPLETION_TRIGGER_CHARACTERS, CompletionProvider } from './completion';
import { installCompletionMemo } from './completionMemo';
import { declarationAt } from './definition';
import {
  DIAGNOSTICS_DELAY_MS,
  DiagnosticsScheduler,
  documentDiagnostics,
  EARLY_PUBLISH_MS,
  type EarlyPublisher,
  FIRST_EARLY_PUBLISH_MS,
  isChecked,
} from './diagnostics';
import { blockContaining, blockForCompletion, blocksOf, forgetDocument } from './documentBlocks';
import { formatDocument } from './formatting';
import { hoverMarkdown, signatureHelp, toHover } from './hover';
import { LiveValueStore } from './liveValues';
import { cellCompletion, cellDiagnostics, fromScopedRange, NotebookScope, toScoped } from './notebookScope';
import { holdOptimizer, releaseOptimizer, withStartFlags } from './optimizerHold';
import { documentSymbols, foldingRanges } from './outline';
import { parameterValuesResponse } from './parameterValues';
import { queryParametersResponse } from './queryParameters';
import { resolveCompletion } from './resolve';
import { SchemaWait, SIGN_IN_WAIT_MS, schemaPhaseFrom, schemaWaitFrom } from './schemaWait';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens, type TokensOptions } from './semanticTokens';
import { mainThreadCpuMs, serverTrace } from './startupTrace';
import { warmUp } from './warmUp';

// Until the first diagnostics (see optimizerHold.ts): what runs before them runs once.
const optimizerHeld = holdOptimizer();

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = (message: string) => connection.console.log(message);
const gaveUp = (message: string) => connection.console.warn(message);

const liveValues = new LiveValueStore();
// KQL_ANALYSIS_CAPACITY: a test seam (see analysisCapacityFrom).
const newAnalyzer = () => new BlockAnalyzer(gaveUp, undefined, analysisCapacityFrom(process.env.KQL_ANALYSIS_CAPACITY));

// Both cache analyses bound against one schema; a new schema replaces them (see onSchema below).
let analyzer = newAnalyzer();
let completion = new CompletionProvider(analyzer, liveValues, gaveUp);
const notebooks = new NotebookScope();
/** A notebook cell as it runs (the definitions of the cells above it, then its text); undefined for a file. */
const cellView = (doc: TextDocument) => notebooks.view(doc, (uri) => documents.get(uri));

let libraryReady = false;
let firstDiagnosticsSent = false;
/**
 * Loads Kusto.Language on first need (about a second, once), then warms its code paths in the
 * background, after the check of the document that caused the load has been published.
 */
function ensureLibrary(): void {
  if (libraryReady) return;
  libraryReady = true;
  const started = performance.now();
  serverTrace.mark('libraryLoadStart');
  kusto();
  // The combinator grammar is for completion only, and most of a fresh library's first analysis: the
  // warm-up builds it after the first document's diagnostics (already deferred in the start-up snapshot).
  deferQueryGrammar();
  serverTrace.mark('libraryLoaded');
  const memo = installCompletionMemo();
  // Set by src/server/snapshot.ts when this process started from the startup snapshot.
  const fromSnapshot = (globalThis as { __kqlFromSnapshot?: boolean }).__kqlFromSnapshot === true;
  const codeCache = libraryCodeCacheState();
  log(
    `Kusto.Language loaded in ${Math.round(performance.now() - started)} ms${fromSnapshot ? ' (initialised in the start-up snapshot)' : ''}${optimizerHeld ? " (V8's optimizing compiler held)" : ''}${codeCache ? ` (code cache: ${codeCache})` : ''}${memo ? '' : ' (completion memo unavailable: this library version differs)'}.`,
  );
  // The warm-up comes after the first document's check, not between its blocks: measured standalone, it
  // ran first and put some 1.3 s of CPU before the first diagnostics. With no document open it waits
  // a little longer, then runs anyway (a notebook or a view started the server).
  warmUpTimer = setTimeout(() => {
    // Also when the open documents are none the server checks (a diff view's `git:` copy): nothing
    // else would give the optimizer back.
    giveOptimizerBack();
    if (documents.all().length === 0) startWarmUp();
  }, WARM_UP_FALLBACK_MS);
}

/** When no document's check comes first, the warm-up starts this long after the library loaded. */
const WARM_UP_FALLBACK_MS = 3_000;
let warmUpTimer: NodeJS.Timeout | undefined;
let warmUpStarted = false;

function startWarmUp(): void {
  clearTimeout(warmUpTimer);
  giveOptimizerBack();
  if (warmUpStarted) return;
  warmUpStarted = true;
  warmUp(analyzer, completion).then(
    (t) => {
      log(
        `Kusto.Language warmed up in ${Math.round(t.spentMs)} ms${t.grammarMs ? ` (its completion grammar built in ${Math.round(t.grammarMs)} ms)` : ''}.`,
      );
      setImmediate(saveCodeCache);
    },
    (e) => gaveUp(`Warm-up failed: ${e instanceof Error ? e.message : String(e)}`),
  );
}

/**
 * After the warm-up, V8's cache of the library holds what the first document's check and the warm-up
 * compiled: the next start without a snapshot reads it instead of compiling again.
 */
function saveCodeCache(): void {
  try {
    const started = performance.now();
    // Under the flags it will be read with (the next start holds the optimizer again).
    const bytes = withStartFlags(saveLibraryCodeCache);
    if (bytes > 0)
      log(
        `Kusto.Language's code cache written (${(bytes / 1048576).toFixed(1)} MB, ${Math.round(performance.now() - started)} ms).`,
      );
  } catch (e) {
    gaveUp(`Kusto.Language's code cache could not be written: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * TurboFan back on (idempotent): at the first diagnostics, or at whatever comes first instead (a check
 * that failed, the warm-up's fallback timer of a server given no document it checks).
 */
function giveOptimizerBack(): void {
  const heldMs = releaseOptimizer();
  if (heldMs !== undefined)
    log(`V8's optimizing compiler back on after ${Math.round(heldMs)} ms (held until the first diagnostics).`);
}

/** Milliseconds since the process started (performance.now()'s origin) and of its CPU. */
function clocks(): string {
  // CPU time beside the wall clock: on a machine shared with other work, the wall clock measures the load.
  const cpu = process.cpuUsage();
  return `${Math.round(performance.now())} ms after the server process started (${Math.round((cpu.user + cpu.system) / 1000)} ms of CPU)`;
}

/**
 * The start-up figures the e2e benchmark reads: the first diagnostics published (maybe those of the first
 * document's first queries only) and the first document's complete diagnostics.
 */
function logFirstDiagnostics(checked: number, total: number): void {
  if (!firstDiagnosticsSent) {
    firstDiagnosticsSent = true;
    serverTrace.mark('firstDiagnosticsSent');
    const main = mainThreadCpuMs();
    log(
      `First diagnostics sent ${clocks()}, ${checked} of ${total} queries checked${main === undefined ? '' : `; its main thread ${main} ms of CPU`}.`,
    );
    giveOptimizerBack();
  }
  if (checked === total && !firstCompleteSent) {
    firstCompleteSent = true;
    serverTrace.mark('completeDiagnosticsSent');
    log(`First complete diagnostics sent ${clocks()}.`);
    log(serverTrace.line(SERVER_TRACE_LOG));
  }
}
let firstCompleteSent = false;

/**
 * Documents whose diagnostics have been published: only a first check publishes early (nothing to flicker).
 * Kept per opened document, not per URI: a document closed and opened again (a tab reopened, a file
 * renamed back) is new, and its first check publishes early again.
 */
const published = new WeakSet<TextDocument>();

/**
 * After a document's check (published, superseded or failed) or its first early publication: the
 * warm-up's turn, if it has not run.
 */
function afterCheck(): void {
  giveOptimizerBack();
  if (libraryReady && !warmUpStarted) {
    clearTimeout(warmUpTimer);
    warmUpTimer = setTimeout(startWarmUp, DIAGNOSTICS_DELAY_MS);
  }
}

/** Every handler goes through here: a failure is logged and answered with `fallback`, never a crash. */
function guarded<A extends unknown[], R>(feature: string, fallback: R, handler: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      ensureLibrary();
      return handler(...args);
    } catch (e) {
      gaveUp(`${feature} failed: ${e instanceof Error ? e.message : String(e)}`);
      return fallback;
    }
  };
}

/** `guarded` for handlers that work in slices (tokens, formatting): a cancelled request gets LSP's cancel error. */
function guardedAsync<A extends unknown[], R>(
  feature: string,
  fallback: R,
  handler: (...args: A) => Promise<R | undefined>,
) {
  return async (...args: A): Promise<R | ResponseError<void>> => {
    try {
      ensureLibrary();
      const result = await handler(...args);
      return result === undefined ? new ResponseError(LSPErrorCodes.RequestCancelled, `${feature} cancelled`) : result;
    } catch (e) {
      gaveUp(`${feature} failed: ${e instanceof Error ? e.message : String(e)}`);
      return fallback;
    }
  };
}

/**
 * The last list each document was sent, before the hold's filter (per opened document, as `published`):
 * a hold that begins sends it again without its unknown names, with no new check.
 */
const lastSent = new WeakMap<TextDocument, { version: number; list: Diagnostic[] }>();

/** Unknown names wait for a schema the client says is on its way; then every document is checked again. */
const schemaWait = new SchemaWait(
  {
    onBegin: () => {
      for (const doc of documents.all()) {
        const last = lastSent.get(doc);
        // An edited document's own check is on its way, and publishes through the hold.
        if (!last || last.version !== doc.version) continue;
        void connection.sendDiagnostics({
          uri: doc.uri,
          version: doc.version,
          diagnostics: schemaWait.filter(last.list),
        });
      }
    },
    onSettled: () => {
      for (const doc of documents.all()) diagnostics.schedule(doc.uri, 0);
    },
    log,
  },
  // KQL_SCHEMA_WAIT_MS, KQL_SIGN_IN_WAIT_MS: test seams (the bounds' tests need not wait 8 s or 5 min).
  schemaWaitFrom(process.env.KQL_SCHEMA_WAIT_MS),
  schemaWaitFrom(process.env.KQL_SIGN_IN_WAIT_MS, SIGN_IN_WAIT_MS),
);

const diagnostics = new DiagnosticsScheduler(async (uri) => {
  const doc = documents.get(uri);
  if (!doc || !isChecked(uri)) return;
  serverTrace.mark('firstCheckStart');
  try {
    ensureLibrary();
    const view = cellView(doc);
    // The document this check began with, as edited since: one closed and opened again under the same
    // URI starts again at version 1, and its check must not take this one's results for its own.
    const current = () => {
      const now = documents.get(uri);
      if (now !== doc) return undefined;
      return view ? cellView(now)?.doc : now;
    };
    const send = async (list: readonly Diagnostic[], checked: number, total: number) => {
      const shown = view ? cellDiagnostics(view, list) : [...list];
      lastSent.set(doc, { version: doc.version, list: shown });
      await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: schemaWait.filter(shown) });
      published.add(doc);
      logFirstDiagnostics(checked, total);
    };
    const early: EarlyPublisher | undefined = published.has(doc)
      ? undefined
      : {
          firstAfterMs: FIRST_EARLY_PUBLISH_MS,
          everyMs: EARLY_PUBLISH_MS,
          publish: async (list, checked, total) => {
            // Announced first, on the same ordered connection: a client can tell this list is partial.
            log(`${EARLY_DIAGNOSTICS_LOG} ${uri} v${doc.version}: ${checked} of ${total} queries checked.`);
            const first = !firstDiagnosticsSent;
            await send(list, checked, total);
            // The first squiggles are out: the warm-up (which builds completion's grammar) need not wait
            // for the rest of a file of thousands of queries, minutes of checking on a loaded machine,
            // during which the first completion paid the grammar's build (10.8 s in one run).
            if (first) afterCheck();
          },
        };
    const list = await documentDiagnostics(view?.doc ?? doc, analyzer, current, early);
    if (list) {
      const total = blocksOf(view?.doc ?? doc).length;
      await send(list, total, total);
    }
  } catch (e) {
    gaveUp(`Checking ${uri} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  afterCheck();
});

/** Loads the library (once) on the event loop's turn after the next, when nothing asked for it first. */
function loadLibrarySoon(): void {
  // Two turns: the stdio writer sends a reply from a queue of its own one turn later (IPC at once), and
  // the answer to `initialize` must be on its way before the library's second of synchronous loading.
  setImmediate(() => setImmediate(guarded('Loading Kusto.Language', undefined, () => undefined)));
}

connection.onInitialize((params): InitializeResult => {
  serverTrace.mark('initializeReceived');
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  if (options.schemaPending === true)
    schemaWait.begin(String(options.schemaSource ?? "the client's"), schemaPhaseFrom(options.schemaPhase));
  // The library loads as soon as `initialize` is answered, not at `initialized`: while it loads, the
  // client reads the answer and sends `initialized` and the first didOpen, a round trip through an
  // extension host busy activating (see docs/startup.md). The messages wait in the pipe meanwhile.
  loadLibrarySoon();
  serverTrace.mark('initializeAnswered');
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [...COMPLETION_TRIGGER_CHARACTERS], resolveProvider: true },
      hoverProvider: true,
      definitionProvider: true,
      signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [')'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
    },
    serverInfo: { name: 'Connection Analytics KQL language server' },
  };
});

// The library started loading when `initialize` was answered (above), not with the first document: a
// server started for a notebook or a view has it ready by the first query.
connection.onInitialized(() => {
  serverTrace.mark('initializedReceived');
});

// The first check of a newly opened document runs at once (and loads the library if needed).
documents.onDidOpen((e) => {
  serverTrace.mark('didOpenReceived');
  diagnostics.schedule(e.document.uri, 0, e.document.version);
});
documents.onDidChangeContent((e) => {
  diagnostics.schedule(e.document.uri, undefined, e.document.version);
  // The cells below a notebook cell see its definitions.
  notebooks.cellsAfter(e.document.uri).forEach((uri) => diagnostics.schedule(uri));
});
documents.onDidClose((e) => {
  diagnostics.cancel(e.document.uri);
  forgetDocument(e.document.uri);
  forgetDocument(`kql-scoped:${e.document.uri}`);
  notebooks.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(
  guarded('Completion', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    const view = doc && cellView(doc);
    if (view)
      return cellCompletion(view, completion.complete(view.doc, view.doc.offsetAt(toScoped(view, params.position))));
    return doc ? completion.complete(doc, doc.offsetAt(params.position)) : null;
  }),
);
connection.onCompletionResolve(guarded('Completion details', undefined as never, resolveCompletion));

/**
 * The document a position request reads and the offset in it: a notebook cell's position is read in its
 * scoped view (the cells above it, then the cell), any other document's as it is.
 */
function positionIn(params: TextDocumentPositionParams) {
  const cell = documents.get(params.textDocument.uri);
  if (!cell) return undefined;
  const view = cellView(cell);
  const doc = view?.doc ?? cell;
  return { view, doc, offset: doc.offsetAt(view ? toScoped(view, params.position) : params.position) };
}

connection.onHover(
  guarded('Hover', null, (params) => {
    const at = positionIn(params);
    const block = at && blockContaining(at.doc, at.offset);
    return at && block ? toHover(hoverMarkdown(analyzer.get(block.text), at.offset - block.start)) : null;
  }),
);

connection.onDefinition(
  guarded('Go to definition', null, (params) => {
    const at = positionIn(params);
    if (!at) return null;
    const { view, doc, offset } = at;
    const block = blockContaining(doc, offset);
    const declared = block && declarationAt(analyzer.get(block.text), offset - block.start);
    if (!block || !declared) return null;
    const range = {
      start: doc.positionAt(block.start + declared.start),
      end: doc.positionAt(block.start + declared.end),
    };
    // In a notebook cell, a declaration in a cell above is not one of this cell's positions.
    const placed = view ? fromScopedRange(view, range) : range;
    return placed ? { uri: params.textDocument.uri, range: placed } : null;
  }),
);

connection.onSignatureHelp(
  guarded('Signature help', null, (params) => {
    const at = positionIn(params);
    if (!at) return null;
    const block = blockForCompletion(at.doc, at.offset);
    return signatureHelp(analyzer.get(block.text), at.offset - block.start);
  }),
);

connection.onDocumentSymbol(
  guarded('Document symbols', [], (params) => {
    serverTrace.mark('symbolsAsked');
    const doc = documents.get(params.textDocument.uri);
    return doc ? documentSymbols(doc) : [];
  }),
);
connection.onFoldingRanges(
  guarded('Folding', [], (params) => {
    serverTrace.mark('foldingAsked');
    const doc = documents.get(params.textDocument.uri);
    return doc ? foldingRanges(doc) : [];
  }),
);
connection.onDocumentFormatting(
  guardedAsync('Formatting', [], async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? formatDocument(doc, analyzer, params.options, { token, log: gaveUp }) : [];
  }),
);

async function tokensFor(uri: string, options: TokensOptions) {
  // Asked beside the first check (the editor colours what it shows): the start-up trace shows the overlap.
  serverTrace.mark('tokensAsked');
  const doc = documents.get(uri);
  if (!doc) return { data: [] };
  const outcome = await semanticTokens(doc, analyzer, { ...options, onGiveUp: gaveUp });
  serverTrace.mark('tokensAnswered');
  if (outcome.kind === 'cancelled') return undefined;
  if (outcome.skipped > 0) {
    gaveUp(
      `Semantic tokens: ${outcome.skipped} of ${outcome.blocks + outcome.skipped} queries past the time budget keep the grammar's colours.`,
    );
  }
  return outcome.tokens;
}
connection.languages.semanticTokens.on(
  guardedAsync('Semantic tokens', { data: [] }, (params, token) => tokensFor(params.textDocument.uri, { token })),
);
connection.languages.semanticTokens.onRange(
  guardedAsync('Semantic tokens', { data: [] }, (params, token) =>
    tokensFor(params.textDocument.uri, { token, range: params.range }),
  ),
);

connection.onNotification(new NotificationType<LiveValuesParams>(LiveValuesNotification), (params) => {
  try {
    liveValues.set(params);
    log(`Live values: ${liveValues.size} from ${liveValues.source || 'the client'}.`);
  } catch (e) {
    gaveUp(`Ignoring malformed live values: ${e instanceof Error ? e.message : String(e)}`);
  }
});

connection.onNotification(new NotificationType<SchemaParams>(SchemaNotification), (params) => {
  try {
    const schema = schemaFromMetadata(params.metadata, params.source);
    if (schemaFingerprint(schema) === schemaFingerprint(activeSchema())) {
      log(`Schema from ${schema.source.label}: unchanged.`);
      return;
    }
    setActiveSchema(schema);
    analyzer = newAnalyzer();
    completion = new CompletionProvider(analyzer, liveValues, gaveUp);
    log(`Schema from ${schema.source.label}: ${schema.tables.length} tables, ${schema.functions.length} functions.`);
    // A wait for a pending schema ends when the client says it is done (`kql/schemaPending`), not here:
    // a Log Analytics workspace's cached schema comes first, and its fresh tables after.
    for (const doc of documents.all()) diagnostics.schedule(doc.uri, 0);
  } catch (e) {
    gaveUp(`Ignoring a malformed schema (the previous one stays): ${e instanceof Error ? e.message : String(e)}`);
  }
});

connection.onNotification(new NotificationType<SchemaPendingParams>(SchemaPendingNotification), (params) => {
  if (params?.pending === true)
    schemaWait.begin(String(params.source ?? "the client's"), schemaPhaseFrom(params.phase));
  else schemaWait.end('the client has loaded it');
});

connection.onNotification(new NotificationType<NotebookCellsParams>(NotebookCellsNotification), (params) => {
  try {
    notebooks.setCells(params).forEach((uri) => diagnostics.schedule(uri));
  } catch (e) {
    gaveUp(`Ignoring malformed notebook cells: ${e instanceof Error ? e.message : String(e)}`);
  }
});

// The extension host asks here rather than load Kusto.Language itself for a parameterised Run.
connection.onRequest(QueryParametersRequest, (params: unknown) => queryParametersResponse(params));
// And to read a typed parameter value the user types, as a literal of its type (the prompt's check).
connection.onRequest(ParameterValuesRequest, (params: unknown) => parameterValuesResponse(params));

process.on('uncaughtException', (e) => gaveUp(`Unexpected error (server keeps running): ${e.stack ?? e.message}`));

documents.listen(connection);
connection.listen();
serverTrace.mark('listening');
