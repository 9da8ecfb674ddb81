/**
 * Scenario 98: a notebook whose cells run on two backends as the user switches between them.
 * - A cell runs on the local engine (the folder's settings start there): its status bar says "Sample
 *   workspace".
 * - Select Query Backend → Log Analytics (the loopback server); the next cell runs there and its status
 *   bar names the workspace, while the first cell's still says where it ran.
 * - A cell the service stops at its time limit (504 GatewayTimeout) says "Timed out" with the limit and
 *   the setting that raises it; the same query run from a .kql file says the same in the results panel.
 * - Saved, closed and reopened: each result still names the backend that answered it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { userWorkspaceMetadata } from '../../backends/userWorkspaceMetadata';
import { EMPTY_RESULT, inLoopbackWorkspace, LA_WORKSPACE_ID } from '../logAnalyticsLoopback';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { selectBackend } from './backends';
import { openNotebookFile, outputFrame, outputGrid, outputSaying } from './notebooks';
import { codeCell, runCell, scrollToCell } from './ownNotebook';

const NOTEBOOK = 'two-backends.kqlnb';
const LOCAL_CELL = 'VMComputer\n| summarize Machines = dcount(Computer)';
const LA_CELL = 'VMConnection\n| summarize Links = sum(LinksEstablished) by Computer';
const SLOW_CELL = 'VMConnection\n| summarize Remotes = dcount(RemoteIp) by Computer, ProcessName';
const TIME_LIMIT_SAID = 'The query exceeded the time limit of the server.';

const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
const code = (text: string) => ({ kind: 'code', language: 'kql', source: lines(text) });

function notebookFile(): string {
  const cells = [
    { kind: 'markdown', language: 'markdown', source: lines('# Local first, then my workspace') },
    code(LOCAL_CELL),
    code(LA_CELL),
    code(SLOW_CELL),
  ];
  return `${JSON.stringify({ kqlNotebook: 1, cells }, null, 2)}\n`;
}

function answerFor(query: string) {
  if (query.includes('Links = sum(LinksEstablished)')) {
    return {
      status: 200,
      body: {
        tables: [
          {
            name: 'PrimaryResult',
            columns: [
              { name: 'Computer', type: 'string' },
              { name: 'Links', type: 'long' },
            ],
            rows: [
              ['web-01', 12],
              ['db-01', 3],
            ],
          },
        ],
      },
    };
  }
  if (query.includes('Remotes = dcount(RemoteIp)')) {
    return { status: 504, body: { error: { code: 'GatewayTimeout', message: TIME_LIMIT_SAID } } };
  }
  return EMPTY_RESULT;
}

/** The status bar under the cell holding `text`, one line of it (rows, and the backend it ran on). */
async function cellStatus(wb: Workbench, text: string, pattern: RegExp): Promise<string> {
  return waitFor(`the status bar of the cell "${text}" matching ${pattern}`, async () => {
    await scrollToCell(wb, text);
    const shown = await codeCell(wb, text)
      .locator('.cell-statusbar-container')
      .textContent({ timeout: 2_000 })
      .catch(() => '');
    const flat = (shown ?? '').replace(/\s+/g, ' ');
    return pattern.test(flat) ? flat : undefined;
  });
}

