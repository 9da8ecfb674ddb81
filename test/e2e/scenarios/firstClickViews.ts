/**
 * Scenario 105: the first click on a row of the Machines and Reports views does what it says the first
 * time. The window opens on the Explorer; the extension starts for a .kql file, and a settings edit
 * changes the time range while the Connection Analytics container has never been shown (the Machines
 * view used to tell VS Code then, which replayed it as a second redraw just after the view first drew
 * its rows: a click landing in it was dropped, as the Schema view's was). Then the user opens the
 * container and clicks a machine once (it expands) and a report once (it opens).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { inOwnWorkspace } from '../ownWorkspace';
import { runStatusText } from '../queryFile';
import { viewTree, viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from '../workbench';
import { cellList } from './notebooks';

const N = 105;
/** The sample machine the seed queries name; it has processes and ports to expand to. */
const MACHINE = 'acme-demo';
const REPORT = 'Open ports';

function viewRow(wb: Workbench, view: string, label: string) {
  return viewTree(wb, view)
    .locator('.monaco-list-row[aria-level="1"]')
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
}

/** The report's title as its first markdown cell draws it (in the notebook's webview, not the workbench). */
async function reportHeadingShown(wb: Workbench): Promise<boolean> {
  if (!/\.kqlnb/.test((await wb.page.locator('.tab.active').first().textContent()) ?? '')) return false;
  for (const frame of wb.page.frames() as Frame[]) {
    if (frame === wb.page.mainFrame() || frame.isDetached()) continue;
    const heading = frame.getByText(REPORT, { exact: true }).first();
    if (await heading.isVisible().catch(() => false)) return true;
  }
  return false;
}

export async function firstClickViewsScenario(main: Workbench): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-first-click-'));
  fs.mkdirSync(path.join(workspace, '.vscode'));
  const settings = path.join(workspace, '.vscode/settings.json');
  fs.writeFileSync(settings, JSON.stringify({ 'kql.backend': 'local' }, null, 2));
  fs.writeFileSync(path.join(workspace, 'ports.kql'), 'VMBoundPort\n| take 10\n');

  await inOwnWorkspace(main, N, workspace, async (wb) => {
    // The extension starts for the .kql file; the container stays closed (the Explorer is open).
    await wb.openFile('ports.kql');
    await waitFor('the status bar naming the sample workspace', async () =>
      /Sample workspace/.test(await runStatusText(wb)) ? true : undefined,
    );
    assert.equal(await viewTree(wb, 'Machines').count(), 0, 'the Machines view is not on screen yet');

    // A settings edit while the views have never been shown: the status bar shows the extension heard it.
    fs.writeFileSync(settings, JSON.stringify({ 'kql.backend': 'local', 'kql.timeRange': 'P7D' }, null, 2));
    await waitFor('the status bar saying "Last 7 days"', async () =>
      /Last 7 days/.test(await runStatusText(wb)) ? true : undefined,
    );

    // The user opens the container and clicks the machine as soon as it is drawn: once.
    await wb.page.locator('.activitybar .action-item [aria-label^="Connection Analytics"]').first().click();
    const machine = viewRow(wb, 'Machines', MACHINE);
    await machine.waitFor({ state: 'visible', timeout: 90_000 });
    await machine.click();
    const children = await waitFor(
      `${MACHINE} expanded by one click`,
      async () => {
        const rows = await viewTreeRows(wb, 'Machines');
        const at = rows.findIndex((r) => r.label === MACHINE && r.level === 1);
        const under = rows.slice(at + 1).filter((r) => r.level === 2);
        return at >= 0 && rows[at]!.expanded === 'true' && under.length > 0 ? under.map((r) => r.label) : undefined;
      },
      30_000,
    ).catch(async (e) => {
      await wb.screenshot(N, 'machine-click-dropped');
      throw e;
    });
    assert.ok(children.includes('Processes'), `${MACHINE}'s groups: ${children.join(', ')}`);

    // One click on a report opens it as a notebook.
    const report = viewRow(wb, 'Reports', REPORT);
    await report.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await report.click();
    await waitFor(
      `"${REPORT}" open after one click`,
      async () => ((await cellList(wb).isVisible()) && (await reportHeadingShown(wb)) ? true : undefined),
      30_000,
    ).catch(async (e) => {
      await wb.screenshot(N, 'report-click-dropped');
      throw e;
    });
    await wb.screenshot(N, 'first-clicks');
  });
}
