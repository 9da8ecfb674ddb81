/**
 * `kql.showDependencyMap`: the fleet's dependencies in a webview. The host runs the queries (the map's
 * window, and the diff query when two windows are compared), builds the FleetGraph and posts it with
 * the typed map protocol; the webview draws it and asks for other windows. Selected machines open in
 * focus mode, nothing selected in fleet mode; both get the whole fleet's graph so focus can grow.
 */

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { MapGraphMessage, MapHostMessage, MapTimeWindow } from '../../protocol/mapMessages';
import { validateMapWebviewMessage } from '../../protocol/validateMap';
import { buildFleetGraph, type FleetGraph } from '../../render/fleetGraph';
import { type DiffRow, diffToCsv, diffToJson } from '../../render/mapDiff';
import { makeNonce, webviewPageHtml } from '../../webviewHtml/resultsPanelHtml';
import { offerSignInOnAuthError } from '../backendCommands';
import type { Ctx } from '../ctx';
import { log } from '../log';
import type { MachinesTree } from '../machines';
import { dependencyMapQuery } from '../machines/fleetQueries';
import { type MachineRow, mapConnectionRows } from '../machines/fleetRows';
import { selectedMachines } from '../machines/machineCommands';
import type { FleetNode } from '../machines/machinesModel';
import { newestRecord } from '../machines/newestRecord';
import { openQueryBeside } from '../machines/openQuery';
import { askForMachines } from './askForMachines';
import { diffPlan } from './mapDiffParts';
import { coveringRange, mapDiffQuery } from './mapDiffQuery';
import { diffRows, withChanges } from './mapDiffRows';
import { queryForFleetNode } from './mapNodeQuery';
import { emptyMapNote, mapRange } from './mapWindow';

function titleFor(machines: readonly MachineRow[]): string {
  if (machines.length === 0) {
    return 'Dependency map: all machines';
  }
  const names = machines
    .slice(0, 3)
    .map((m) => m.computer || m.machine)
    .join(', ');
  return `Dependency map: ${names}${machines.length > 3 ? ` and ${machines.length - 3} more` : ''}`;
}

interface Comparison {
  readonly before: MapTimeWindow;
  readonly after: MapTimeWindow;
}

