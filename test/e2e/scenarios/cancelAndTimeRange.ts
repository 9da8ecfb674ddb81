/**
 * Scenario 14: a query that runs for many seconds is cancelled from its progress notification; the panel
 * says it was cancelled and the next query runs. Then the time range picker: "Last hour" narrows the
 * same query's count, and the status bar names the range.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { runBlock, runStatusText } from '../queryFile';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from '../workbench';

const FILE = 'journeys.kql';

async function errorHeading(frame: Frame): Promise<string | undefined> {
  return (
    (await frame
      .locator('.error-box h3')
      .textContent({ timeout: 1_000 })
      .catch(() => null)) ?? undefined
  );
}

async function pickTimeRange(wb: Workbench, label: string): Promise<void> {
  await wb.runCommand('Connection Analytics: Select Time Range');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
}

export async function cancelAndTimeRangeScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// A query that runs for many seconds on the local engine');
  // The progress notification appears after a moment; its Cancel button stops the engine.
  const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Running query on/ });
  await toast.waitFor({ state: 'visible', timeout: 60_000 });
  const frame = await resultsFrame(wb, 60_000);
  // The panel may be a moment behind the notification: wait for its status line to say so.
  await waitFor(
    'the panel saying the query is running',
    async () => {
      const status =
        (await frame
          .locator('.status')
          .textContent({ timeout: 1_000 })
          .catch(() => null)) ?? '';
      return /Running/.test(status) ? status : undefined;
    },
    UI_TIMEOUT_MS,
  );
  await toast.hover();
  await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
  const cancelled = Date.now();
  const heading = await waitFor(
    'the panel saying the query was cancelled',
    async () => {
      const h = await errorHeading(frame);
      return h === 'Cancelled' ? h : undefined;
    },
    20_000,
  );
  assert.equal(heading, 'Cancelled');
  assert.match((await frame.locator('.error-message').textContent()) ?? '', /The query was cancelled/);
  assert.ok(Date.now() - cancelled < 20_000);
  await toast.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  assert.match(await runStatusText(wb), /cancelled/i);
  await wb.screenshot(14, 'query-cancelled');

  // The next query runs (the engine is usable after a cancel).
  await wb
    .activeEditor()
    .click({ position: { x: 200, y: 10 } })
    .catch(() => undefined);
  await runBlock(wb, workspace, FILE, '// Connections in the time range');
  const all = await waitForGrid(wb, 'the count of every connection', withColumns('Links'), 90_000);
  const allLinks = Number(all.rows[0]![0]!.replace(/,/g, ''));
  assert.ok(allLinks > 0, `Links = ${all.rows[0]![0]}`);
  assert.match(await runStatusText(wb), /Time range set in query/);

  // Last hour: the status bar says so and the same query counts fewer connections.
  try {
    await pickTimeRange(wb, 'Last hour');
    await waitFor('the status bar naming the last hour', async () =>
      (await runStatusText(wb)).includes('Last hour') ? true : undefined,
    );
    await wb.openFile(FILE);
    await runBlock(wb, workspace, FILE, '// Connections in the time range');
    const hour = await waitForGrid(
      wb,
      'the count over the last hour',
      (v) => withColumns('Links')(v) && Number(v.rows[0]![0]!.replace(/,/g, '')) !== allLinks,
      60_000,
    );
    const hourLinks = Number(hour.rows[0]![0]!.replace(/,/g, ''));
    assert.ok(hourLinks > 0 && hourLinks < allLinks / 4, `the last hour has ${hourLinks} of ${allLinks} connections`);
    assert.match(await runStatusText(wb), /Last hour · 1 row/);
    await wb.screenshot(14, 'time-range-last-hour');
  } finally {
    // Later scenarios compare with the CLI, which adds no time filter.
    await wb.page.keyboard.press('Escape');
    await pickTimeRange(wb, 'Set in query');
  }
  await waitFor('the time range set back to the query', async () =>
    (await runStatusText(wb)).includes('set in query') ? true : undefined,
  );
  assert.deepEqual(await crashNotices(wb), []);
}
