/**
 * Scenario 15: copying from the grid. Ctrl+C on a selected cell and "Copy row" from a cell's context
 * menu put exactly that text on the clipboard (read back through the page's clipboard API, which the
 * browser context is allowed to use, as a user's browser allows code-server).
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { runBlock } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

declare const navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };

const FILE = 'journeys.kql';

function cell(frame: Frame, row: number, col: number) {
  return frame.locator(`.grid-body [role=row][data-row="${row}"] [role=gridcell]`).nth(col);
}

export async function clipboardBecomes(wb: Workbench, what: string, expected: string): Promise<string> {
  return waitFor(
    what,
    async () => {
      const text = await wb.page.evaluate(() => navigator.clipboard.readText());
      return text === expected ? text : undefined;
    },
    10_000,
  ).catch(async (e: Error) => {
    const text = await wb.page.evaluate(() => navigator.clipboard.readText()).catch(() => '(unreadable)');
    throw new Error(`${e.message}; the clipboard holds ${JSON.stringify(text)}, expected ${JSON.stringify(expected)}`);
  });
}

export async function copyCellsScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
  await wb.page.evaluate(() => navigator.clipboard.writeText('nothing copied yet'));
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// Bound ports per machine');
  const grid = await waitForGrid(wb, 'the bound ports grid', withColumns('Computer', 'Ports'), 90_000);
  const frame = await resultsFrame(wb);

  // Click the second row's machine name, Ctrl+C: the cell's text.
  await cell(frame, 1, 0).click();
  await frame.locator('.grid-viewport').press('Control+c');
  await clipboardBecomes(wb, 'the copied cell on the clipboard', grid.rows[1]![0]!);

  // Right-click the third row's port count, "Copy row": the row's cells, tab-separated.
  await cell(frame, 2, 1).click({ button: 'right' });
  const menu = frame.locator('.context-menu[role=menu]:not([hidden])');
  await menu.waitFor({ state: 'visible', timeout: 5_000 });
  await wb.screenshot(15, 'grid-context-menu');
  await menu.locator('[role=menuitem]', { hasText: 'Copy row' }).click();
  await clipboardBecomes(wb, 'the copied row on the clipboard', grid.rows[2]!.join('\t'));
  assert.equal(await menu.count(), 0, 'the context menu stayed open after Copy row');

  // Escape closes the menu without copying.
  await cell(frame, 0, 1).click({ button: 'right' });
  await menu.waitFor({ state: 'visible', timeout: 5_000 });
  await wb.page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden', timeout: 5_000 });
  assert.equal(await wb.page.evaluate(() => navigator.clipboard.readText()), grid.rows[2]!.join('\t'));
  assert.deepEqual(await crashNotices(wb), []);
}
