/** The machines tree's commands: refresh, filter, and the context actions on machines and processes. */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { boundPortsQueryFor, connectionsQueryFor, trafficChartQueryFor } from './fleetQueries';
import type { MachineRow } from './fleetRows';
import type { FleetNode } from './machinesModel';
import type { MachinesTreeProvider } from './machinesTreeProvider';
import { openQueryBeside } from './openQuery';

export const MACHINES_FILTERED_CONTEXT = 'kql.machinesFiltered';

/** The machine a node belongs to, for actions invoked on any node under it. */
export function machineOf(node: FleetNode | undefined): MachineRow | undefined {
  if (!node) {
    return undefined;
  }
  switch (node.kind) {
    case 'machine':
      return node.row;
    case 'message':
      return node.parent ? machineOf(node.parent) : undefined;
    default:
      return node.machine;
  }
}

/** The machines of a context-menu invocation: the multi-selection when there is one, else the clicked node. */
export function selectedMachines(
  node: FleetNode | undefined,
  nodes: readonly FleetNode[] | undefined,
  view: vscode.TreeView<FleetNode>,
): MachineRow[] {
  const picked = nodes && nodes.length ? nodes : node ? [node] : view.selection;
  const byId = new Map<string, MachineRow>();
  for (const n of picked) {
    const m = machineOf(n);
    if (m) {
      byId.set(m.machine, m);
    }
  }
  return [...byId.values()];
}

export function registerMachineCommands(
  ctx: Ctx,
  provider: MachinesTreeProvider,
  view: vscode.TreeView<FleetNode>,
): void {
  const setFiltered = (text: string | undefined): void => {
    provider.model.setFilter(text);
    view.description = provider.model.filterText ? `filter: ${provider.model.filterText}` : undefined;
    void vscode.commands.executeCommand('setContext', MACHINES_FILTERED_CONTEXT, !!provider.model.filterText);
    provider.refresh('filter');
  };
  const needMachine = (node: FleetNode | undefined): MachineRow | undefined => {
    const m = machineOf(node) ?? machineOf(view.selection[0]);
    if (!m) {
      void vscode.window.showInformationMessage('Select a machine in the Machines view first.');
    }
    return m;
  };

  ctx.subscriptions.push(
    vscode.commands.registerCommand('kql.refreshMachines', () => {
      provider.refresh('Refresh');
      ctx.fireDataRefreshed();
    }),
    vscode.commands.registerCommand('kql.filterMachines', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter Machines',
        prompt: 'Part of a computer name, an operating system or an IP address',
        value: provider.model.filterText ?? '',
      });
      if (text !== undefined) {
        setFiltered(text);
      }
    }),
    vscode.commands.registerCommand('kql.clearMachinesFilter', () => setFiltered(undefined)),
    vscode.commands.registerCommand('kql.openConnectionsQuery', async (node?: FleetNode) => {
      const m = needMachine(node);
      if (m) {
        await openQueryBeside(connectionsQueryFor(m.machine, m.computer), true, ctx.schemas.current);
      }
    }),
    vscode.commands.registerCommand('kql.openBoundPortsQuery', async (node?: FleetNode) => {
      const m = needMachine(node);
      if (m) {
        await openQueryBeside(boundPortsQueryFor(m.machine, m.computer), true, ctx.schemas.current);
      }
    }),
    vscode.commands.registerCommand('kql.chartTraffic', async (node?: FleetNode, nodes?: FleetNode[]) => {
      const machines = selectedMachines(node, nodes, view);
      if (machines.length === 0) {
        void vscode.window.showInformationMessage('Select one or more machines in the Machines view first.');
        return;
      }
      await openQueryBeside(trafficChartQueryFor(machines.map((m) => m.machine)), true, ctx.schemas.current);
    }),
    vscode.commands.registerCommand('kql.copyResourceId', async (node?: FleetNode) => {
      const id = resourceIdOf(node ?? view.selection[0]);
      if (!id) {
        void vscode.window.showInformationMessage('Select a machine or a process in the Machines view first.');
        return;
      }
      await vscode.env.clipboard.writeText(id);
      void vscode.window.setStatusBarMessage(`Copied ${id}`, 3000);
    }),
  );
}

/**
 * A machine's Azure resource id when the inventory has one, else its Service Map resource name
 * (m-{GUID}); a process's Service Map name qualified by its machine, since p-… is unique per machine only.
 */
export function resourceIdOf(node: FleetNode | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  if (node.kind === 'machine') {
    return node.row.resourceId || node.row.machine;
  }
  if (node.kind === 'process') {
    return `${node.machine.machine}/${node.row.process}`;
  }
  return undefined;
}
