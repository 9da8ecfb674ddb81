/**
 * The map's title-bar button passes no node: rather than silently mapping whatever row was last
 * selected (or right-clicked), ask which machines, with the Machines view's selection picked already.
 */
import * as vscode from 'vscode';
import type { MachinesTree } from '../machines';
import { selectedMachines } from '../machines/machineCommands';
import type { MachineRow } from '../machines/fleetRows';

/** The machines picked; [] for the whole fleet; undefined when the user cancelled. */
export async function askForMachines(tree: MachinesTree): Promise<readonly MachineRow[] | undefined> {
  const roots = await tree.provider.model.children();
  const machines = roots.flatMap((n) => (n.kind === 'machine' ? [n.row] : []));
  const selected = new Set(selectedMachines(undefined, undefined, tree.view).map((m) => m.machine));
  type Item = vscode.QuickPickItem & { row?: MachineRow };
  const all: Item = {
    label: '$(globe) All machines',
    description: `the fleet's ${machines.length} machines`,
    alwaysShow: true,
  };
  const items: Item[] = [
    all,
    ...machines.map((row) => ({
      label: row.computer || row.machine,
      description: row.machine,
      row,
      picked: selected.has(row.machine),
    })),
  ];
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
