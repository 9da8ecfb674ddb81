/**
 * The Schema view (`kql.schema`) in the Connection Analytics container: the active workspace schema's
 * source and age, tables by category or solution, their columns with type and description. Clicking
 * a name inserts it at the cursor of the KQL editor; "Query this table" adds `T | take 100` as a new
 * query block; a filter narrows tables and columns; refresh re-reads the schema.
 */
import * as vscode from 'vscode';
import { kqlIdentifier } from '../../kql/literals';
import type { Ctx } from '../ctx';
import { log } from '../log';
import { RefreshGate } from '../refreshGate';
import {
  queryThisTable,
  type SchemaNode,
  schemaChildren,
  schemaNodeId,
  schemaRoots,
  tableDescription,
} from './schemaTreeModel';

const FILTERED_CONTEXT = 'kql.schemaFiltered';

class SchemaTreeProvider implements vscode.TreeDataProvider<SchemaNode>, vscode.Disposable {
  private readonly _onDidChange = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this._onDidChange.event;
  filter = '';
  readonly gate = new RefreshGate(() => this._onDidChange.fire());

  constructor(private readonly ctx: Ctx) {}

  // Traced (hidden at the default log level): a redraw under the user's click is what drops it.
  changed(why: string, told: boolean): void {
    log.trace(`Schema view: ${told ? 'refresh' : 'no refresh'} (${why})`);
  }

  getChildren(node?: SchemaNode): SchemaNode[] {
    this.gate.read();
    const children = node
      ? schemaChildren(node, this.filter)
      : schemaRoots(this.ctx.schemas.current, this.filter, Date.now(), this.ctx.schemas.failure);
    log.trace(`Schema view: ${children.length} rows under ${node ? node.kind : 'the root'}`);
    return children;
  }

  getTreeItem(node: SchemaNode): vscode.TreeItem {
    const item = this.itemOf(node);
    // Per filter: otherwise VS Code keeps a drawn row's collapse state and hides the filter's matches.
    item.id = schemaNodeId(node, this.filter);
    return item;
  }

  private itemOf(node: SchemaNode): vscode.TreeItem {
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'source': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('database');
        item.contextValue = 'schemaSource';
        return item;
      }
      case 'failure': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: 'kql.refreshSchema', title: 'Refresh Workspace Schema' };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(
          node.label,
          this.filter ? vscode.TreeItemCollapsibleState.Expanded : Collapsed,
        );
        item.description = `${node.tables.length}${node.functions.length ? ` + ${node.functions.length} fn` : ''}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        return item;
      }
      case 'table': {
        const item = new vscode.TreeItem(
          node.table.name,
          node.matchingColumns ? vscode.TreeItemCollapsibleState.Expanded : Collapsed,
        );
        item.description = tableDescription(node);
        item.tooltip = new vscode.MarkdownString()
          .appendMarkdown(`**${node.table.name}**\n\n`)
          .appendText(node.table.description);
        if (node.missing?.length) {
          item.tooltip.appendText(
            `\n\nThe loaded file lacks ${node.missing.length} of the catalogue's columns; queries naming them are errors.`,
          );
        }
        item.iconPath = new vscode.ThemeIcon('table');
        item.contextValue = 'schemaTable';
        item.command = { command: 'kql.insertSchemaName', title: 'Insert Name', arguments: [node.table.name] };
        return item;
      }
      case 'missing': {
        const item = new vscode.TreeItem(`Not in the loaded data (${node.columns.length})`, Collapsed);
        item.tooltip = `Columns ${node.table} has in VM insights that the loaded file lacks: a partial export.`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = 'schemaMissingColumns';
        return item;
      }
      case 'column': {
        if (node.missing) {
          // Not inserted on click: the name would be an error against this data.
          const item = new vscode.TreeItem(node.column.name, vscode.TreeItemCollapsibleState.None);
          item.description = `${node.column.type} · missing`;
          item.tooltip = new vscode.MarkdownString()
            .appendMarkdown(
              `\`${node.column.name}: ${node.column.type}\` (${node.table}) is not in the loaded file.\n\n`,
            )
            .appendText(node.column.description);
          item.iconPath = new vscode.ThemeIcon('circle-slash');
          return item;
        }
        const item = new vscode.TreeItem(node.column.name, vscode.TreeItemCollapsibleState.None);
        item.description = node.column.type;
        item.tooltip = new vscode.MarkdownString()
          .appendMarkdown(`\`${node.column.name}: ${node.column.type}\` (${node.table})\n\n`)
          .appendText(node.column.description);
        item.iconPath = new vscode.ThemeIcon('symbol-field');
        item.command = { command: 'kql.insertSchemaName', title: 'Insert Name', arguments: [node.column.name] };
        return item;
      }
      case 'function': {
        const item = new vscode.TreeItem(node.fn.name, vscode.TreeItemCollapsibleState.None);
        item.description = `(${node.fn.parameters})`;
        item.tooltip = new vscode.MarkdownString().appendCodeblock(node.fn.body, 'kql').appendText(node.fn.description);
        item.iconPath = new vscode.ThemeIcon('symbol-function');
        item.command = { command: 'kql.insertSchemaName', title: 'Insert Name', arguments: [node.fn.name] };
        return item;
      }
    }
  }

  dispose(): void {
    this._onDidChange.dispose();
  }
}

