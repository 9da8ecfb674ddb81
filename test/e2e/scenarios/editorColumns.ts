/**
 * Scenario 12: machine context actions, run one after another, reuse one query column and one results
 * panel (no new editor columns each time).
 */
import assert from 'node:assert/strict';
import { crashNotices, waitForGrid } from '../resultsPanel';
import type { Workbench } from '../workbench';
import { runContextAction, showMachinesViewAlone } from './machines';

const MACHINE = 'acme-demo';

async function machineAction(wb: Workbench, action: string): Promise<void> {
  const row = wb.page
    .locator('.pane', { has: wb.page.locator('.pane-header[aria-label^="Machines"]') })
    .locator('.monaco-list-row[aria-level="1"]')
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${MACHINE}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await runContextAction(wb, row, action);
}

async function editorGroups(wb: Workbench): Promise<number> {
  return wb.page.locator('.editor-group-container').count();
}

export async function editorColumnsScenario(wb: Workbench): Promise<void> {
  await showMachinesViewAlone(wb);
  await machineAction(wb, 'Open Connections Query');
  await waitForGrid(wb, 'the connections grid', (v) => v.headers.length > 0, 60_000);
  const afterFirst = await editorGroups(wb);
  await machineAction(wb, 'Open Bound Ports Query');
  await waitForGrid(wb, 'the bound ports grid', (v) => v.headers.includes('Port'), 60_000);
  await machineAction(wb, 'Open Connections Query');
  await waitForGrid(wb, 'the connections grid again', (v) => !v.headers.includes('Port') && v.rows.length > 0, 60_000);
  const groups = await editorGroups(wb);
  // From an empty editor area: the query in the first column, its results beside it; no more after.
  assert.ok(
    groups <= 2 && groups === afterFirst,
    `machine actions opened ${groups} editor columns (${afterFirst} after the first)`,
  );
  await wb.screenshot(12, 'machine-actions-reuse-columns');

  assert.deepEqual(await crashNotices(wb), []);
}
