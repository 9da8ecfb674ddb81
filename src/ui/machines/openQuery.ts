/**
 * Opens generated KQL (machine actions, map node clicks, reports) and runs it. Every such query goes
 * to one editor column, reused while it is open, and into one document while the user has not edited
 * it: so its results panel is reused too, and actions never add editor columns.
 */
import * as vscode from 'vscode';
import { schemaGaps } from '../../kql';
import type { WorkspaceSchema } from '../../schema/workspaceSchema';
import { log } from '../log';

/** The column generated queries open in, and the last generated document with the text it was given. */
let queryColumn: vscode.ViewColumn | undefined;
let last: { doc: vscode.TextDocument; text: string } | undefined;

async function runInEditor(): Promise<void> {
  try {
    await vscode.commands.executeCommand('kql.runQuery');
  } catch (error) {
    log.error(`Running the generated query failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The generated-query column while it still exists, else an empty active column, else beside the active editor. */
function targetColumn(): vscode.ViewColumn {
  if (queryColumn !== undefined && vscode.window.tabGroups.all.some((g) => g.viewColumn === queryColumn)) {
    return queryColumn;
  }
  return vscode.window.tabGroups.activeTabGroup.tabs.length === 0 ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside;
}

/** The last generated document, when it is still open and holds exactly what it was given. */
function reusableDocument(): vscode.TextDocument | undefined {
  if (!last || last.doc.isClosed || last.doc.getText() !== last.text) {
    return undefined;
  }
  return last.doc;
}

async function showGenerated(text: string): Promise<vscode.TextEditor> {
  let doc = reusableDocument();
  if (doc) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
  } else {
    doc = await vscode.workspace.openTextDocument({ language: 'kql', content: text });
  }
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: targetColumn(), preview: false });
  queryColumn = editor.viewColumn;
  last = { doc, text: doc.getText() };
  return editor;
}

/**
 * Generated queries open one after another: two actions in quick succession would otherwise both
 * replace the same document's text from its old contents, and VS Code would interleave the edits.
 */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Opens the query and runs it. With `schema`, a query naming what that workspace lacks (a partial
 * export's missing column, a table it has not got) opens without running, and a message names the
 * missing names: the user sees what cannot run and can adapt it, instead of an engine error on click.
 */
export function openQueryBeside(query: string, run = true, schema?: WorkspaceSchema): Promise<vscode.TextEditor> {
  const gaps = run && schema ? schemaGaps(query, schema) : [];
  if (gaps.length && schema) {
    const names = gaps.map((g) => `'${g}'`).join(', ');
    log.warn(`Generated query not run: ${schema.source.label} has no ${names}.`);
    void vscode.window.showWarningMessage(
      `This query needs ${names}, which ${schema.source.label} does not have. It is open for you to adapt; it was not run.`,
    );
  }
  const next = queue.then(() => openAndRun(query, run && gaps.length === 0));
  queue = next.catch(() => undefined);
  return next;
}

async function openAndRun(query: string, run: boolean): Promise<vscode.TextEditor> {
  const editor = await showGenerated(query);
  // The runner runs the query under the cursor: put it inside the (single) query.
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  if (run) {
    await runInEditor();
  }
  return editor;
}
