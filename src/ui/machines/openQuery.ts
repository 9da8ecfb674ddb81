/** Opens generated KQL as a new untitled `kql` document beside the current editor and runs it. */
import * as vscode from 'vscode';
import { log } from '../log';

async function runInEditor(): Promise<void> {
  try {
    await vscode.commands.executeCommand('kql.runQuery');
  } catch (error) {
    log.error(`Running the generated query failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function openQueryBeside(query: string, run = true): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'kql', content: query });
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  // The runner runs the query under the cursor: put it inside the (single) query.
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  if (run) {
    await runInEditor();
  }
  return editor;
}
