/**
 * The Pick Machines… quick pick. It shows at once, busy, with the current pick ticked while the backend
 * lists the machines (before, a progress notification ran the listing and the pick only appeared after
 * it: seconds on a fleet of 2,000, nothing to type into meanwhile). The current pick comes first, so
 * reopening it shows what the report covers without scrolling through 2,000 names.
 */
import * as vscode from 'vscode';
import { ALL_MACHINES, computersFromPick, machinePickList, nextMachineSelection } from '../../notebook';
import { log } from '../log';
import { progressTitle } from '../progressTitle';

type Item = vscode.QuickPickItem & { readonly name?: string };

/** Short enough for the pick's width (a longer one was cut before its advice in e2e 90). */
const READY_PLACEHOLDER = 'Type to filter; ticked machines replace "All machines"; none = all';

function separator(label: string): Item {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

/** The rows: All machines, then the current pick (ticked), then every other listed machine. */
function pickItems(listed: readonly string[], current: readonly string[]): Item[] {
  const list = machinePickList(listed, current);
  const all: Item = { label: 'All machines', description: '"*"', name: ALL_MACHINES, alwaysShow: true };
  const picked = [
    ...list.picked.map((name): Item => ({ label: name, name })),
    ...list.unlisted.map((name): Item => ({ label: name, name, description: 'no data in the time range' })),
  ];
  const others = list.others.map((name): Item => ({ label: name, name }));
  return [
    all,
    ...(picked.length > 0 ? [separator('picked'), ...picked] : []),
    ...(others.length > 0 ? [separator(picked.length > 0 ? 'other machines' : 'machines'), ...others] : []),
  ];
}

/**
 * Asks which machines; the names to write into `Computers` (["*"] for all), or undefined when the user
 * closed the pick. `list` lists the backend's machines; it is aborted when the pick closes first.
 */
export function pickMachineNames(
  current: readonly string[],
  backendLabel: string,
  list: (signal: AbortSignal) => Promise<string[]>,
): Promise<string[] | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = 'Pick Machines';
  qp.canSelectMany = true;
  qp.matchOnDescription = false;
  qp.busy = true;
  qp.placeholder = progressTitle('Listing machines', backendLabel);
  const abort = new AbortController();
  const openedAt = Date.now();
  let listed: string[] | undefined;
  const initial: readonly string[] = current.length === 0 ? [ALL_MACHINES] : current;

  /**
   * New rows keep what is ticked (the user may tick rows while the machines load). The rule between
   * "All machines" and the machines is applied on Enter, against what was ticked when the pick opened:
   * re-ticking rows from onDidChangeSelection raced VS Code's own checkbox updates (e2e 90 ended with
   * nothing ticked).
   */
  const show = (items: Item[]) => {
    const ticked = new Set(
      qp.items.length === 0 ? initial : qp.selectedItems.flatMap((i) => (i.name === undefined ? [] : [i.name])),
    );
    qp.items = items;
    qp.selectedItems = items.filter((i) => i.name !== undefined && ticked.has(i.name));
  };

  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string[] | undefined) => {
      if (done) {
        return;
      }
      done = true;
      abort.abort();
      qp.dispose();
      resolve(value);
    };
    qp.onDidHide(() => finish(undefined));
    qp.onDidAccept(() => {
      // Enter before the list arrived would write a pick made without seeing the machines.
      if (listed !== undefined) {
        const ticked = qp.selectedItems.flatMap((i) => (i.name === undefined ? [] : [i.name]));
        finish(computersFromPick(nextMachineSelection(initial, ticked), listed));
      }
    });
    // The current pick at once, ticked, while the machines load.
    show(pickItems([], current));
    qp.show();
    list(abort.signal).then(
      (names) => {
        if (done) {
          return;
        }
        listed = names;
        show(pickItems(names, current));
        qp.busy = false;
        qp.placeholder = READY_PLACEHOLDER;
        log.info(`Pick Machines: ${names.length} machines listed ${Date.now() - openedAt} ms after the pick opened`);
      },
      (e: unknown) => {
        if (done) {
          return;
        }
        const message = e instanceof Error ? e.message : String(e);
        log.error(`Listing machines failed: ${message}`);
        void vscode.window.showErrorMessage(`Could not list the machines: ${message}`);
        finish(undefined);
      },
    );
  });
}
