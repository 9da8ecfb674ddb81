/** "▶ Run" above every query block of a KQL file, and "Run all" above the first. */
import * as vscode from 'vscode';
import { splitQueryBlocks } from '../kql/blocks';

export class RunCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument, _token: vscode.CancellationToken): vscode.CodeLens[] {
    const blocks = splitQueryBlocks(document.getText());
    const lenses: vscode.CodeLens[] = [];
    blocks.forEach((b, i) => {
      const at = new vscode.Range(b.startLine, 0, b.startLine, 0);
      lenses.push(
        new vscode.CodeLens(at, {
          title: '▶ Run',
          tooltip: 'Run this query (Shift+Enter)',
          command: 'kql.runQuery',
          arguments: [document.uri, b.startLine],
        }),
      );
      if (i === 0 && blocks.length > 1) {
        lenses.push(
          new vscode.CodeLens(at, {
            title: 'Run all',
            tooltip: 'Run every query in this file',
            command: 'kql.runAllQueries',
            arguments: [document.uri],
          }),
        );
      }
    });
    return lenses;
  }
}
