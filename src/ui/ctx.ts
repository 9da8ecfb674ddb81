/**
 * What every feature's register function receives: the extension context, typed settings, the active
 * backend, and a signal fired when the user refreshes data (tree refresh, backend switch), which the
 * completion cache of live values listens to.
 */
import * as vscode from 'vscode';
import type { BackendManager } from './backendManager';
import type { Config } from './config';
import type { WorkspaceSchemaProvider } from './workspaceSchemaProvider';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly config: Config;
  readonly backends: BackendManager;
  /** The active workspace schema (tables, columns, functions) and its changes. */
  readonly schemas: WorkspaceSchemaProvider;
  /** Fired after the machines tree (or anything else) refreshed its data from the backend. */
  readonly onDidRefreshData: vscode.Event<void>;
  fireDataRefreshed(): void;
  /** Disposed with the extension. */
  readonly subscriptions: vscode.Disposable[];
}
