/**
 * Tells the language server the order of each open KQL notebook's code cells, so it can give a cell the
 * definitions of the cells above it (src/server/notebookScope.ts). Sent on open, on every change to the
 * notebook's cell list, and as an empty list on close.
 */
import * as vscode from 'vscode';
import { type LanguageClient, NotificationType } from 'vscode-languageclient/node';
import { NOTEBOOK_TYPE } from '../../notebook/notebookFile';
import { NotebookCellsNotification, type NotebookCellsParams } from '../../protocol/lsp';

const notification = new NotificationType<NotebookCellsParams>(NotebookCellsNotification);

export class NotebookCellOrderFeeder implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.workspace.onDidOpenNotebookDocument((n) => this.send(n)),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        if (e.contentChanges.length) this.send(e.notebook);
      }),
      vscode.workspace.onDidCloseNotebookDocument((n) => this.send(n, true)),
    );
    vscode.workspace.notebookDocuments.forEach((n) => this.send(n));
  }

  private send(notebook: vscode.NotebookDocument, closed = false): void {
    if (notebook.notebookType !== NOTEBOOK_TYPE || !this.client.isRunning()) return;
    const cells = closed
      ? []
      : notebook
          .getCells()
          .filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'kql')
          .map((c) => c.document.uri.toString());
    void this.client.sendNotification(notification, { notebook: notebook.uri.toString(), cells });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
