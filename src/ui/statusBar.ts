/**
 * The status bar item for KQL editors: the active backend, and the last run's row count and duration.
 * Clicking it picks another backend.
 */
import * as vscode from 'vscode';
import type { QueryStats } from '../results/queryResult';
import { formatRunFailure, formatRunStats, type RunFailureKind } from '../render/runSummary';
import type { Ctx } from './ctx';

export { formatRunStats };

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kql.runStatus', vscode.StatusBarAlignment.Right, 100);
  private lastRun: string | undefined;
  private running = false;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'KQL Backend and Last Run';
    this.item.command = 'kql.selectBackend';
    ctx.backends.onDidChange(() => this.update(), null, this.disposables);
    vscode.window.onDidChangeActiveTextEditor(() => this.update(), null, this.disposables);
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
    if (vscode.window.activeTextEditor?.document.languageId !== 'kql') {
      this.item.hide();
      return;
    }
    const label = this.ctx.backends.active.label;
    const run = this.running ? ' · $(sync~spin) running' : this.lastRun ? ` · ${this.lastRun}` : '';
    this.item.text = `$(database) ${label}${run}`;
    this.item.tooltip = `Queries run on: ${label}${this.lastRun ? `\nLast run: ${this.lastRun}` : ''}\nClick to choose another backend.`;
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
