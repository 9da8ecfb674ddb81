/**
 * Scenario 91: settings as a user changes them. A folder of two fleets' exports whose workspace settings
 * point `kql.local.dataFolder` at `fleet-a`.
 * - The user writes a negative row limit in the user settings.json: one warning says which setting, the
 *   value, why it is wrong and that the default is used; two queries later it is still the only one, and
 *   they answered (with the default limit).
 * - The user changes the data folder to `fleet-b` in the Settings editor (Workspace tab): the Machines
 *   view lists fleet-b's machines without a reload of the window.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inOwnWorkspace } from '../ownWorkspace';
import { runBlock } from '../queryFile';
import { crashNotices, waitForGrid, withColumns } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { editUserSetting } from './backends';
import { showMachinesViewAlone } from './machines';

const FLEET_A = ['alpha-db-01', 'alpha-web-01'];
const FLEET_B = ['bravo-api-01', 'bravo-db-01', 'bravo-web-01'];
const FILE = 'fleet.kql';
const HEADING = '// Machines of the data folder';
const BAD_ROW_LIMIT =
  /kql\.local\.rowLimit is -5 in your user settings, but it must be between 1 and 10000000\. Using the default, 500000/;

function writeFleet(dir: string, names: string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  const at = new Date(Date.now() - 30 * 60_000).toISOString();
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    [
      'TimeGenerated,Computer,Machine,DisplayName,OperatingSystemFamily',
      ...names.map((n, i) => `${at},${n},m-${n},${n},${i % 2 ? 'windows' : 'linux'}`),
    ].join('\n'),
  );
  // The Machines view lists the machines that made connections.
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Process,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished,LinksTerminated,LinksLive,LinksFailed,BytesSent,BytesReceived',
      ...names.map((n, i) => `${at},${n},m-${n},app,p-${n}-app,outbound,10.0.0.${i + 1},443,tcp,1,0,1,0,100,200`),
    ].join('\n'),
  );
}

function fleetsWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-settings-'));
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(
    path.join(dir, '.vscode/settings.json'),
    JSON.stringify({ 'kql.backend': 'local', 'kql.local.dataFolder': 'fleet-a' }, null, 2),
  );
  writeFleet(path.join(dir, 'fleet-a'), FLEET_A);
  writeFleet(path.join(dir, 'fleet-b'), FLEET_B);
  fs.writeFileSync(path.join(dir, FILE), `${HEADING}\nVMComputer\n| summarize Machines = dcount(Computer)\n`);
  return dir;
}

const machineLabels = async (wb: Workbench) =>
  (await viewTreeRows(wb, 'Machines')).filter((r) => r.level === 1).map((r) => r.label);

async function machinesAre(wb: Workbench, names: string[], what: string): Promise<void> {
  await showMachinesViewAlone(wb);
  await waitFor(
    what,
    async () => {
      const labels = await machineLabels(wb);
      return labels.join() === names.join() ? labels : undefined;
    },
    90_000,
  );
}

/** Every notification message, the ones the toasts no longer show too (the notification centre). */
async function notificationMessages(wb: Workbench): Promise<string[]> {
  await wb.runCommand('Notifications: Show Notifications', false);
  const center = wb.page.locator('.notifications-center.visible');
  await center.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  const messages = await center
    .locator('.notification-list-item-message')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  // The centre has the focus once shown: Escape hides it ("Hide Notifications" is not in the palette).
  await wb.page.keyboard.press('Escape');
  await center.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  return messages;
}

/** Types `value` into the setting `key`'s box of the Settings editor's Workspace tab, as a user does. */
async function setInSettingsEditor(wb: Workbench, key: string, value: string): Promise<void> {
  await wb.runCommand('Preferences: Open Workspace Settings');
  const editor = wb.page.locator('.settings-editor');
  await editor.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // The search box has the focus when the editor opens.
  await editor.locator('.settings-header .suggest-input-container').click();
  await wb.page.keyboard.insertText(key);
  const item = editor.locator('.setting-item-contents', {
    hasText: key
      .split('.')
      .pop()!
      .replace(/([A-Z])/g, ' $1'),
  });
  const input = item.locator('.setting-item-control input').first();
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.click();
  await input.press('Control+A');
  await wb.page.keyboard.insertText(value);
  // The Settings editor writes the value a moment after typing stops, and on leaving the box.
  await input.press('Tab');
}

export async function settingsWalkScenario(main: Workbench): Promise<void> {
  const workspace = fleetsWorkspace();
  await inOwnWorkspace(
    main,
    91,
    workspace,
    async (wb) => {
      await machinesAre(wb, FLEET_A, "fleet-a's machines in the Machines view");

      // A negative row limit, written by hand: one clear warning, and queries still answer.
      await editUserSetting(wb, 'kql.local.rowLimit', '-5');
      await wb.page
        .locator('.notifications-toasts .notification-toast', { hasText: BAD_ROW_LIMIT })
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await wb.screenshot(91, 'bad-row-limit');
      await wb.openFile(FILE);
      for (let run = 0; run < 2; run++) {
        await runBlock(wb, workspace, FILE, HEADING);
        const grid = await waitForGrid(wb, `run ${run + 1} on fleet-a`, withColumns('Machines'), 60_000);
        assert.equal(grid.rows[0]![0], String(FLEET_A.length));
      }
      const told = (await notificationMessages(wb)).filter((m) => BAD_ROW_LIMIT.test(m));
      assert.equal(told.length, 1, `one warning for the bad row limit, not one per query: ${told.join(' | ')}`);
      await wb.runCommand('View: Close All Editors', false);

      // The data folder changed in the Settings editor: the Machines view follows, no reload.
      await setInSettingsEditor(wb, 'kql.local.dataFolder', 'fleet-b');
      await waitFor('fleet-b in the workspace settings.json', async () =>
        /"kql\.local\.dataFolder":\s*"fleet-b"/.test(
          fs.readFileSync(path.join(workspace, '.vscode/settings.json'), 'utf8'),
        )
          ? true
          : undefined,
      );
      await wb.screenshot(91, 'settings-editor');
      await wb.runCommand('View: Close All Editors', false);
      await machinesAre(wb, FLEET_B, "fleet-b's machines in the Machines view after the change");
      await wb.screenshot(91, 'machines-reloaded');
      assert.deepEqual(await crashNotices(wb), []);
    },
    { settings: { 'kql.local.rowLimit': 500000 } },
  );
}
