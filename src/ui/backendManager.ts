/**
 * Owns the active QueryBackend: creates it from the settings on first use, replaces it when
 * `kql.backend` or its own settings change, and tells listeners (status bar, tree, completion).
 */
import * as vscode from 'vscode';
import type { QueryBackend } from '../backends/queryBackend';
import type { BackendId, TimeRange } from '../results/queryResult';
import type { Config } from './config';
import { log } from './log';

export type BackendFactories = Record<BackendId, () => QueryBackend>;

export class BackendManager implements vscode.Disposable {
  private _active: QueryBackend | undefined;
  private readonly _onDidChange = new vscode.EventEmitter<QueryBackend>();
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeTimeRange = new vscode.EventEmitter<TimeRange | undefined>();
  readonly onDidChangeTimeRange = this._onDidChangeTimeRange.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly config: Config,
    private readonly factories: BackendFactories,
  ) {
    this.disposables.push(
      this._onDidChange,
      this._onDidChangeTimeRange,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('kql.backend') ||
          e.affectsConfiguration('kql.local') ||
          e.affectsConfiguration('kql.logAnalytics')
        ) {
          // A query still running was reading the old data folder or workspace: say so, not "cancelled" alone.
          this.reset(
            'The backend settings changed while the query ran (e.g. kql.local.dataFolder): run it again on the new ones.',
          );
        }
        if (e.affectsConfiguration('kql.timeRange')) {
          this._onDidChangeTimeRange.fire(this.timeRange);
        }
      }),
      // Trusting the workspace lifts Restricted Mode: its backend and data folder settings now count.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        log.info("Workspace trusted: using the workspace's backend settings.");
        this.reset();
      }),
    );
  }

  get active(): QueryBackend {
    if (!this._active) {
      const id = this.config.backend;
      this._active = this.factories[id]();
      const restricted = !this.config.trusted;
      log.info(
        `Backend: ${this._active.label}${restricted ? ' (Restricted Mode: local engine only, workspace data folder and endpoint settings ignored)' : ''}`,
      );
      if (restricted && this.config.configuredBackend !== id) {
        log.warn('kql.backend asks for Log Analytics, which Restricted Mode turns off until the workspace is trusted.');
      }
    }
    return this._active;
  }

  get timeRange(): TimeRange | undefined {
    return this.config.timeRange;
  }

  /** Drops the current backend so the next use builds one from the current settings; `reason` goes to a query it stops. */
  reset(reason?: string): void {
    this._active?.dispose?.(reason);
    this._active = undefined;
    this._onDidChange.fire(this.active);
  }

  /**
   * The backend's files changed: reload only what changed when it can (listeners hear the change as for
   * a new backend, so views and the schema re-read it), else rebuild the backend.
   */
  reloadFiles(): void {
    const backend = this._active;
    if (backend?.reloadFiles?.()) {
      this._onDidChange.fire(backend);
    } else {
      this.reset();
    }
  }

  dispose(): void {
    this._active?.dispose?.();
    this.disposables.forEach((d) => d.dispose());
  }
}
