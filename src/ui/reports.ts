/**
 * The `kql.reports` view and `kql.openReport`: the VM insights network workbooks as ready queries.
 * A report opens as a snippet, so its parameters (time window, computers, grain) are tab stops the user
 * can change before running it again.
 */
import * as vscode from 'vscode';
import type { SampleQuery } from '../schema/sampleQueries';
import type { Ctx } from './ctx';
import { builtInReports, findReport, type Report } from './machines/reportCatalogue';
import { openSnippetBeside } from './machines/openQuery';

type ReportNode = { readonly report: Report } | { readonly report: Report; readonly query: SampleQuery };

class ReportsProvider implements vscode.TreeDataProvider<ReportNode> {
  private readonly reports = builtInReports();

  getChildren(element?: ReportNode): ReportNode[] {
    if (!element) {
      return this.reports.map((report) => ({ report }));
    }
    if ('query' in element || element.report.queries.length < 2) {
      return [];
    }
    return element.report.queries.map((query) => ({ report: element.report, query }));
  }

  getTreeItem(element: ReportNode): vscode.TreeItem {
    if ('query' in element) {
      const item = new vscode.TreeItem(element.query.title.replace(/^Workbook: /, ''), vscode.TreeItemCollapsibleState.None);
      item.tooltip = element.query.description;
      item.iconPath = new vscode.ThemeIcon('graph-line');
      item.command = { command: 'kql.openReport', title: 'Open Report', arguments: [element.report.id, element.query.id] };
      return item;
    }
    const r = element.report;
    const item = new vscode.TreeItem(r.title, r.queries.length > 1 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `report/${r.id}`;
    item.tooltip = r.description;
    item.iconPath = new vscode.ThemeIcon('graph');
    item.command = { command: 'kql.openReport', title: 'Open Report', arguments: [r.id] };
    return item;
  }
}

async function openReport(reportId?: unknown, queryId?: unknown): Promise<void> {
  let report = typeof reportId === 'string' ? findReport(reportId) : undefined;
  if (!report) {
    const picked = await vscode.window.showQuickPick(
      builtInReports().map((r) => ({ label: r.title, detail: r.description, report: r })),
      { title: 'Open Report', placeHolder: 'A VM insights network workbook' },
    );
    report = picked?.report;
  }
  if (!report) {
    return;
  }
  const query = report.queries.find((q) => q.id === queryId) ?? report.queries[0]!;
  await openSnippetBeside(query.body);
}

export function registerReports(ctx: Ctx): void {
  ctx.subscriptions.push(
    vscode.window.registerTreeDataProvider('kql.reports', new ReportsProvider()),
    vscode.commands.registerCommand('kql.openReport', openReport),
  );
}
