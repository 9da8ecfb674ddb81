/**
 * Drives the language server over the real LSP protocol from plain Node: spawns
 * `node --import tsx src/server/main.ts --stdio` and talks JSON-RPC over its stdio.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  type CompletionItem,
  type CompletionList,
  CompletionRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type LogMessageParams,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { EARLY_DIAGNOSTICS_LOG } from '../../src/protocol/lsp';

const ROOT = path.resolve(__dirname, '../..');

export interface ServerHarness {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** Every window/logMessage the server sent. */
  readonly logs: string[];
  /** The partial lists a document's first check published before it was done, in order. */
  readonly earlyDiagnostics: { uri: string; diagnostics: Diagnostic[] }[];
  /** Date.now() when the answer to `initialize` reached this client. */
  readonly initializeAnsweredAt: number;
  /** Every list the server published, early or complete, in order. */
  readonly published: { uri: string; diagnostics: Diagnostic[] }[];
  open(uri: string, text: string): Promise<Diagnostic[]>;
  change(uri: string, text: string): void;
  /** Closes the document, as an editor does for a closed tab and for a renamed file's old name. */
  close(uri: string): void;
  /** Inserts `text` at a position, as an incremental change (what an editor sends per keystroke). */
  insert(uri: string, position: { line: number; character: number }, text: string): void;
  /** Resolves with the next diagnostics published for `uri` (after `open`/`change`). */
  nextDiagnostics(uri: string, timeoutMs?: number): Promise<Diagnostic[]>;
  complete(uri: string, text: string, marker?: string): Promise<CompletionItem[]>;
  stop(): Promise<void>;
}

/** Line/character of the first occurrence of `marker` (or of the end). */
export function positionOf(text: string, marker?: string): { line: number; character: number } {
  const offset = marker === undefined ? text.length : text.indexOf(marker);
  if (offset < 0) throw new Error(`marker ${marker} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/**
 * Starts the server from source under tsx, or, given `bundle`, the built dist/server.js as the extension
 * runs it; `env` is added to its environment. `initialized: false` leaves out the `initialized`
 * notification (a client slow to send it: the start-up order's tests).
 */
export async function startServer(
  options: {
    bundle?: string;
    initializationOptions?: unknown;
    env?: Record<string, string>;
    initialized?: boolean;
  } = {},
): Promise<ServerHarness> {
  const args = options.bundle
    ? [options.bundle, '--stdio']
    : ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts'), '--stdio'];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', () => undefined);
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const logs: string[] = [];
  const earlyDiagnostics: { uri: string; diagnostics: Diagnostic[] }[] = [];
  const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  const versions = new Map<string, number>();
  const waiters = new Map<string, ((d: Diagnostic[]) => void)[]>();
  /** Documents whose next publication is an early, partial one (see EARLY_DIAGNOSTICS_LOG). */
  const partial = new Set<string>();
  connection.onNotification('window/logMessage', (p: LogMessageParams) => {
    logs.push(p.message);
    if (p.message.startsWith(`${EARLY_DIAGNOSTICS_LOG} `)) partial.add(p.message.split(' ')[3]!);
  });
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push({ uri: p.uri, diagnostics: p.diagnostics });
    // Tests wait for a document's complete diagnostics; `earlyDiagnostics` keeps the partial ones.
    if (partial.delete(p.uri)) {
      earlyDiagnostics.push({ uri: p.uri, diagnostics: p.diagnostics });
      return;
    }
    // A closed document's publications all reach its waiters: one after its clearing is a bug to see.
    if (p.version !== undefined && versions.has(p.uri) && p.version !== versions.get(p.uri)) return;
    const list = waiters.get(p.uri) ?? [];
    waiters.delete(p.uri);
    for (const w of list) w(p.diagnostics);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    initializationOptions: options.initializationOptions,
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true }, completionList: { itemDefaults: ['editRange'] } },
      },
    },
  });
  const initializeAnsweredAt = Date.now();
  if (options.initialized !== false) await connection.sendNotification(InitializedNotification.type, {});

  const nextDiagnostics = (uri: string, timeoutMs = 60_000) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      waiters.set(uri, [
        ...(waiters.get(uri) ?? []),
        (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      ]);
    });

  const harness: ServerHarness = {
    connection,
    child,
    logs,
    initializeAnsweredAt,
    earlyDiagnostics,
    published,
    nextDiagnostics,
    open(uri, text) {
      versions.set(uri, 1);
      const next = nextDiagnostics(uri);
      void connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'kql', version: 1, text },
      });
      return next;
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    close(uri) {
      versions.delete(uri);
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    insert(uri, position, text) {
      const version = (versions.get(uri) ?? 1) + 1;
      versions.set(uri, version);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: position, end: position }, text }],
      });
    },
    async complete(uri, text, marker) {
      if (!versions.has(uri)) await harness.open(uri, text.replace(marker ?? '\u0000', ''));
      else harness.change(uri, text.replace(marker ?? '\u0000', ''));
      const result = await connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: positionOf(text, marker),
      });
      return Array.isArray(result) ? result : ((result as CompletionList | null)?.items ?? []);
    },
    async stop() {
      await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      connection.dispose();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            child.kill();
            resolve();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
  };
  return harness;
}

/** The first line of the server's log that matches, polled until it comes (or a clear error naming the logs). */
export async function waitForLog(server: ServerHarness, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = server.logs.find((l) => pattern.test(l));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no log matching ${pattern}; logs: ${server.logs.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