export async function notebookBackendSwitchScenario(main: Workbench): Promise<void> {
  const files = {
    [NOTEBOOK]: notebookFile(),
    'stopped-by-the-server.kql': `${SLOW_CELL}\n`,
    // The folder starts on the local engine; its Log Analytics workspace is set for when the user switches.
    '.vscode/settings.json': JSON.stringify(
      { 'kql.backend': 'local', 'kql.logAnalytics.workspaceId': LA_WORKSPACE_ID },
      null,
      2,
    ),
  };
  await inLoopbackWorkspace(main, 98, files, async (wb, server, folder, dialogs) => {
    server.serveMetadata({ status: 200, body: userWorkspaceMetadata() });
    server.respond((request) => answerFor(request.body.query ?? ''));
    await openNotebookFile(wb, NOTEBOOK);

    // On the local engine.
    await runCell(wb, 'Machines = dcount');
    const frame = await outputFrame(wb, 'the local cell’s output');
    const machines = await waitFor('the local grid', () => outputGrid(frame, ['Machines'], 1), 90_000);
    assert.ok(Number(machines.cells[0]) > 0, `machines: ${machines.cells[0]}`);
    const local = await cellStatus(wb, 'Machines = dcount', /Sample workspace/);
    console.log(`# 98: the local cell's status bar: ${local}`);

    // The user switches to Log Analytics and runs the next cell there.
    await selectBackend(wb, 'Log Analytics');
    await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 30_000).catch(
      () => undefined,
    );
    await runCell(wb, 'Links = sum');
    const links = await waitFor('the Log Analytics grid', () => outputGrid(frame, ['Computer', 'Links'], 4), 90_000);
    assert.deepEqual(links.cells, ['web-01', '12', 'db-01', '3']);
    const onLa = await cellStatus(wb, 'Links = sum', /Log Analytics: 7c2e4b1a…/);
    console.log(`# 98: the Log Analytics cell's status bar: ${onLa}`);
    assert.match(await cellStatus(wb, 'Machines = dcount', /Sample workspace/), /Sample workspace/);
    await wb.screenshot(98, 'cells-name-their-backends');

    // The service's time limit: the cell's words, then the results panel's for the same query.
    await runCell(wb, 'Remotes = dcount');
    const cellSays = await outputSaying(wb, /kql\.logAnalytics\.serverTimeoutSeconds/, 90_000, true);
    console.log(`# 98: the timed-out cell: ${cellSays}`);
    assert.match(cellSays, /Timed out/);
    assert.doesNotMatch(cellSays, /Query failed|\.\./);
    await scrollToCell(wb, 'Remotes = dcount');
    await wb.screenshot(98, 'cell-timed-out');

    await wb.openFile('stopped-by-the-server.kql');
    await wb.goTo(1, 1);
    await wb.runCommand('Connection Analytics: Run Query');
    const panel = await resultsFrame(wb, 60_000);
    const panelSays = await waitFor(
      'the panel’s time-out',
      async () => {
        const heading = await panel
          .locator('.error-box h3')
          .textContent({ timeout: 1_000 })
          .catch(() => null);
        const message = await panel
          .locator('.error-message')
          .textContent({ timeout: 1_000 })
          .catch(() => null);
        return heading && message ? { heading, message } : undefined;
      },
      90_000,
    );
    console.log(`# 98: the panel: ${panelSays.heading}: ${panelSays.message}`);
    assert.equal(panelSays.heading, 'Timed out');
    // The cell's output is its heading (the error's name) and the same message.
    const flatCell = cellSays.replace(/\s+/g, ' ');
    assert.ok(
      flatCell.includes(panelSays.message.replace(/\s+/g, ' ')),
      `the cell says "${flatCell}", the panel "${panelSays.message}"`,
    );
    await wb.screenshot(98, 'panel-timed-out');

    // Saved, closed, reopened: each result still names its backend.
    await openNotebookFile(wb, NOTEBOOK);
    await wb.runCommand('File: Save');
    const file = path.join(folder, NOTEBOOK);
    await waitFor('the saved notebook', async () =>
      /"backend": ?"Sample workspace"/.test(fs.readFileSync(file, 'utf8')) ? true : undefined,
    );
    await wb.runCommand('View: Close All Editors', false);
    await wb.page.locator('.notebook-editor').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await openNotebookFile(wb, NOTEBOOK);
    const reopenedLocal = await cellStatus(wb, 'Machines = dcount', /Sample workspace/);
    const reopenedLa = await cellStatus(wb, 'Links = sum', /Log Analytics: 7c2e4b1a…/);
    console.log(`# 98: reopened: "${reopenedLocal}" and "${reopenedLa}"`);
    await wb.screenshot(98, 'reopened-cells-name-their-backends');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
