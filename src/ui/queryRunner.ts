/**
 * Runs KQL from the editor: the query block under the cursor (blocks are separated by blank lines, as
 * in Kusto.Explorer), the selection when there is one, or every block in the file. Results and errors
 * go to the document's results panel; query errors also become diagnostics at their place.
 */
import * as vscode from 'vscode';
import type { QueryBackend } from '../backends/queryBackend';
import { blockAt, splitQueryBlocks } from '../kql/blocks';
import type { KqlError } from '../kql/errors';
import type { BatchPosition } from '../protocol/messages';
import type { TextOrigin } from '../protocol/queryOrigin';
import { BackendError } from '../results/errors';
import type { QueryResult } from '../results/queryResult';
import { offerSignInOnAuthError, offerWorkspaceOnConfigError } from './backendCommands';
import { RunCodeLensProvider } from './codeLens';
import type { Ctx } from './ctx';
import { resultWarnings } from './limitNotices';
import { log } from './log';
import { progressTitle } from './progressTitle';
import { parameterValuesForRun, type RunParameters } from './queryParameterInput';
import { ResultsPanel } from './resultsPanel';
import { RunDiagnostics } from './runDiagnostics';
import { notifyLimit } from './limitNotification';
import { failureWords, queryFailureText, runFailureText } from './runFailure';
import { noteRunWarnings } from './runWarnings';
import { RunStatusBar } from './statusBar';
import { appliedTimeRangeText } from './timeRangeLabel';

/** Runs quicker than this finish without a progress notification flashing up. */
const PROGRESS_DELAY_MS = 300;

type RunOutcome = 'ok' | 'failed' | 'stopped';

interface QueryToRun {
  readonly document: vscode.TextDocument;
  readonly text: string;
  readonly origin: TextOrigin;
  /** The document lines the query came from (for clearing its diagnostics). */
  readonly lines: vscode.Range;
  /** A selection rather than a whole query block: the language server does not see it as run. */
  readonly isSelection?: boolean;
  /** Its place in "Run all": the panel then keeps every query's outcome. */
  readonly batch?: BatchPosition;
}

/** KqlErrors may cross a worker boundary as plain errors; their name and range still identify them. */
function asKqlError(e: unknown): KqlError | undefined {
  if (e instanceof Error && e.name === 'KqlError' && typeof (e as Partial<KqlError>).range === 'object') {
    return e as KqlError;
  }
  return undefined;
}

