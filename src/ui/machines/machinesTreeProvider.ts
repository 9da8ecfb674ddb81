/** The `kql.machines` view: maps the pure MachinesModel onto VS Code tree items. */
import * as vscode from 'vscode';
import { log } from '../log';
import { progressTitle } from '../progressTitle';
import { RefreshGate } from '../refreshGate';
import { MACHINES_WELCOME_CONTEXT } from './fleetNodes';
import { type FleetNode, type MachinesModel, viewOf, welcomeOf } from './machinesModel';

/**
 * A level still loading after this long gets a progress notification with Cancel (the view's own
 * progress bar has none): a slow workspace must not leave the user waiting with no way out.
 */
export const TREE_PROGRESS_DELAY_MS = 2_000;

export class MachinesTreeProvider implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<FleetNode | undefined | void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidLoadRoots = new vscode.EventEmitter<void>();
  /** Fired when the machines level was (re)loaded from the backend. */
  readonly onDidLoadRoots = this._onDidLoadRoots.event;
  /** No change event before the view is first shown, one for a burst (a settings edit is two changes). */
  readonly gate = new RefreshGate(() => this._onDidChangeTreeData.fire());
  /** Whether the view is on screen; set once the view exists. */
  visible: () => boolean = () => false;

  constructor(
    readonly model: MachinesModel,
    /** The active backend's label, for the notification's title. */
    private readonly backendLabel: () => string,
  ) {}

  /** Forgets the loaded levels; the view is told when it has been shown (else its first read loads afresh). */
  refresh(why: string): void {
    this.model.invalidate();
    const told = this.gate.dataChanged(this.visible());
    // Traced (hidden at the default log level): a redraw under the user's click is what drops it.
    log.trace(`Machines view: ${told ? 'refresh' : 'no refresh before the view is shown'} (${why})`);
  }

  async getChildren(element?: FleetNode): Promise<FleetNode[]> {
    this.gate.read();
    const loading = this.model.children(element);
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      void vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: progressTitle(element ? 'Loading the Machines view' : 'Listing machines', this.backendLabel()),
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => this.model.cancel());
          return loading;
        },
      );
    }, TREE_PROGRESS_DELAY_MS);
    const children = await loading.finally(() => {
      settled = true;
      clearTimeout(timer);
    });
    if (!element) {
      this._onDidLoadRoots.fire();
      // An empty tree shows the welcome its reason names (text and buttons): VS Code shows a view's
      // welcome only when its root has no children.
      const welcome = welcomeOf(children);
      void vscode.commands.executeCommand('setContext', MACHINES_WELCOME_CONTEXT, welcome ?? '');
      if (welcome) {
        return [];
      }
    }
    return children;
  }

  getParent(element: FleetNode): FleetNode | undefined {
    return this.model.parent(element);
  }

  getTreeItem(element: FleetNode): vscode.TreeItem {
    const view = viewOf(element);
    const item = new vscode.TreeItem(
      view.label,
      view.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = view.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.accessibilityInformation = { label: view.ariaLabel };
    item.contextValue = view.contextValue;
    item.iconPath =
      view.flag === 'malicious'
        ? new vscode.ThemeIcon(view.icon, new vscode.ThemeColor('list.errorForeground'))
        : view.flag === 'failed'
          ? new vscode.ThemeIcon(view.icon, new vscode.ThemeColor('list.warningForeground'))
          : view.icon === 'error'
            ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
            : new vscode.ThemeIcon(view.icon);
    if (element.kind === 'message' && element.action === 'signIn') {
      item.command = { command: 'kql.signIn', title: 'Sign In to Log Analytics' };
    } else if (element.kind === 'message' && element.action === 'selectTimeRange') {
      item.command = { command: 'kql.selectTimeRange', title: 'Select Time Range' };
    }
    return item;
  }

  dispose(): void {
    this._onDidChangeTreeData.dispose();
    this._onDidLoadRoots.dispose();
  }
}
