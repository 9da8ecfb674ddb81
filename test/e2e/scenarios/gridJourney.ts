/**
 * Scenario 10: the grid as a user works it. A filter paints only the matching rows (status "N of M"),
 * a header click sorts them, and Export CSV writes exactly the rows shown. (Scrolling to the end is
 * checked in Chromium by test/webview/gridInChromium.test.ts.)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { clickRunLens, seedBlock } from '../codeLens';
import { crashNotices, readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { waitFor, type Workbench } from '../workbench';
import { answerSaveDialog } from '../saveDialog';

const OPEN_PORTS = '// Number of open ports across machines';

async function filterGrid(frame: Frame, text: string): Promise<void> {
  await frame.locator('vscode-textfield.filter input').fill(text);
}

export async function gridJourneyScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile('vm-insights.kql');
  await clickRunLens(wb, seedBlock(workspace, OPEN_PORTS));
  // The first run of a fresh server loads the engine worker and Kusto.Language: allow for a busy machine.
  const all = await waitForGrid(wb, 'the open-ports grid', withColumns('Computer', 'Machine', 'OpenPorts'), 120_000);
  const total = Number(/^([\d,]+) rows/.exec(all.status)?.[1]?.replace(/,/g, ''));
  assert.ok(total > 6, `the open-ports query returned ${all.status}`);
  const frame = await resultsFrame(wb);

  await filterGrid(frame, 'onprem');
  const filtered = await waitFor('the filtered grid', async () => {
    const v = await readGrid(frame);
    return v && / of /.test(v.status) ? v : undefined;
  });
  const shown = Number(/^([\d,]+) of/.exec(filtered.status)?.[1]);
  assert.ok(shown > 0 && shown < total, filtered.status);
  assert.equal(filtered.rows.length, shown, `the status says ${shown} rows but ${filtered.rows.length} are painted`);
  assert.ok(
    filtered.rows.every((r) => r.join(' ').includes('onprem')),
    'a painted row does not match the filter',
  );

  // Sort by OpenPorts, descending (second click on its sort button; a click elsewhere on the header selects the column).
  const header = frame.locator('[role=columnheader]', { hasText: 'OpenPorts' });
  await header.locator('.sort-button').click();
  await header.locator('.sort-button').click();
  const sorted = await waitFor('the grid sorted by OpenPorts, descending', async () => {
    const v = await readGrid(frame);
    const n = v?.rows.map((r) => Number(r[2]));
    return v &&
      n &&
      n.every((x, i) => i === 0 || x <= n[i - 1]!) &&
      (await header.getAttribute('aria-sort')) === 'descending'
      ? v
      : undefined;
  });
  await wb.screenshot(10, 'grid-filter-sort');

  // Export CSV writes the rows shown, in their order.
  const target = path.join(workspace, 'vm-insights-results.csv');
  fs.rmSync(target, { force: true });
  await frame.locator('vscode-button', { hasText: 'Export CSV' }).click();
  await answerSaveDialog(wb, target);
  const csv = await waitFor('the exported CSV', async () =>
    fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined,
  );
  const lines = csv.trim().split(/\r\n/);
  assert.deepEqual(lines[0], 'Computer,Machine,OpenPorts');
  assert.deepEqual(
    lines.slice(1),
    sorted.rows.map((r) => r.join(',')),
    'the export is not the rows shown',
  );

  await wb.screenshot(10, 'grid-exported');
  assert.deepEqual(await crashNotices(wb), []);
}