export class QueryRunner implements vscode.Disposable {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly ctx: Ctx,
    private readonly diagnostics: RunDiagnostics,
    private readonly statusBar: RunStatusBar,
  ) {}

  /**
   * `kql.runQuery`: from a CodeLens (uri + block line), or the active editor's selection or cursor.
   * `ignoreSelection` (the Shift+Enter binding inside a snippet session) runs the block at the cursor:
   * a selected snippet placeholder is not a selection the user made.
   */
  async runAtCursor(uri?: vscode.Uri, line?: number, ignoreSelection = false): Promise<void> {
    const editor = this.editorFor(uri);
    if (!editor) {
      void vscode.window.showInformationMessage('Open a .kql file and put the cursor in a query to run it.');
      return;
    }
    const doc = editor.document;
    if (line === undefined && !editor.selection.isEmpty && !ignoreSelection) {
      const sel = editor.selection;
      await this.run({
        document: doc,
        text: doc.getText(sel),
        origin: { line: sel.start.line, character: sel.start.character },
        lines: new vscode.Range(sel.start.line, 0, sel.end.line, 0),
        isSelection: true,
      });
      return;
    }
    const offset =
      line === undefined ? doc.offsetAt(editor.selection.active) : doc.offsetAt(new vscode.Position(line, 0));
    const block = blockAt(splitQueryBlocks(doc.getText()), offset);
    if (!block) {
      void vscode.window.showInformationMessage('There is no query at the cursor.');
      return;
    }
    await this.run({
      document: doc,
      text: block.text,
      origin: { line: block.startLine, character: 0 },
      lines: new vscode.Range(block.startLine, 0, block.endLine, 0),
    });
  }

  /**
   * `kql.runAllQueries`: every block in order. A query that fails does not stop the others (each
   * stands alone); a cancel, or a newer run of the document, stops the rest. The panel lists every
   * outcome and shows the last; a notification says which failed.
   */
  async runAll(uri?: vscode.Uri): Promise<void> {
    const editor = this.editorFor(uri);
    if (!editor) {
      return;
    }
    const doc = editor.document;
    const blocks = splitQueryBlocks(doc.getText()).filter((b) => b.text.trim() !== '');
    const failed: string[] = [];
    for (const [index, block] of blocks.entries()) {
      const outcome = await this.run({
        document: doc,
        text: block.text,
        origin: { line: block.startLine, character: 0 },
        lines: new vscode.Range(block.startLine, 0, block.endLine, 0),
        batch: { index, count: blocks.length },
      });
      if (outcome === 'stopped') {
        const left = blocks.length - index - 1;
        if (left > 0) {
          void vscode.window.showInformationMessage(
            `Run all stopped: query ${index + 1} of ${blocks.length} was cancelled, so ${left} more did not run.`,
          );
        }
        return;
      }
      if (outcome === 'failed') {
        failed.push(`${index + 1} (line ${block.startLine + 1})`);
      }
    }
    if (failed.length) {
      void vscode.window.showWarningMessage(
        `Run all: ${blocks.length - failed.length} of ${blocks.length} queries ran; ${failed.length === 1 ? 'query' : 'queries'} ${failed.join(', ')} failed. Pick one in the results panel's list to see why.`,
      );
    }
  }

  /** The panel's "Run again": the same text at the same place, if the document is still open. */
  async rerun(documentUri: vscode.Uri, text: string, startLine: number): Promise<void> {
    const document = await vscode.workspace.openTextDocument(documentUri);
    const lineCount = text.split(/\r?\n/).length;
    await this.run({
      document,
      text,
      origin: { line: startLine, character: 0 },
      lines: new vscode.Range(startLine, 0, startLine + lineCount - 1, 0),
    });
  }

  private editorFor(uri: vscode.Uri | undefined): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (!uri || active?.document.uri.toString() === uri.toString()) {
      return active?.document.languageId === 'kql' || uri ? active : undefined;
    }
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  }

  /** Runs one query and shows its outcome: a result, a failure, or stopped (cancelled or superseded). */
  private async run(q: QueryToRun): Promise<RunOutcome> {
    if (q.text.trim() === '') {
      return 'failed';
    }
    // Asked before anything shows as running: Escape in a parameter's box cancels the Run quietly.
    const parameters = await parameterValuesForRun(q.document.uri, q.text, this.ctx.backends.active.id);
    if (!parameters) {
      return 'stopped';
    }
    const key = q.document.uri.toString();
    // A new run of the same document replaces the one still going.
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);

    const panel = ResultsPanel.show(this.ctx, q.document.uri, (u, t, l) => void this.rerun(u, t, l));
    const origin = {
      documentUri: key,
      queryText: q.text,
      blockStartLine: q.origin.line,
      ...(q.batch ? { batch: q.batch } : {}),
    };
    this.diagnostics.clearBlock(q.document.uri, q.lines);
    panel.post({ type: 'running', ...origin });
    this.statusBar.showRunning();

    const backend = this.ctx.backends.active;
    // Loading files for the query reports what it has done; shown once the notification is up.
    let report: ((message: string) => void) | undefined;
    let lastMessage: string | undefined;
    const onProgress = (message: string) => {
      lastMessage = message;
      report?.(message);
    };
    // Read as the run starts: the header says what this run applied, even if the setting changes meanwhile.
    const timeRange = appliedTimeRangeText(this.ctx.config.timeRangeSetting, Date.now());
    const running = this.execute(backend, q.text, controller.signal, onProgress, parameters);
    const progressTimer = setTimeout(() => {
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: progressTitle('Running query', backend.label),
          cancellable: true,
        },
        (progress, token) => {
          report = (message) => progress.report({ message });
          if (lastMessage) {
            report(lastMessage);
          }
          token.onCancellationRequested(() => controller.abort());
          return running.catch(() => undefined);
        },
      );
    }, PROGRESS_DELAY_MS);

    try {
      const result = await running;
      if (this.running.get(key) !== controller) {
        return 'stopped';
      }
      for (const w of result.warnings) {
        log.warn(`Query warning: ${w}`);
      }
      if (result.stats.backend === 'local') noteRunWarnings(result.warnings);
      // The language server and the schema view learn the columns this run's load found.
      if (result.stats.tablesWidened?.length) void this.ctx.schemas.refresh();
      log.info(
        `Ran ${q.document.uri.fsPath}:${q.origin.line + 1} on ${backend.label}: ${result.stats.rowCount} rows in ${Math.round(result.stats.durationMs)} ms`,
      );
      panel.post({
        type: 'showResult',
        ...origin,
        result: { ...result, warnings: resultWarnings(result) },
        options: { maxChartPoints: this.ctx.config.maxChartPoints, timeRange },
      });
      this.statusBar.showRun(result.stats);
      return 'ok';
    } catch (e) {
      if (this.running.get(key) !== controller) {
        // Superseded by a newer run of this document: its outcome no longer matters.
        return 'stopped';
      }
      const kqlError = asKqlError(e);
      if (kqlError) {
        // The language server already underlines Kusto's own syntax and semantic errors (KSnnn) in a
        // whole block; a second, identical entry in Problems would only be noise.
        const shownByLanguageServer = !q.isSelection && /^KS\d+$/.test(kqlError.code);
        const range = this.diagnostics.report(q.document.uri, q.lines, q.origin, kqlError, !shownByLanguageServer);
        log.info(`Query error at ${range.start.line + 1}:${range.start.character + 1}: ${kqlError.message}`);
        const failure = queryFailureText(kqlError, backend.id);
        panel.post({
          type: 'showError',
          ...origin,
          ...failure,
          line: range.start.line + 1,
          column: range.start.character + 1,
        });
        notifyLimit(failure);
        this.statusBar.showFailure('query');
        return 'failed';
      }
      const failure = runFailureText(e, backend.id, controller.signal.aborted);
      const { kind } = failure;
      this.statusBar.showFailure(kind);
      const message = e instanceof Error ? e.message : String(e);
      if (kind === 'cancelled') {
        log.info(failureWords(failure));
      } else if (e instanceof BackendError) {
        log.error(`Backend error (${e.kind}${e.status ? `, HTTP ${e.status}` : ''}): ${message}`);
        // An expired or missing sign-in: offer to sign in again rather than leave a dead end.
        void offerSignInOnAuthError(this.ctx, e);
        // Log Analytics without a workspace id: offer to set it.
        void offerWorkspaceOnConfigError(this.ctx, e);
      } else {
        log.error(`Query failed: ${e instanceof Error ? (e.stack ?? message) : message}`);
      }
      panel.post({ type: 'showError', ...origin, ...failure });
      notifyLimit(failure);
      return kind === 'cancelled' ? 'stopped' : 'failed';
    } finally {
      clearTimeout(progressTimer);
      if (this.running.get(key) === controller) {
        this.running.delete(key);
      }
    }
  }

  private execute(
    backend: QueryBackend,
    text: string,
    signal: AbortSignal,
    onProgress?: (message: string) => void,
    parameters?: RunParameters,
  ): Promise<QueryResult> {
    const config = this.ctx.config;
    return backend.run(text, {
      timeRange: this.ctx.backends.timeRange,
      signal,
      onProgress,
      parameters: parameters?.values,
      parameterDeclarations: parameters?.declarations,
      parameterLiterals: parameters?.literals,
      rowLimit: config.rowLimit,
      timeoutMs: backend.id === 'local' ? config.localTimeoutMs : config.serverTimeoutSeconds * 1000,
    });
  }

  dispose(): void {
    this.running.forEach((c) => c.abort());
    this.running.clear();
  }
}

