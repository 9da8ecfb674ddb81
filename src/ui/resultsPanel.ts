/**
 * One results panel per query document, opened beside the editor and reused for every run of that
 * document. The webview loads only `dist/webview`, under a nonce CSP, and every message it sends is
 * validated before use.
 *
 * `retainContextWhenHidden` is off: the host keeps the last message it sent (after "Run all", every
 * query's outcome) and replays it when the webview announces `ready`, so a hidden-then-shown panel
 * repaints from that (grid first paint for 100k rows is measured by `bench/webview.ts`) instead of
 * holding a hidden renderer's memory.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HostMessage, ResultsPanelState, ShowResultMessage, WebviewMessage } from '../protocol/messages';
import { validatePanelState, validateWebviewMessage } from '../protocol/validate';
import { webviewPayload } from '../protocol/webviewPayload';
import { copiedNote } from '../render/copyText';
import { exportedTable } from '../render/exportData';
import { exportFileName } from '../render/exportName';
import type { QueryResult } from '../results/queryResult';
import { makeNonce, resultsPanelHtml } from '../webviewHtml/resultsPanelHtml';
import type { Ctx } from './ctx';
import { askExportTarget, saveBytes, saveTable } from './exportSave';
import { log } from './log';
import { isLimitSetting } from './limitNotices';
import { openLimitSetting } from './limitNotification';

/** A result to show, as the runner has it (rows); the panel sends it to the webview as columns. */
export type ShowResult = Omit<ShowResultMessage, 'result'> & { readonly result: QueryResult };
export type PanelMessage = Exclude<HostMessage, ShowResultMessage> | ShowResult;

function toWebview(m: ShowResult): ShowResultMessage {
  return { ...m, result: webviewPayload(m.result) };
}

export type RerunHandler = (documentUri: vscode.Uri, queryText: string, blockStartLine: number) => void;

export class ResultsPanel implements vscode.Disposable {
  static readonly viewType = 'kql.results';
  private static readonly panels = new Map<string, ResultsPanel>();

  private ready = false;
  private disposed = false;
  private last: HostMessage | undefined;
  private result: QueryResult | undefined;
  /** The query of `result` (the last one shown), which names its export file. */
  private resultQuery: string | undefined;
  /** After "Run all": each query's outcome message, by its position, for replay and export. */
  private readonly batch = new Map<number, HostMessage>();
  private readonly batchResults = new Map<number, { readonly result: QueryResult; readonly queryText: string }>();
  private readonly disposables: vscode.Disposable[] = [];

