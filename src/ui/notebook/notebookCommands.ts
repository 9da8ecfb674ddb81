/**
 * Notebook commands: "Open as Notebook" on a .kql file, "Export as .kql" and "Pick Machines…" in the
 * notebook toolbar. Machine names reach the parameter cell only through kqlString (withComputers).
 */
import * as vscode from 'vscode';
import { cellsToKql, computersOf, kqlToCells, NOTEBOOK_TYPE, withComputers } from '../../notebook';
import type { Ctx } from '../ctx';
import { pickMachineNames } from './pickMachineNames';
import { fromNotebookData, toNotebookData } from './serializer';

/** Every machine name the active backend has, from whichever of the VM insights or Service Map tables exist. */
const MACHINE_NAMES_QUERY = [
  'union isfuzzy=true',
  '    (VMComputer | distinct Computer),',
  '    (VMConnection | distinct Computer),',
  '    (VMBoundPort | distinct Computer),',
  '    (ServiceMapComputer_CL | distinct Computer = ComputerName_s)',
  '| where isnotempty(Computer)',
  '| distinct Computer',
  '| sort by Computer asc',
  '| take 5000',
].join('\n');

export async function openNotebook(data: vscode.NotebookData): Promise<vscode.NotebookEditor> {
  const doc = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
  return vscode.window.showNotebookDocument(doc, { preview: false });
}

/**
 * An untitled notebook with one empty KQL cell (Command Palette and File > New File…): the cell is a
 * code cell in KQL, so it completes, checks and runs on the active backend from the first keystroke.
 */
async function newNotebook(): Promise<void> {
  await openNotebook(toNotebookData({ cells: [{ kind: 'code', language: 'kql', source: '' }] }));
}

async function openAsNotebook(uri?: unknown): Promise<void> {
  const doc =
    uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'kql') {
    void vscode.window.showInformationMessage('Open a .kql file to open it as a notebook.');
    return;
  }
  await openNotebook(toNotebookData({ cells: kqlToCells(doc.getText()) }));
}

async function exportAsKql(): Promise<void> {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (!notebook || notebook.notebookType !== NOTEBOOK_TYPE) {
    void vscode.window.showInformationMessage('Open a KQL notebook to export it.');
    return;
  }
  const data = new vscode.NotebookData(
    notebook.getCells().map((c) => new vscode.NotebookCellData(c.kind, c.document.getText(), c.document.languageId)),
  );
  const doc = await vscode.workspace.openTextDocument({
    language: 'kql',
    content: cellsToKql(fromNotebookData(data).cells),
  });
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** The first KQL cell that defines `Computers` (a report's parameter cell), else the first KQL cell. */
function parameterCell(notebook: vscode.NotebookDocument): vscode.NotebookCell | undefined {
  const code = notebook
    .getCells()
    .filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'kql');
  return code.find((c) => computersOf(c.document.getText()) !== undefined) ?? code[0];
}

export async function setComputers(notebook: vscode.NotebookDocument, names: readonly string[]): Promise<boolean> {
  const cell = parameterCell(notebook);
  if (!cell) {
    return false;
  }
  const doc = cell.document;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), withComputers(doc.getText(), names));
  return vscode.workspace.applyEdit(edit);
}

async function pickMachines(ctx: Ctx): Promise<void> {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (!notebook || notebook.notebookType !== NOTEBOOK_TYPE) {
    void vscode.window.showInformationMessage('Open a KQL notebook to pick its machines.');
    return;
  }
  const cell = parameterCell(notebook);
  const current = cell ? (computersOf(cell.document.getText()) ?? []) : [];
  const backend = ctx.backends.active;
  const picked = await pickMachineNames(current, backend.label, (signal) =>
    backend
      .run(MACHINE_NAMES_QUERY, { timeRange: ctx.backends.timeRange, signal })
      .then((result) => (result.tables[0]?.rows ?? []).map((r) => String(r[0]))),
  );
  if (!picked) {
    return;
  }
  if (!(await setComputers(notebook, picked))) {
    void vscode.window.showInformationMessage('This notebook has no KQL cell to hold the Computers parameter.');
  }
}

export function registerNotebookCommands(ctx: Ctx): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('kql.newNotebook', newNotebook),
    vscode.commands.registerCommand('kql.openAsNotebook', openAsNotebook),
    vscode.commands.registerCommand('kql.exportAsKql', exportAsKql),
    vscode.commands.registerCommand('kql.pickMachines', () => pickMachines(ctx)),
  );
}
