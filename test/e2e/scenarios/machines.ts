/**
 * Scenario 4: the Machines view lists the sample workspace's machines; expanding one shows its processes
 * and bound ports; the machine's context menu opens a connections query that runs.
 */
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { buildFleet } from '../../../src/data/sample/fleet';
import { cliAnswerSince, sameRows } from '../kqlCli';
import { crashNotices, waitForGrid } from '../resultsPanel';
import { type TreeRow, viewTree, viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from '../workbench';

/** acme-demo is the machine the seed queries name; it runs processes and binds ports in the sample. */
const MACHINE = 'acme-demo';

const machinesTree = (wb: Workbench): Locator => viewTree(wb, 'Machines');
const treeRows = (wb: Workbench): Promise<TreeRow[]> => viewTreeRows(wb, 'Machines');

function row(wb: Workbench, label: string, level: number): Locator {
  return machinesTree(wb)
    .locator(`.monaco-list-row[aria-level="${level}"]`)
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
}

/** Expands a collapsed row and waits for its children to be listed under it. */
export async function expand(wb: Workbench, label: string, level: number): Promise<TreeRow[]> {
  const target = row(wb, label, level);
  await target.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  if ((await target.getAttribute('aria-expanded')) !== 'true') {
    await target.locator('.monaco-tl-twistie').click();
  }
  return waitFor(`the children of "${label}"`, async () => {
    const rows = await treeRows(wb);
    const at = rows.findIndex((r) => r.label === label && r.level === level);
    const children: TreeRow[] = [];
    for (let i = at + 1; at >= 0 && i < rows.length && rows[i]!.level > level; i++) {
      children.push(rows[i]!);
    }
    return children.some((c) => c.level === level + 1) ? children : undefined;
  });
}

/**
 * Focuses the Machines view and collapses the container's other views (Reports, Schema), so the tree
 * has the whole side bar and rows deep in it are rendered, not virtualised away.
 */
export async function showMachinesViewAlone(wb: Workbench): Promise<void> {
  await wb.runCommand('Connection Analytics: Focus on Machines View');
  for (const view of ['Reports', 'Schema']) {
    const header = wb.page.locator(`.pane-header[aria-label^="${view}"][aria-expanded="true"]`);
    if (await header.isVisible()) {
      await header.click();
    }
  }
}

/**
 * Right-clicks a row and runs one action of its context menu. A menu can drop a click that lands just
 * as it opens; the hovered item then still has the focus, and Enter runs it.
 */
export async function runContextAction(wb: Workbench, target: Locator, label: string): Promise<void> {
  await target.click({ button: 'right' });
  const action = wb.page.locator('.context-view .monaco-menu .action-item', { hasText: label });
  await action.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await action.hover();
  await action.click();
  const closed = await action.waitFor({ state: 'hidden', timeout: 2_000 }).then(
    () => true,
    () => false,
  );
  if (!closed) {
    await wb.page.keyboard.press('Enter');
  }
}

export async function machinesScenario(wb: Workbench): Promise<void> {
  await showMachinesViewAlone(wb);
  const fleetNames = new Set(buildFleet().machines.map((m) => m.name));
  const machines = await waitFor('the sample machines in the Machines view', async () => {
    const rows = (await treeRows(wb)).filter((r) => r.level === 1);
    return rows.some((r) => r.label === MACHINE) ? rows : undefined;
  });
  const strangers = machines.filter((m) => !fleetNames.has(m.label)).map((m) => m.label);
  assert.deepEqual(strangers, [], 'the view lists machines the sample workspace does not have');
  assert.equal(machines[0]!.setSize, fleetNames.size, 'the view does not list every sample machine');

  const groups = await expand(wb, MACHINE, 1);
  const groupLabels = groups.filter((g) => g.level === 2).map((g) => g.label);
  for (const wanted of ['Processes', 'Bound ports']) {
    assert.ok(groupLabels.includes(wanted), `"${MACHINE}" has no "${wanted}" group: ${groupLabels.join(', ')}`);
  }
  const processes = (await expand(wb, 'Processes', 2)).filter((r) => r.level === 3);
  assert.ok(processes.length > 0 && processes.every((p) => p.label !== ''), 'no processes listed');
  const ports = (await expand(wb, 'Bound ports', 2)).filter((r) => r.level === 3);
  assert.ok(
    ports.some((p) => /:\d+/.test(p.label)),
    `no bound port (ip:port) listed under ${MACHINE}: ${ports.map((p) => p.label).join(', ')}`,
  );
  await wb.screenshot(4, 'machines-tree');

  // The machine's context menu opens its connections query beside and runs it.
  await runContextAction(wb, row(wb, MACHINE, 1), 'Open Connections Query');
  const query = await waitFor('the connections query in an editor', async () => {
    const text = (await wb.editorLines()).join('\n');
    return /VMConnection/.test(text) && text.includes(MACHINE) ? text : undefined;
  });
  // The action runs the query it opens; no Run is needed.
  const grid = await waitForGrid(
    wb,
    `the result of the connections query for ${MACHINE}`,
    (v) => v.rows.length > 0,
    60_000,
  );
  const compared = Math.min(5, grid.rows.length);
  const cli = cliAnswerSince(query, wb.openedAt, (t) => sameRows(t, grid.headers, grid.rows.slice(0, compared)));
  assert.deepEqual(grid.headers, cli.table.headers, 'the grid and the kql CLI disagree on the columns');
  assert.deepEqual(
    grid.rows.slice(0, compared),
    cli.table.rows.slice(0, compared),
    'the grid and the kql CLI disagree',
  );
  await wb.screenshot(4, 'machine-query');
  assert.deepEqual(await crashNotices(wb), []);
}