/** The KQL editor to act on: the active one, else the most recently visible KQL editor. */
function kqlEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === 'kql') return active;
  return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'kql');
}

async function insertName(name: unknown): Promise<void> {
  log.trace(`Schema view: insert ${String(name)}`);
  if (typeof name !== 'string') return;
  const editor = kqlEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(`Open a .kql file to insert ${name}.`);
    return;
  }
  // As the query needs it: a click on `Request Id` or `title` inserted them bare, an error or another meaning.
  const text = kqlIdentifier(name);
  await editor.edit((b) => editor.selections.forEach((s) => b.replace(s, text)));
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
}

async function queryTable(node: unknown): Promise<void> {
  const table =
    (node as SchemaNode | undefined)?.kind === 'table'
      ? (node as Extract<SchemaNode, { kind: 'table' }>).table.name
      : undefined;
  if (!table) return;
  const text = queryThisTable(table);
  const editor = kqlEditor();
  if (!editor) {
    const doc = await vscode.workspace.openTextDocument({ language: 'kql', content: `${text}\n` });
    await vscode.window.showTextDocument(doc);
    return;
  }
  const doc = editor.document;
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const separator = doc.getText().trim() === '' ? '' : doc.getText().endsWith('\n') ? '\n' : '\n\n';
  await editor.edit((b) => b.insert(end, `${separator}${text}\n`));
  const line = doc.lineCount - 3;
  const at = new vscode.Position(Math.max(0, line), 0);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  await vscode.window.showTextDocument(doc, editor.viewColumn);
}

export function registerSchemaView(ctx: Ctx): void {
  const provider = new SchemaTreeProvider(ctx);
  const view = vscode.window.createTreeView('kql.schema', { treeDataProvider: provider, showCollapseAll: true });
  void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, false);
  const gate = provider.gate;
  gate.visibility(view.visible);
  const setFilter = (text: string): void => {
    provider.filter = text;
    view.message = text ? `Tables and columns matching "${text}"` : undefined;
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, Boolean(text));
    provider.changed('filter', gate.filterSet(text, view.visible));
  };
  ctx.subscriptions.push(
    provider,
    view,
    ctx.schemas.onDidChange(() => {
      provider.changed('schema', gate.dataChanged(view.visible));
    }),
    ctx.schemas.onDidChangeFailure(() => {
      provider.changed('schema read failed or recovered', gate.dataChanged(view.visible));
    }),
    view.onDidChangeVisibility((e) => gate.visibility(e.visible)),
    vscode.commands.registerCommand('kql.insertSchemaName', insertName),
    vscode.commands.registerCommand('kql.queryTable', queryTable),
    vscode.commands.registerCommand('kql.filterSchema', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter Schema',
        prompt: 'Part of a table or column name',
        value: provider.filter,
      });
      if (text === undefined) return;
      setFilter(text);
      // Run from the Command Palette with the view closed, the filter changed nothing the user could see.
      if (text && !view.visible) await vscode.commands.executeCommand('kql.schema.focus');
    }),
    vscode.commands.registerCommand('kql.clearSchemaFilter', () => setFilter('')),
  );
}
