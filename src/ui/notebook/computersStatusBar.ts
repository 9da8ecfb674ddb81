/**
 * The report's parameter cell says in its status bar which machines the report covers ("300 machines:
 * vm-0001, vm-0002, …"), since a pick of 300 names fills the cell with lines of literals; clicking it
 * opens Pick Machines….
 */
import * as vscode from 'vscode';
import { computersOf, computersSummary, NOTEBOOK_TYPE } from '../../notebook';

export class ComputersStatusBar implements vscode.NotebookCellStatusBarItemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCellStatusBarItems = this.changed.event;
  private readonly watch = vscode.workspace.onDidChangeNotebookDocument((e) => {
    if (e.notebook.notebookType === NOTEBOOK_TYPE && e.cellChanges.some((c) => c.document !== undefined)) {
      this.changed.fire();
    }
  });

  provideCellStatusBarItems(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem[] {
    if (cell.kind !== vscode.NotebookCellKind.Code) {
      return [];
    }
    const names = computersOf(cell.document.getText());
    if (names === undefined) {
      return [];
    }
    const item = new vscode.NotebookCellStatusBarItem(
      `$(vm) ${computersSummary(names)}`,
      vscode.NotebookCellStatusBarAlignment.Left,
    );
    item.tooltip = 'The machines the report covers (Computers). Click to pick them.';
    item.command = 'kql.pickMachines';
    return [item];
  }

  dispose(): void {
    this.watch.dispose();
    this.changed.dispose();
  }
}
