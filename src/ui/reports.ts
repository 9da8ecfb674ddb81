/**
 * The `kql.reports` view: the VM insights network workbooks as notebooks (reports/*.kqlnb). A report
 * opens as an untitled notebook, to run and change freely; "Save a Copy…" writes it into the workspace
 * to edit and keep; "Open Report for This Machine" fills its Computers parameter with one machine.
 */
import * as vscode from 'vscode';
import { findReport, readNotebook, REPORTS, reportFile, withComputers, type Report } from '../notebook';
import type { Ctx } from './ctx';
import { machineOf } from './machines/machineCommands';
import type { FleetNode } from './machines/machinesModel';
import { openNotebook } from './notebook/notebookCommands';
import { toNotebookData } from './notebook/serializer';

class ReportsProvider implements vscode.TreeDataProvider<Report> {
  getChildren(element?: Report): Report[] {
    return element ? [] : [...REPORTS];
  }

  getTreeItem(r: Report): vscode.TreeItem {
    const item = new vscode.TreeItem(r.title, vscode.TreeItemCollapsibleState.None);
    item.id = `report/${r.id}`;
    item.tooltip = r.description;
    item.iconPath = new vscode.ThemeIcon('notebook');
    item.contextValue = 'report';
    item.command = { command: 'kql.openReport', title: 'Open Report', arguments: [r.id] };
    return item;
  }
}

async function pickReport(reportId: unknown, title: string): Promise<Report | undefined> {
  const id = typeof reportId === 'string' ? reportId : (reportId as Partial<Report> | undefined)?.id;
  const known = id ? findReport(id) : undefined;
  if (known) {
    return known;
  }
  const picked = await vscode.window.showQuickPick(
    REPORTS.map((r) => ({ label: r.title, detail: r.description, report: r })),
    { title, placeHolder: 'A VM insights network workbook' },
  );
  return picked?.report;
}

async function readReport(ctx: Ctx, report: Report): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(vscode.Uri.file(reportFile(ctx.extension.extensionPath, report)));
}

/** The report as an untitled notebook, its parameter cell's Computers set to `computers` when given. */
async function openReport(ctx: Ctx, reportId?: unknown, computers?: readonly string[]): Promise<void> {
  const report = await pickReport(reportId, 'Open Report');
  if (!report) {
    return;
  }
  const notebook = readNotebook(new TextDecoder().decode(await readReport(ctx, report)));
  let cells = notebook.cells;
  if (computers) {
    const at = cells.findIndex((c) => c.kind === 'code');
    cells = cells.map((c, i) => (i === at ? { ...c, source: withComputers(c.source, computers) } : c));
  }
  await openNotebook(toNotebookData({ cells }));
}

async function saveCopy(ctx: Ctx, reportId?: unknown): Promise<void> {
  const report = await pickReport(reportId, 'Save a Copy of a Report');
  if (!report) {
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Save a copy of "${report.title}"`,
    filters: { 'KQL notebook': ['kqlnb'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${report.id}.kqlnb`) } : {}),
  });
  if (!target) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, await readReport(ctx, report));
  await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(target), { preview: false });
}

export function registerReports(ctx: Ctx): void {
  ctx.subscriptions.push(
    vscode.window.registerTreeDataProvider('kql.reports', new ReportsProvider()),
    vscode.commands.registerCommand('kql.openReport', (id?: unknown) => openReport(ctx, id)),
    vscode.commands.registerCommand('kql.saveReportCopy', (id?: unknown) => saveCopy(ctx, id)),
    vscode.commands.registerCommand('kql.openReportForMachine', async (node?: FleetNode) => {
      const machine = machineOf(node);
      if (!machine) {
        void vscode.window.showInformationMessage('Select a machine in the Machines view first.');
        return;
      }
      await openReport(ctx, undefined, [machine.computer]);
    }),
  );
}
