/**
 * Scenario 68: a user's own big Log Analytics workspace (the loopback server's metadata API: 315 tables,
 * three of 250 columns, custom `_CL` tables, and a VMConnection with a column the documentation lacks
 * and without one it has). Before signing in, a run says how to sign in; after "Allow", completion
 * offers the user's own column, the column their table lacks is a Problem, a wide table's last column
 * completes, and the Machines view and Schema view show what the workspace answered. The time from
 * the window opening to the workspace's own column completing is printed.
 */
import assert from 'node:assert/strict';
import {
  DROPPED_VMCONNECTION_COLUMN,
  EXTRA_VMCONNECTION_COLUMN,
  userWorkspaceMetadata,
} from '../../backends/userWorkspaceMetadata';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { runBlock, runStatusText } from '../queryFile';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';

const FILE = 'own-workspace.kql';
const TEXT = `// Bytes by team
VMConnection
| project Computer, ${DROPPED_VMCONNECTION_COLUMN}, ${EXTRA_VMCONNECTION_COLUMN}

`;

export async function logAnalyticsWorkspaceScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(main, 68, { [FILE]: TEXT }, async (wb, server, folder, dialogs) => {
    const opened = Date.now();
    server.serveMetadata({ status: 200, body: userWorkspaceMetadata() });
    server.respond(() => EMPTY_RESULT);
    dialogs.cancelSignIn = true;

    await wb.openFile(FILE);
    await waitFor('the status bar naming the workspace', async () =>
      /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    // Signed out (the prompt cancelled): a run says what to do, and nothing asks again on its own.
    await waitFor('the sign-in prompt', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000);
    await runBlock(wb, folder, FILE, '// Bytes by team');
    const frame = await resultsFrame(wb);
    const signedOut = await waitFor(
      'the panel saying how to sign in',
      async () =>
        (await frame
          .locator('.error-message')
          .textContent()
          .catch(() => '')) || undefined,
      60_000,
    );
    console.log(`# 68: signed out, the run said: ${signedOut}`);
    await wb.screenshot(68, 'log-analytics-signed-out');
    const prompts = dialogs.signInPrompts();
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(dialogs.signInPrompts(), prompts, 'no new prompt without the user asking');

    dialogs.cancelSignIn = false;
    await wb.runCommand('Connection Analytics: Sign In to Log Analytics', false);
    await wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: /Signed in to Log Analytics as e2e-user/ })
      .waitFor({ state: 'visible', timeout: 60_000 });

    // The workspace's own schema: the user's column completes, the missing one is a Problem.
    await wb.openFile(FILE);
    await wb.goTo(5, 1);
    await expectSuggestion(wb, 'VMConnection | where ', 'Tea', EXTRA_VMCONNECTION_COLUMN);
    console.log(`# 68: the workspace's own column completed ${Date.now() - opened} ms after the window opened`);
    await wb.screenshot(68, 'log-analytics-own-column-completes');
    await wb.page.keyboard.press('Escape');
    const problems = await waitFor(
      `a Problem naming ${DROPPED_VMCONNECTION_COLUMN}`,
      async () => {
        const rows = await wb.problems();
        return rows.some((r) => r.includes(DROPPED_VMCONNECTION_COLUMN)) ? rows : undefined;
      },
      60_000,
    );
    assert.ok(!problems.some((r) => r.includes(EXTRA_VMCONNECTION_COLUMN)), problems.join('\n'));
    await wb.screenshot(68, 'log-analytics-missing-column-problem');

    await wb.openFile(FILE);
    await wb.goTo(5, 1);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Shift+Home');
    await wb.page.keyboard.press('Delete');
    await expectSuggestion(wb, 'WideTelemetry_CL | project Attr24', '9', 'Attr249_s');
    await wb.page.keyboard.press('Escape');

    // The Machines view on a workspace that answered no machines.
    await wb.runCommand('Connection Analytics: Focus on Machines View');
    await new Promise((r) => setTimeout(r, 5_000));
    await wb.screenshot(68, 'log-analytics-machines-view');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
