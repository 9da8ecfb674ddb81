/**
 * Scenario 19: Log Analytics at an endpoint nobody answers. A user points kql.logAnalytics.endpoint at
 * a closed local port, signs in (the e2e run's fake Microsoft sign-in), confirms the one-time dialog
 * that names the custom host, and runs a query: the panel says the service could not be reached and
 * names the host, within the scenario's time (retries end; nothing hangs). Back on the local engine a
 * query runs.
 */
import assert from 'node:assert/strict';
import { freePort } from '../codeServer';
import { runBlock } from '../queryFile';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from '../workbench';
import { backToLocalEngine, editUserSetting, selectBackend, statusShows } from './backends';

const FILE = 'journeys.kql';
const WORKSPACE_ID = '5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a5b';

/** Its palette title ends with the remote's name, so it is picked by the start of the title. */
async function openRemoteSettings(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('F1');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill('>Preferences: Open Remote Settings (JSON)');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Remote Settings (JSON)' }).first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
}

async function clickInDialog(wb: Workbench, text: RegExp, button: string): Promise<void> {
  const dialog = wb.page.locator('.monaco-dialog-box', { hasText: text });
  await dialog.waitFor({ state: 'visible', timeout: 60_000 });
  await dialog.locator('.monaco-button', { hasText: button }).first().click();
  await dialog.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

export async function logAnalyticsUnreachableScenario(wb: Workbench, workspace: string): Promise<void> {
  // Free a moment ago, so nothing listens there: the connection is refused.
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  await wb.openFile(FILE);
  let switched = false;
  let stopAnswering = async () => {};
  try {
    // The endpoint is machine-scoped: in code-server it lives in the remote (machine) user settings.
    await editUserSetting(wb, 'kql.logAnalytics.endpoint', `"https://${host}/v1"`, openRemoteSettings);
    await editUserSetting(wb, 'kql.logAnalytics.workspaceId', `"${WORKSPACE_ID}"`);
    // With a session already there (an earlier scenario's), the switch itself may ask about the host.
    const consent = wb.page.locator('.monaco-dialog-box', {
      hasText: new RegExp(`Send your Log Analytics sign-in token to 127\\.0\\.0\\.1:${port}\\?`),
    });
    // The switch, the sign-in, the tree's and the schema's loads or the run may be the first to ask
    // (one at a time; the answer is remembered): answer it whenever it shows, as a user would.
    let confirmed = false;
    let watching = true;
    const answering = (async () => {
      while (watching) {
        if (await consent.isVisible().catch(() => false)) {
          await consent
            .locator('.monaco-button', { hasText: 'Send My Token to This Host' })
            .first()
            .click({ timeout: 2_000 })
            .then(() => {
              confirmed = true;
            })
            .catch(() => undefined);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    stopAnswering = async () => {
      watching = false;
      await answering;
    };
    await editUserSetting(wb, 'kql.backend', '"logAnalytics"').catch(async (e: unknown) => {
      if (!confirmed) {
        throw e;
      }
      // The dialog took the keys meant for the settings editor: the line was written or is written now.
      await editUserSetting(wb, 'kql.backend', '"logAnalytics"');
    });
    switched = true;
    await statusShows(wb, 'the status bar naming the workspace', /Log Analytics: 5e1f0c2a…/);

    await wb.runCommand('Connection Analytics: Sign In to Log Analytics', false);
    await clickInDialog(wb, /wants to sign in using Microsoft/, 'Allow');
    await wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: /Signed in to Log Analytics as e2e-user/ })
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });

    await wb.openFile(FILE);
    const started = Date.now();
    await runBlock(wb, workspace, FILE, '// Connections in the time range');
    // The token goes to a host that is not Azure Monitor's only after this dialog, which names it (the
    // schema load after sign-in may be the first to ask; the answer is remembered either way).
    const frame = await resultsFrame(wb);
    const message = await waitFor(
      'the panel saying Log Analytics could not be reached',
      async () => {
        const text = await frame
          .locator('.error-message')
          .textContent({ timeout: 1_000 })
          .catch(() => '');
        if (text && /was not confirmed/.test(text) && !(await consent.isVisible())) {
          // A dialog the schema load raised was closed by the keys that opened the file: ask again.
          await frame.locator('button', { hasText: 'Run again' }).first().click();
        }
        return text && /Could not reach Log Analytics/.test(text) ? text : undefined;
      },
      90_000,
    );
    assert.ok(confirmed, 'the dialog naming the custom host was shown');
    assert.match(message, new RegExp(`ECONNREFUSED.*127\\.0\\.0\\.1:${port}`));
    assert.match(await statusShows(wb, 'the status bar saying the run failed', /failed/), /Log Analytics/);
    console.log(`# 19: the unreachable endpoint was reported ${Date.now() - started} ms after Run`);
    await wb.screenshot(19, 'log-analytics-unreachable');

    await stopAnswering();
    await backToLocalEngine(wb, workspace);
    switched = false;
    await wb.screenshot(19, 'back-to-local-engine');
    await editUserSetting(wb, 'kql.logAnalytics.endpoint', '""', openRemoteSettings);
    await editUserSetting(wb, 'kql.logAnalytics.workspaceId', '""');
  } finally {
    await stopAnswering();
    if (switched) {
      for (let i = 0; i < 3; i++) {
        await wb.page.keyboard.press('Escape');
      }
      await selectBackend(wb, 'Local engine');
    }
  }
  assert.deepEqual(await crashNotices(wb), []);
}
