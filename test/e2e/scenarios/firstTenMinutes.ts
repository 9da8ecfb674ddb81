/**
 * Scenario 93: a new user's first minutes. A fresh user-data directory, VS Code's own start-up (the
 * Welcome page) and default settings (the 24-hour time range): the Welcome page lists "Get started with
 * Connection Analytics" (VS Code's own first-run walkthrough opens over it first: the user goes back);
 * its first step's button opens a query on the sample workspace and runs it, the
 * grid answers, the status bar names the backend and the step shows as done. The data folder set (in the
 * remote settings file, as the command would) to the
 * user's exports, which hold no VM insights table (a Heartbeat export): the
 * Machines view shows its welcome text with buttons, and one of them brings the sample's fleet back.
 * Screenshots in the dark default theme and in light.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { inOwnWorkspace } from '../ownWorkspace';
import { readChart, resultsFrame, waitForGrid } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { pickTheme, themeApplied } from './themes';

const WALKTHROUGH = 'Get started with Connection Analytics';
const FIRST_STEP = 'Run a first query on the sample workspace';

/** A folder a user might open first: their exports, one of which is not a VM insights table. */
function newUserWorkspace(): { workspace: string; exports: string } {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-first-minutes-'));
  const exports = path.join(workspace, 'exports');
  fs.mkdirSync(exports);
  fs.writeFileSync(
    path.join(exports, 'Heartbeat.csv'),
    'TimeGenerated,Computer,OSType\n2026-12-05T09:00:00Z,web-01,Linux\n2026-12-05T09:01:00Z,db-01,Linux\n',
  );
  return { workspace, exports };
}

/** The walkthrough's step button titled `title` (VS Code draws each step as a button holding its title). */
function step(wb: Workbench, title: string): Locator {
  return wb.page.locator('.getting-started-step', { has: wb.page.locator('.step-title', { hasText: title }) });
}

async function openWalkthroughFromWelcome(wb: Workbench): Promise<void> {
  const welcome = wb.page.locator('.gettingStartedContainer');
  // startupEditor "welcomePage": the page is open at start; it lists the extensions' walkthroughs.
  await welcome.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  // On a first run VS Code opens its own "Setup VS Code" walkthrough over the page: back to the Welcome page.
  const back = welcome.locator('.prev-button', { hasText: 'Welcome' });
  if (await back.isVisible()) await back.click();
  await welcome.locator('.index-list.getting-started').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await wb.screenshot(93, 'welcome-page');
  const entry = welcome.locator('.getting-started-category', { hasText: WALKTHROUGH }).first();
  if (!(await entry.isVisible())) {
    // Past the first few walkthroughs the list folds the rest under "More…".
    await welcome.locator('.see-all-walkthroughs').click();
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: WALKTHROUGH }).first().click();
  } else {
    await entry.click();
  }
  await step(wb, FIRST_STEP).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
}

async function clickStepButton(wb: Workbench, title: string, button: string): Promise<void> {
  const s = step(wb, title);
  if ((await s.getAttribute('aria-expanded')) !== 'true') await s.click();
  await s.locator('.monaco-button', { hasText: button }).first().click({ timeout: UI_TIMEOUT_MS });
}

/** A done step's checkbox (the element VS Code marks with data-done-step-id) is aria-checked. */
async function stepDone(wb: Workbench, title: string): Promise<boolean> {
  return (await step(wb, title).locator('[data-done-step-id]').first().getAttribute('aria-checked')) === 'true';
}

/** The step's markdown media, shown in a webview beside the steps, once its heading reads `heading`. */
export async function mediaHeading(wb: Workbench, heading: string): Promise<Frame> {
  return waitFor(`the walkthrough's media "${heading}"`, async () => {
    for (const frame of wb.page.frames()) {
      if (frame === wb.page.mainFrame() || frame.isDetached()) continue;
      const h1 = await frame
        .locator('h1')
        .first()
        .textContent({ timeout: 300 })
        .catch(() => undefined);
      if (h1?.trim() === heading) return frame;
    }
    return undefined;
  });
}

/** The Machines pane's welcome (VS Code draws viewsWelcome in `.welcome-view-content`). */
export function machinesWelcome(wb: Workbench): Locator {
  return wb.page
    .locator('.pane', { has: wb.page.locator('.pane-header[aria-label^="Machines"]') })
    .locator('.welcome-view-content');
}