  /** The panel for a document: brought forward if it exists, created beside the editor otherwise. */
  static show(ctx: Ctx, documentUri: vscode.Uri, onRerun: RerunHandler): ResultsPanel {
    const existing = ResultsPanel.panels.get(documentUri.toString());
    if (existing) {
      existing.panel.reveal(undefined, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      ResultsPanel.viewType,
      ResultsPanel.title(documentUri),
      { viewColumn: ResultsPanel.columnFor(documentUri), preserveFocus: true },
      ResultsPanel.options(ctx),
    );
    return new ResultsPanel(ctx, panel, documentUri, onRerun);
  }

  /**
   * Where a new panel opens: in the column of an existing results panel (a new tab there, not a new
   * column), unless that column holds the document's own editor; else beside the active editor.
   */
  private static columnFor(documentUri: vscode.Uri): vscode.ViewColumn {
    const editorColumns = new Set(
      vscode.window.visibleTextEditors
        .filter((e) => e.document.uri.toString() === documentUri.toString())
        .map((e) => e.viewColumn),
    );
    for (const p of ResultsPanel.panels.values()) {
      const column = p.panel.viewColumn;
      if (column !== undefined && !editorColumns.has(column)) {
        return column;
      }
    }
    return vscode.ViewColumn.Beside;
  }

  /** Brings back a panel VS Code restored after a reload; the webview shows its saved query. */
  static revive(ctx: Ctx, panel: vscode.WebviewPanel, rawState: unknown, onRerun: RerunHandler): void {
    const state = validatePanelState(rawState);
    if (!state) {
      panel.dispose();
      return;
    }
    panel.webview.options = ResultsPanel.options(ctx);
    const p = new ResultsPanel(ctx, panel, vscode.Uri.parse(state.documentUri), onRerun, state);
    p.last = { type: 'clear', note: 'Results are not kept across reloads: run the query again (Shift+Enter).' };
  }

  private static options(ctx: Ctx): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview')],
    };
  }

  private static title(uri: vscode.Uri): string {
    return `Results: ${path.posix.basename(uri.path)}`;
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: vscode.WebviewPanel,
    private readonly documentUri: vscode.Uri,
    private readonly onRerun: RerunHandler,
    private readonly restored?: ResultsPanelState,
  ) {
    ResultsPanel.panels.set(documentUri.toString(), this);
    const webview = panel.webview;
    const scriptUri = webview.asWebviewUri(
      vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview', 'results.js'),
    );
    webview.html = resultsPanelHtml({
      cspSource: webview.cspSource,
      scriptUri: scriptUri.toString(),
      nonce: makeNonce((n) => randomBytes(n)),
      title: ResultsPanel.title(documentUri),
    });
    webview.onDidReceiveMessage((m: unknown) => void this.receive(m), null, this.disposables);
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
  }

  /** Sends a message now, or when the webview is ready; the latest one is replayed after a reload. */
  post(panelMessage: PanelMessage): void {
    if (this.disposed) {
      // A run that outlived its closed panel: its outcome has nowhere to go.
      return;
    }
    const message: HostMessage = panelMessage.type === 'showResult' ? toWebview(panelMessage) : panelMessage;
    this.last = message;
    const batch = 'batch' in message ? message.batch : undefined;
    if (panelMessage.type === 'showResult') {
      this.result = panelMessage.result;
      this.resultQuery = panelMessage.queryText;
      if (batch) {
        this.batchResults.set(batch.index, { result: panelMessage.result, queryText: panelMessage.queryText });
      }
    }
    if (message.type === 'running' && (!batch || batch.index === 0)) {
      this.batch.clear();
      this.batchResults.clear();
    }
    if (batch && (message.type === 'showResult' || message.type === 'showError')) {
      this.batch.set(batch.index, message);
    }
    if (this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  /** What a (re)loaded webview needs: every outcome of a Run all in order, then the last message. */
  private replay(): HostMessage[] {
    const messages = [...this.batch.entries()].sort(([a], [b]) => a - b).map(([, m]) => m);
    if (this.last && !messages.includes(this.last)) {
      messages.push(this.last);
    }
    return messages;
  }

  private async receive(raw: unknown): Promise<void> {
    const checked = validateWebviewMessage(raw);
    if (!checked.ok) {
      log.warn(`Results panel: dropped a message from the webview (${checked.reason}).`);
      return;
    }
    try {
      await this.handle(checked.value);
    } catch (e) {
      log.error(`Results panel: ${checked.value.type} failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Connection Analytics: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        // A (re)loaded webview starts empty: replay the last state.
        this.ready = true;
        for (const message of this.replay()) {
          void this.panel.webview.postMessage(message);
        }
        return;
      case 'exportData': {
        const run =
          m.batchIndex !== undefined
            ? this.batchResults.get(m.batchIndex)
            : this.result && { result: this.result, queryText: this.resultQuery };
        const source = run?.result.tables[m.tableIndex];
        if (!source) {
          void vscode.window.showWarningMessage('There is no result to export: run the query first.');
          return;
        }
        // Where to first: the rows are put in order and written only once the user has said where.
        const name = exportFileName(path.posix.basename(this.documentUri.path), source.name, run.queryText, m.format);
        const target = await askExportTarget(this.documentUri, name);
        if (target) {
          await saveTable(target, exportedTable(source, m.view), m.format, this.ctx.config.csvFormulaProtection);
        }
        return;
      }
      case 'exportImage': {
        const bytes =
          m.format === 'png'
            ? Buffer.from(m.data.slice(m.data.indexOf(',') + 1), 'base64')
            : Buffer.from(m.data, 'utf8');
        const name = exportFileName(path.posix.basename(this.documentUri.path), '', this.resultQuery, m.format);
        const target = await askExportTarget(this.documentUri, name);
        if (target) {
          await saveBytes(target, bytes);
        }
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        if (m.selectedRows !== undefined && m.selectedRows > (m.rows ?? 0)) {
          // A cut copy must not pass unnoticed in the status bar: the user would paste fewer rows.
          void vscode.window.showWarningMessage(copiedNote(m));
        } else {
          vscode.window.setStatusBarMessage(copiedNote(m), 2000);
        }
        return;
      case 'openSpec': {
        const doc = await vscode.workspace.openTextDocument({ language: 'json', content: m.spec });
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
        return;
      }
      case 'rerun': {
        const origin = this.last && 'queryText' in this.last ? this.last : this.restored;
        if (origin?.queryText !== undefined) {
          this.onRerun(this.documentUri, origin.queryText, origin.blockStartLine ?? 0);
        }
        return;
      }
      case 'openSetting':
        // The panel names the limit a run met; only the limits' own settings are opened.
        if (isLimitSetting(m.setting)) {
          openLimitSetting(m.setting);
        }
        return;
      case 'reveal': {
        const visible = vscode.window.visibleTextEditors.find(
          (e) => e.document.uri.toString() === this.documentUri.toString(),
        );
        const editor = await vscode.window.showTextDocument(this.documentUri, {
          viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
        });
        const at = new vscode.Position(m.line - 1, m.column - 1);
        editor.selection = new vscode.Selection(at, at);
        editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      case 'log':
        log[m.level](`Results webview: ${m.message}`);
        return;
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    if (ResultsPanel.panels.get(this.documentUri.toString()) === this) {
      ResultsPanel.panels.delete(this.documentUri.toString());
    }
    this.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
    this.disposables.length = 0;
  }
}
