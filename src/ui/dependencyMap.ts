/**
 * `kql.showDependencyMap`: the selected machines (or all) drawn as VM insights' Map tab does, in a
 * webview. The host runs the query and builds the graph (src/render/dependencyGraph.ts); the webview
 * only draws it and reports clicks, which open the clicked node's query.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildDependencyGraph, type DependencyGraph } from '../render/dependencyGraph';
import { dependencyMapHtml, isOpenNodeMessage } from '../render/dependencyGraphPage';
import { offerSignInOnAuthError } from './backendCommands';
import type { Ctx } from './ctx';
import type { MachinesTree } from './machines';
import { selectedMachines } from './machines/machineCommands';
import { dependencyMapQuery } from './machines/fleetQueries';
import { mapConnectionRows, type MachineRow } from './machines/fleetRows';
import type { FleetNode } from './machines/machinesModel';
import { queryForMapNode } from './machines/mapNodeQueries';
import { openQueryBeside } from './machines/openQuery';

/** More endpoints than this make an unreadable map; the lightest are left out and counted. */
const MAX_ENDPOINTS = 150;

function nonce(): string {
  return randomBytes(24).toString('base64url');
}

function titleFor(machines: readonly MachineRow[]): string {
  if (machines.length === 0) {
    return 'Dependency map: all machines';
  }
  const names = machines.slice(0, 3).map((m) => m.computer || m.machine).join(', ');
  return `Dependency map: ${names}${machines.length > 3 ? ` and ${machines.length - 3} more` : ''}`;
}

class DependencyMapPanel {
  static current: DependencyMapPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private graph: DependencyGraph = { nodes: [], edges: [], omittedEndpoints: 0 };
  private abort: AbortController | undefined;

  private constructor(private readonly ctx: Ctx, private readonly panel: vscode.WebviewPanel, private machines: readonly MachineRow[]) {
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), null, this.disposables);
    ctx.backends.onDidChange(() => void this.load(), null, this.disposables);
    ctx.backends.onDidChangeTimeRange(() => void this.load(), null, this.disposables);
  }

  static async show(ctx: Ctx, machines: readonly MachineRow[]): Promise<void> {
    if (DependencyMapPanel.current) {
      DependencyMapPanel.current.machines = machines;
      DependencyMapPanel.current.panel.reveal();
      await DependencyMapPanel.current.load();
      return;
    }
    const root = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('kql.dependencyMap', titleFor(machines), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [root],
    });
    DependencyMapPanel.current = new DependencyMapPanel(ctx, panel, machines);
    await DependencyMapPanel.current.load();
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const title = titleFor(this.machines);
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Loading the dependency map…' },
        () => this.ctx.backends.active.run(dependencyMapQuery(this.machines.map((m) => m.machine)), { timeRange: this.ctx.backends.timeRange, signal: abort.signal }),
      );
      if (abort.signal.aborted) {
        return;
      }
      this.graph = buildDependencyGraph(mapConnectionRows(result), { maxEndpoints: MAX_ENDPOINTS });
    } catch (error) {
      if (abort.signal.aborted) {
        return;
      }
      if (!(await offerSignInOnAuthError(this.ctx, error))) {
        void vscode.window.showErrorMessage(`The dependency map could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.graph = { nodes: [], edges: [], omittedEndpoints: 0 };
    }
    this.panel.title = title;
    // The page itself carries the graph, so a webview that VS Code reloads (hidden, then shown again)
    // redraws the latest one.
    const webview = this.panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'dist', 'webview', 'map.js'));
    webview.html = dependencyMapHtml({ cspSource: webview.cspSource, scriptUri: script.toString(), nonce: nonce(), title, graph: this.graph });
  }

  private onMessage(message: unknown): void {
    // Only ids of the graph on screen are accepted: the webview cannot make the host run arbitrary text.
    if (!isOpenNodeMessage(message)) {
      return;
    }
    const node = this.graph.nodes.find((n) => n.id === message.id);
    const query = node && queryForMapNode(node);
    if (query) {
      void openQueryBeside(query);
    }
  }

  dispose(): void {
    this.abort?.abort();
    DependencyMapPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
}

/**
 * The title-bar button passes no node: rather than silently mapping whatever row was last selected
 * (or right-clicked), ask which machines, with the selection picked already.
 */
async function askForMachines(tree: MachinesTree): Promise<readonly MachineRow[] | undefined> {
  const roots = await tree.provider.model.children();
  const machines = roots.flatMap((n) => (n.kind === 'machine' ? [n.row] : []));
  const selected = new Set(selectedMachines(undefined, undefined, tree.view).map((m) => m.machine));
  type Item = vscode.QuickPickItem & { row?: MachineRow };
  const all: Item = { label: '$(globe) All machines', description: `the fleet's ${machines.length} machines`, alwaysShow: true };
  const items: Item[] = [all, ...machines.map((row) => ({ label: row.computer || row.machine, description: row.machine, row, picked: selected.has(row.machine) }))];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Dependency map of…',
    placeHolder: 'Pick machines (the selection in the Machines view is picked), or All machines',
    canPickMany: true,
  });
  if (!picked || picked.length === 0) {
    return undefined;
  }
  return picked.includes(all) ? [] : picked.flatMap((i) => (i.row ? [i.row] : []));
}

export function registerDependencyMap(ctx: Ctx, machinesTree?: MachinesTree): void {
  ctx.subscriptions.push(
    vscode.commands.registerCommand('kql.showDependencyMap', async (node?: FleetNode, nodes?: FleetNode[]) => {
      let machines: readonly MachineRow[] | undefined = [];
      if (machinesTree) {
        machines = node ? selectedMachines(node, nodes, machinesTree.view) : await askForMachines(machinesTree);
      }
      if (machines) {
        await DependencyMapPanel.show(ctx, machines);
      }
    }),
    { dispose: () => DependencyMapPanel.current?.dispose() },
  );
}
