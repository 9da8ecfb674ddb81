/** The `kql.machines` view: maps the pure MachinesModel onto VS Code tree items. */
import * as vscode from 'vscode';
import { type FleetNode, type MachinesModel, viewOf } from './machinesModel';

export class MachinesTreeProvider implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<FleetNode | undefined | void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private readonly _onDidLoadRoots = new vscode.EventEmitter<void>();
  /** Fired when the machines level was (re)loaded from the backend. */
  readonly onDidLoadRoots = this._onDidLoadRoots.event;

  constructor(readonly model: MachinesModel) {}

  refresh(): void {
    this.model.invalidate();
    this._onDidChangeTreeData.fire();
  }

  async getChildren(element?: FleetNode): Promise<FleetNode[]> {
    const children = await this.model.children(element);
    if (!element) {
      this._onDidLoadRoots.fire();
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
