/**
 * Scenario 94: VS Code starts before the export job has run. The workspace's `kql.local.dataFolder` names
 * `exports`, which does not exist yet.
 * - The Machines view says the folder does not exist yet (not the sample's fleet passing for the user's).
 * - The folder is created with two export files (VMComputer.csv, VMConnection.csv): without a reload the
 *   view lists their machines and a Run answers from them; the status bar names the folder the run used.
 * - A third table's file (Heartbeat.csv) lands in it: completion in the editor offers its own column.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { waitForGrid, withColumns } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';
import { machinesWelcome } from './firstTenMinutes';
import { showMachinesViewAlone } from './machines';

/** ISO text of a minute within the last hour, so the default 24-hour time range holds every row. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeTwoExports(dir: string): void {
  // As an export job leaves a folder: created, then its files written (each to a temp name, renamed into place).
  fs.mkdirSync(dir);
  const write = (name: string, lines: string[]) => {
    fs.writeFileSync(path.join(dir, `.${name}.tmp`), lines.join('\n'));
    fs.renameSync(path.join(dir, `.${name}.tmp`), path.join(dir, name));
  };
  write('VMComputer.csv', [
    'TimeGenerated,Computer,Machine,DisplayName,OperatingSystemFamily',
    `${minutesAgo(50)},app-01,m-app01,app-01,Linux`,
    `${minutesAgo(50)},sql-01,m-sql01,sql-01,Windows`,
  ]);
  write('VMConnection.csv', [
    'TimeGenerated,Computer,Machine,ProcessName,Direction,DestinationPort,RemoteIp,LinksEstablished,LinksFailed',
    `${minutesAgo(40)},app-01,m-app01,java,outbound,1433,10.1.0.5,3,1`,
    `${minutesAgo(30)},app-01,m-app01,java,outbound,1433,10.1.0.5,2,0`,
    `${minutesAgo(20)},sql-01,m-sql01,sqlservr,inbound,1433,10.1.0.4,5,0`,
  ]);
}

const QUERIES = [
  'VMConnection',
  '| summarize Links = sum(LinksEstablished) by Computer',
  '| order by Computer asc',
  '',
  '',
].join('\n');

async function machineRows(wb: Workbench): Promise<string[]> {
  return (await viewTreeRows(wb, 'Machines')).filter((r) => r.level === 1).map((r) => r.label);
}

export async function dataFolderAppearsScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-folder-appears-');
  fs.writeFileSync(path.join(workspace, 'links.kql'), QUERIES);
  await inOwnWorkspace(main, 94, workspace, async (wb) => {
    await showMachinesViewAlone(wb);
    const welcome = machinesWelcome(wb);
    const waiting = await waitFor(
      'the Machines view saying the data folder does not exist yet',
      async () => {
        const text = (await welcome.isVisible()) ? await welcome.innerText() : '';
        return /does not exist yet: has the export job run\?/.test(text) ? text : undefined;
      },
      90_000,
    );
    assert.deepEqual(await machineRows(wb), [], `no sample machines, only the welcome: ${waiting}`);
    await wb.screenshot(94, 'folder-missing');

    writeTwoExports(exports);
    const machines = await waitFor(
      "the new folder's machines in the Machines view, without a reload",
      async () => {
        const rows = await machineRows(wb);
        return rows.includes('app-01') ? rows : undefined;
      },
      60_000,
    );
    assert.deepEqual(machines, ['app-01', 'sql-01']);
    await wb.screenshot(94, 'folder-created');

    await wb.openFile('links.kql');
    await wb.activeEditor().click({ position: { x: 200, y: 10 } });
    await wb.goTo(1, 1);
    await wb.runCommand('Connection Analytics: Run Query');
    const links = await waitForGrid(wb, 'VMConnection from the new folder', withColumns('Computer', 'Links'), 90_000);
    assert.deepEqual(links.rows, [
      ['app-01', '5'],
      ['sql-01', '5'],
    ]);
    const status = await waitFor('the status bar naming the data folder', async () =>
      (await wb.page.locator('.statusbar-item').allInnerTexts()).find((t) => t.includes(exports)),
    );
    assert.match(status, /Files: /);
    await wb.screenshot(94, 'run');

    // A third table's file lands: the editor's completion learns its table and columns.
    fs.writeFileSync(
      path.join(exports, 'Heartbeat.csv'),
      ['TimeGenerated,Computer,OSType,ComputerIP', `${minutesAgo(5)},app-01,Linux,10.1.0.4`].join('\n'),
    );
    await wb.openFile('links.kql');
    await wb.goTo(5, 1);
    await expectSuggestion(wb, 'Heartbeat | where ', 'ComputerI', 'ComputerIP');
    await wb.screenshot(94, 'new-table-completes');
    await wb.page.keyboard.press('Escape');
  });
}