export async function firstTenMinutesScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = newUserWorkspace();
  await inOwnWorkspace(
    main,
    93,
    workspace,
    async (wb, server) => {
      await openWalkthroughFromWelcome(wb);
      assert.equal(await stepDone(wb, FIRST_STEP), false, 'a new user has not run a query yet');
      await mediaHeading(wb, 'Your first query');
      await wb.screenshot(93, 'walkthrough');

      await clickStepButton(wb, FIRST_STEP, 'Try a Sample Query');
      const status = wb.page.locator('.statusbar-item', { hasText: /Sample workspace/ }).first();
      const statusText = await waitFor('the status bar naming the backend and the run', async () => {
        const t = await status
          .textContent({ timeout: 500 })
          .then((t) => t ?? '')
          .catch(() => '');
        return /Sample workspace/.test(t) && /rows?/.test(t) ? t : undefined;
      });
      assert.match(statusText, /Last 24 hours/, 'a new user runs over the default time range');
      // The query ends in `render columnchart`: the panel opens on its chart; the grid is one tab away. The
      // panel is drawn before the host hands it the result, which then selects the Chart tab: a click on
      // Results before the chart is there is undone (CI run 30: the chart still shown 30 s later).
      const panel = await resultsFrame(wb);
      await waitFor("the first query's column chart drawn", async () => {
        const chart = await readChart(panel);
        return chart && chart.colours > 5 && /columnchart/.test(chart.note) ? chart : undefined;
      });
      await panel.locator('vscode-tab-header', { hasText: 'Results' }).first().click();
      const grid = await waitForGrid(wb, 'the first query answered on the sample workspace', (v) =>
        v.headers.includes('FailedLinks'),
      );
      assert.deepEqual(grid.headers.slice(0, 3), ['Computer', 'FailedLinks', 'Connections']);
      assert.ok(grid.rows.length > 0 && Number(grid.rows[0]![1]) > 0, JSON.stringify(grid.rows[0]));
      await wb.screenshot(93, 'first-query');

      // Back on the walkthrough: the step is done.
      await wb.page
        .locator('.tabs-container .tab', { hasText: /Welcome|Walkthrough/ })
        .first()
        .click();
      await waitFor('the first step marked done', async () => ((await stepDone(wb, FIRST_STEP)) ? true : undefined));
      await wb.screenshot(93, 'walkthrough-step-done');

      // The user's own folder, as "Query Exported Files in a Folder…" sets it (code-server's simple open
      // dialog did not take a typed folder path reliably here): the user setting, written on disk.
      // The setting is machine-scoped: code-server keeps it in the remote (Machine) settings.
      const settingsFile = path.join(server.userDataDir, 'Machine/settings.json');
      const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'kql.local.dataFolder': exports }, null, 2));

      await wb.runCommand('Connection Analytics: Focus on Machines View');
      const welcome = machinesWelcome(wb);
      await welcome.waitFor({ state: 'visible', timeout: 90_000 });
      const text = (await welcome.textContent()) ?? '';
      assert.match(text, /none of the tables the Machines view lists machines from/, text);
      const buttons = await welcome.locator('.monaco-button').allInnerTexts();
      assert.deepEqual(
        buttons.map((b) => b.trim()),
        ['Query Exported Files in a Folder…', 'Query the Sample Workspace'],
      );
      await wb.screenshot(93, 'machines-welcome-dark');
      await pickTheme(wb, 'Light Modern');
      // The picker closes before the colours apply: the screenshots wait for the light theme itself.
      await themeApplied(wb, 'light');
      await wb.screenshot(93, 'machines-welcome-light');
      await wb.page
        .locator('.tabs-container .tab', { hasText: /Welcome|Walkthrough/ })
        .first()
        .click();
      // The theme's change redraws the Welcome tab on its index: the user opens the walkthrough again.
      const entry = wb.page.locator('.gettingStartedContainer .getting-started-category', { hasText: WALKTHROUGH });
      if (await entry.first().isVisible()) await entry.first().click();
      await step(wb, FIRST_STEP).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await themeApplied(wb, 'light');
      await wb.screenshot(93, 'walkthrough-light');

      // The welcome's button: back to the sample, whose fleet the view lists.
      await welcome.locator('.monaco-button', { hasText: 'Query the Sample Workspace' }).click();
      const rows = await waitFor(
        'the sample fleet in the Machines view',
        async () => {
          const r = await viewTreeRows(wb, 'Machines');
          return r.length > 3 ? r : undefined;
        },
        90_000,
      );
      assert.ok(
        rows.every((r) => r.level === 1),
        JSON.stringify(rows.slice(0, 3)),
      );
      assert.equal(await welcome.isVisible(), false, 'the welcome gives way to the machines');
    },
    { settings: { 'workbench.startupEditor': 'welcomePage', 'kql.timeRange': undefined } },
  );
}
