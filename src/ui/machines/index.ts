/**
 * The machines tree (`kql.machines`): machines → processes, bound ports, outbound dependencies and
 * inbound clients, queried lazily from the active backend over the query runner's time range.
 */
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { timeRangeLabel } from '../timeRangeLabel';
import { registerMachineCommands, MACHINES_FILTERED_CONTEXT } from './machineCommands';
import { MachinesModel, type FleetNode } from './machinesModel';
import { MachinesTreeProvider } from './machinesTreeProvider';

export interface MachinesTree {
  readonly provider: MachinesTreeProvider;
  readonly view: vscode.TreeView<FleetNode>;
}

export function registerMachinesTree(ctx: Ctx): MachinesTree {
  const model = new MachinesModel({
    backend: () => ctx.backends.active,
    runOptions: () => ({ timeRange: ctx.backends.timeRange }),
  });
  const provider = new MachinesTreeProvider(model, () => ctx.backends.active.label);
  const view = vscode.window.createTreeView('kql.machines', {
    treeDataProvider: provider,
    showCollapseAll: true,
    canSelectMany: true,
  });
  provider.visible = () => view.visible;
  provider.gate.visibility(view.visible);
  void vscode.commands.executeCommand('setContext', MACHINES_FILTERED_CONTEXT, false);
  // The range narrows what the tree lists (29 machines over a day can be 5 over 30 minutes): say it.
  const describeRange = (): void => {
    view.description = timeRangeLabel(ctx.config.timeRangeSetting);
  };
  describeRange();
  ctx.subscriptions.push(
    ctx.backends.onDidChangeTimeRange(describeRange),
    provider,
    view,
    // Completion's cache of live machine names listens to this.
    provider.onDidLoadRoots(() => ctx.fireDataRefreshed()),
    view.onDidChangeVisibility((e) => provider.gate.visibility(e.visible)),
    ctx.backends.onDidChange(() => provider.refresh('backend')),
    ctx.backends.onDidChangeTimeRange(() => provider.refresh('time range')),
  );
  registerMachineCommands(ctx, provider, view);
  return { provider, view };
}

export { MachinesModel, viewOf, type FleetNode } from './machinesModel';
export { openQueryBeside } from './openQuery';