class DependencyMapPanel {
  static current: DependencyMapPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private graph: FleetGraph = { machines: [], processes: [], groups: [], endpoints: [], links: [] };
  private last: MapGraphMessage | undefined;
  private window: MapTimeWindow | undefined;
  private comparison: Comparison | undefined;
  private diff: { rows: DiffRow[]; query: string; notes: string[] } | undefined;
  private abort: AbortController | undefined;

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel: vscode.WebviewPanel,
    private machines: readonly MachineRow[],
  ) {
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m), null, this.disposables);
    const reset = (): void => {
      this.window = undefined;
      this.comparison = undefined;
      void this.load();
    };
    ctx.backends.onDidChange(reset, null, this.disposables);
    ctx.backends.onDidChangeTimeRange(reset, null, this.disposables);
    const webview = panel.webview;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview', 'map.js'));
    webview.html = webviewPageHtml({
      cspSource: webview.cspSource,
      scriptUri: script.toString(),
      nonce: makeNonce((n) => randomBytes(n)),
      title: titleFor(machines),
      blobWorkers: true,
    });
  }

  static async show(ctx: Ctx, machines: readonly MachineRow[]): Promise<void> {
    if (DependencyMapPanel.current) {
      DependencyMapPanel.current.machines = machines;
      DependencyMapPanel.current.last = undefined;
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
    // The page says 'ready' when its script runs, and the map is posted then.
  }

  private post(message: MapHostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async load(): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const title = titleFor(this.machines);
    const range = mapRange(this.ctx.backends.timeRange, Date.now());
    const window = this.comparison?.after ?? this.window ?? range;
    this.panel.title = title;
    this.post({
      type: 'mapLoading',
      note: this.comparison ? 'Comparing the two windows…' : 'Loading the dependency map…',
    });
    try {
      const backend = this.ctx.backends.active;
      const comparison = this.comparison;
      const work = async () => {
        const connections = mapConnectionRows(
          await backend.run(dependencyMapQuery([]), { timeRange: window, signal: abort.signal }),
        );
        if (!comparison) {
          // Nothing in the window: say when the data ends if the range is what hides it.
          const empty =
            connections.length === 0
              ? emptyMapNote(await newestRecord(backend, abort.signal), window, Date.now())
              : undefined;
          return { connections, diff: undefined, empty };
        }
        // A part whose table the workspace lacks is left out and said, not a failed compare.
        const { parts, notes } = await diffPlan(backend, abort.signal);
        const query = mapDiffQuery(comparison.before, comparison.after, parts);
        const rows = diffRows(
          await backend.run(query, {
            timeRange: coveringRange(comparison.before, comparison.after),
            signal: abort.signal,
          }),
        );
        return { connections: withChanges(connections, rows), diff: { rows, query, notes }, empty: undefined };
      };
      const { connections, diff, empty } = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: comparison ? 'Comparing two windows of the dependency map…' : 'Loading the dependency map…',
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return work();
        },
      );
      if (abort.signal.aborted) {
        return;
      }
      this.diff = diff;
      this.graph = buildFleetGraph(connections, { seeds: this.machines.map((m) => m.machine) });
      this.last = {
        type: 'mapGraph',
        title,
        graph: this.graph,
        mode: this.machines.length ? 'focus' : 'fleet',
        focus: this.machines.map((m) => `machine:${m.machine}`),
        range,
        window,
        ...(empty ? { empty } : {}),
        ...(comparison && diff
          ? { diff: { before: comparison.before, after: comparison.after, rows: diff.rows, notes: diff.notes } }
          : {}),
      };
      this.post(this.last);
    } catch (error) {
      if (abort.signal.aborted) {
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      log.error(`dependency map: ${message}`);
      this.post({ type: 'mapError', message: `The dependency map could not be loaded: ${message}` });
      if (!(await offerSignInOnAuthError(this.ctx, error))) {
        void vscode.window.showErrorMessage(`The dependency map could not be loaded: ${message}`);
      }
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    const checked = validateMapWebviewMessage(raw);
    if (!checked.ok) {
      log.warn(`dependency map: dropped a webview message: ${checked.reason}`);
      return;
    }
    const m = checked.value;
    switch (m.type) {
      case 'ready':
        // A reloaded page (hidden, then shown) gets the map it had.
        if (this.last) {
          this.post(this.last);
        } else {
          await this.load();
        }
        return;
      case 'openNode': {
        const query = queryForFleetNode(this.graph, m.id);
        if (query) {
          await openQueryBeside(query, true, this.ctx.schemas.current);
        }
        return;
      }
      case 'setWindow':
        this.window = m.window;
        this.comparison = undefined;
        await this.load();
        return;
      case 'compare':
        this.comparison = { before: m.before, after: m.after };
        await this.load();
        return;
      case 'clearCompare':
        this.comparison = undefined;
        await this.load();
        return;
      case 'showDiffQuery':
        if (this.diff) {
          await openQueryBeside(this.diff.query, false);
        }
        return;
      case 'exportDiff':
        await this.exportDiff(m.format);
        return;
    }
  }

  private async exportDiff(format: 'csv' | 'json'): Promise<void> {
    if (!this.diff) {
      return;
    }
    const target = await vscode.window.showSaveDialog({
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      defaultUri: vscode.Uri.file(`map-changes.${format}`),
    });
    if (target) {
      await fs.writeFile(
        target.fsPath,
        format === 'csv' ? diffToCsv(this.diff.rows) : diffToJson(this.diff.rows),
        'utf8',
      );
      void vscode.window.showInformationMessage(`Saved ${this.diff.rows.length} changes to ${target.fsPath}`);
    }
  }

  dispose(): void {
    this.abort?.abort();
    DependencyMapPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
    this.panel.dispose();
  }
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