/**
 * Registers `kql.runQuery`, `kql.runAllQueries`, the Run CodeLens, the backend/last-run status bar
 * item and the results panel serializer (so panels come back after a reload).
 */
export function registerQueryRunner(ctx: Ctx): void {
  const diagnostics = new RunDiagnostics();
  const statusBar = new RunStatusBar(ctx);
  const runner = new QueryRunner(ctx, diagnostics, statusBar);
  const rerun = (u: vscode.Uri, t: string, l: number): void => void runner.rerun(u, t, l);
  ctx.subscriptions.push(
    diagnostics,
    statusBar,
    runner,
    vscode.commands.registerCommand('kql.runQuery', (uri?: unknown, line?: unknown) =>
      runner.runAtCursor(
        uri instanceof vscode.Uri ? uri : undefined,
        typeof line === 'number' ? line : undefined,
        (uri as { ignoreSelection?: unknown } | undefined)?.ignoreSelection === true,
      ),
    ),
    vscode.commands.registerCommand('kql.runAllQueries', (uri?: unknown) =>
      runner.runAll(uri instanceof vscode.Uri ? uri : undefined),
    ),
    // Files only: a notebook cell has the notebook's own Run.
    vscode.languages.registerCodeLensProvider(
      [
        { language: 'kql', scheme: 'file' },
        { language: 'kql', scheme: 'untitled' },
      ],
      new RunCodeLensProvider(),
    ),
    vscode.window.registerWebviewPanelSerializer(ResultsPanel.viewType, {
      deserializeWebviewPanel: async (panel, state) => ResultsPanel.revive(ctx, panel, state, rerun),
    }),
  );
}
