/**
 * The status bar item for KQL editors and notebooks: "backend · time range", and the last run's row count and
 * duration. Clicking it picks the time range (the backend has its own command, named in the tooltip),
 * so a range that silently narrows the results is always in sight.
 */
import * as vscode from 'vscode';
import { showsBackendStatus } from '../notebook';
import { formatRunFailure, formatRunStats, type RunFailureKind } from '../render/runSummary';
import type { QueryStats } from '../results/queryResult';
import type { Ctx } from './ctx';
import { timeRangeLabel } from './timeRangeLabel';

export { formatRunStats };

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kql.runStatus', vscode.StatusBarAlignment.Right, 100);
  private lastRun: string | undefined;
  private running = false;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'KQL Backend and Last Run';
    this.item.command = 'kql.selectTimeRange';
    ctx.backends.onDidChange(() => this.update(), null, this.disposables);
    ctx.backends.onDidChangeTimeRange(() => this.update(), null, this.disposables);
    vscode.window.onDidChangeActiveTextEditor(() => this.update(), null, this.disposables);
    vscode.window.onDidChangeActiveNotebookEditor(() => this.update(), null, this.disposables);
    this.update();
  }

  showRunning(): void {
    this.running = true;
    this.update();
  }

  showRun(stats: QueryStats): void {
    this.running = false;
    this.lastRun = formatRunStats(stats);
    this.update();
  }

  /** A failed run replaces the last run's figures: they no longer describe what the panel shows. */
  showFailure(kind: RunFailureKind): void {
    this.running = false;
    this.lastRun = formatRunFailure(kind);
    this.update();
  }

  private update(): void {
    if (
      !showsBackendStatus(
        vscode.window.activeTextEditor?.document.languageId,
        vscode.window.activeNotebookEditor?.notebook.notebookType,
      )
    ) {
      this.item.hide();
      return;
    }
    const label = this.ctx.backends.active.label;
    const restricted = !this.ctx.config.trusted;
    const run = this.running ? ' · $(sync~spin) running' : this.lastRun ? ` · ${this.lastRun}` : '';
    const range = timeRangeLabel(this.ctx.config.timeRangeSetting);
    this.item.text = `$(${restricted ? 'shield' : 'database'}) ${label}${restricted ? ' (Restricted Mode)' : ''} · ${range}${run}`;
    this.item.tooltip =
      `Queries run on: ${label}\nTime range: ${range}${this.lastRun ? `\nLast run: ${this.lastRun}` : ''}\n` +
      (restricted
        ? 'Restricted Mode: the local engine only; trust the workspace to use Log Analytics or its data folder.\n'
        : '') +
      'Click to choose the time range; "Connection Analytics: Select Backend" chooses the backend.';
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
