/**
 * Scenario 17: switching backends. Log Analytics chosen with no workspace id: the run fails with a
 * message that says which setting is missing and offers a button to set it; the id typed there becomes
 * the backend's label. Then back to the local engine with Select Query Backend, and a query runs.
 */
import assert from 'node:assert/strict';
import { runBlock, runStatusText } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const FILE = 'journeys.kql';
const WORKSPACE_ID = '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a';

export async function statusShows(wb: Workbench, what: string, pattern: RegExp): Promise<string> {
  return waitFor(what, async () => {
    const t = await runStatusText(wb);
    return pattern.test(t) ? t : undefined;
  });
}

/**
 * Sets `"key": value` in the user settings.json editor, as a user edits it, and saves. The key is
 * already there (the test settings set it): its line is rewritten, so the file keeps one value for it.
 */
export async function editUserSetting(
  wb: Workbench,
  key: string,
  value: string,
  open = (w: Workbench) => w.runCommand('Preferences: Open User Settings (JSON)'),
): Promise<void> {
  await open(wb);
  await wb.page
    .locator('.tabs-container .tab.active[aria-label^="settings.json"]')
    .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // The editor reopens where it was scrolled; line numbers below count from the top of the file.
  await wb.page.keyboard.press('Control+Home');
  const lines = await waitFor(`"${key}" in settings.json`, async () => {
    const shown = await wb.editorLines();
    // Only a view that starts at the file's first line gives line numbers (the scroll lands a frame later).
    return shown[0]?.trim() === '{' && shown.some((l) => l.includes(`"${key}"`)) ? shown : undefined;
  });
  const at = lines.findIndex((l) => l.includes(`"${key}"`));
  const old = lines[at]!;
  await wb.goTo(at + 1, 1);
  await wb.page.keyboard.press('Shift+End');
  await wb.page.keyboard.insertText(
    `${old.slice(0, old.indexOf('"'))}"${key}": ${value}${old.trimEnd().endsWith(',') ? ',' : ''}`,
  );
  await wb.page.keyboard.press('Control+S');
  await wb.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await wb.runCommand('View: Close Editor', false);
}

export async function selectBackend(wb: Workbench, label: string): Promise<void> {
  await wb.runCommand('Connection Analytics: Select Query Backend');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
}

/** Switches back to the local engine and checks that a count answers there, as a user would. */
export async function backToLocalEngine(wb: Workbench, workspace: string): Promise<void> {
  await selectBackend(wb, 'Local engine');
  await statusShows(wb, 'the status bar naming the sample workspace', /Sample workspace/);
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// Connections in the time range');
  const grid = await waitForGrid(wb, 'the count on the local engine', withColumns('Links'), 60_000);
  assert.ok(Number(grid.rows[0]![0]!.replace(/,/g, '')) > 0);
}

export async function backendsScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  let switched = false;
  try {
    // As a user who sets kql.backend in settings.json and no workspace id.
    await editUserSetting(wb, 'kql.backend', '"logAnalytics"');
    switched = true;
    await wb.openFile(FILE);
    await statusShows(wb, 'the status bar naming Log Analytics', /Log Analytics \(no workspace\)/);
    await runBlock(wb, workspace, FILE, '// Connections in the time range');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', {
      hasText: /kql\.logAnalytics\.workspaceId/,
    });
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    const frame = await resultsFrame(wb);
    // The heading says what is wrong: no workspace to query, not that something "failed".
    await waitFor('the panel saying Log Analytics is not set up', async () =>
      (await frame
        .locator('.error-box h3')
        .textContent()
        .catch(() => '')) === 'Log Analytics is not set up'
        ? true
        : undefined,
    );
    assert.match((await frame.locator('.error-message').textContent()) ?? '', /Set kql\.logAnalytics\.workspaceId/);
    assert.match(
      await statusShows(wb, 'the status bar saying the run failed', /failed/),
      /Log Analytics \(no workspace\)/,
    );
    await wb.screenshot(17, 'log-analytics-no-workspace');

    await toast.hover();
    await toast.locator('.monaco-button', { hasText: 'Set Workspace ID…' }).click();
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill('not a guid');
    await wb.page
      .locator('.quick-input-message', { hasText: /is a GUID/ })
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill(WORKSPACE_ID);
    await wb.page.keyboard.press('Enter');
    await statusShows(wb, 'the status bar naming the workspace', /Log Analytics: 0b6c1a2e…/);
    // With a workspace, Log Analytics asks to sign in (code-server has no Microsoft account here): cancel.
    const signIn = wb.page.locator('.monaco-dialog-box', { hasText: /wants to sign in using Microsoft/ });
    await signIn.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await wb.screenshot(17, 'log-analytics-sign-in-asked');
    await signIn.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await signIn.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });

    // Back to the local engine, as a user does: the command palette.
    await backToLocalEngine(wb, workspace);
    switched = false;
    assert.match((await frame.locator('.status').textContent()) ?? '', /local engine/);
    await wb.screenshot(17, 'back-to-local-engine');
  } finally {
    if (switched) {
      for (let i = 0; i < 3; i++) {
        await wb.page.keyboard.press('Escape');
      }
      await selectBackend(wb, 'Local engine');
    }
  }
  assert.deepEqual(await crashNotices(wb), []);
}
