/**
 * Scenario 63: a data folder of exports with no process table (neither VMProcess nor
 * ServiceMapProcess_CL) and a minimal VMBoundPort (machine, Ip, Port, Protocol only).
 * - The Machines view: a machine's Processes branch says which tables are missing and which file would
 *   provide them (not "Could not load"); its Bound ports branch lists the port the export has.
 * - The dependency map compares two windows: the connections' changes are listed, and a note above the
 *   table says processes were not compared and why.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { openFleetMap } from './dependencyMap';
import { expand, showMachinesViewAlone } from './machines';
import { waitShown } from './mapJourneys';

function minutesAgo(now: number, minutes: number): string {
  return new Date(now - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeExports(dir: string): void {
  const at = (m: number) => minutesAgo(Date.now(), m);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,ProcessName,Direction,RemoteIp,DestinationPort,LinksEstablished,BytesSent,BytesReceived',
      `${at(50)},web-01,m-web01,nginx,outbound,10.0.0.5,5432,2,1200,3400`,
      `${at(30)},web-01,m-web01,curl,outbound,203.0.113.7,443,1,100,200`,
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    ['TimeGenerated,Computer,Machine,Ipv4Addresses', `${at(55)},web-01,m-web01,"[""10.0.0.4""]"`].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMBoundPort.csv'),
    ['TimeGenerated,Computer,Machine,Ip,Port,Protocol', `${at(45)},web-01,m-web01,0.0.0.0,443,tcp`].join('\n'),
  );
}

export async function noProcessTableScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-no-process-table-');
  writeExports(exports);
  await inOwnWorkspace(main, 63, workspace, async (wb) => {
    await showMachinesViewAlone(wb);
    const groups = await waitFor("web-01's branches", () => expand(wb!, 'web-01', 1).catch(() => undefined), 90_000);
    assert.ok(
      groups.some((g) => g.label === 'Processes'),
      JSON.stringify(groups),
    );
    const processes = (await expand(wb, 'Processes', 2)).filter((r) => r.level === 3);
    assert.equal(processes.length, 1, JSON.stringify(processes));
    assert.match(
      processes[0]!.label,
      /^No process table: neither VMProcess nor ServiceMapProcess_CL is in the data folder .*am-VMProcess folder\.$/,
    );
    const ports = (await expand(wb, 'Bound ports', 2)).filter((r) => r.level === 3);
    assert.deepEqual(
      ports.map((p) => p.label),
      ['0.0.0.0:443/tcp'],
    );
    // The tooltip holds the whole sentence where the side bar cuts the label off.
    await wb.page.locator('.monaco-list-row[aria-level="3"]', { hasText: 'No process table' }).first().hover();
    await wb.page.waitForTimeout(1_500);
    await wb.screenshot(63, 'processes-missing');

    const { frame } = await openFleetMap(wb);
    await frame.selectOption('#compare', 'previous');
    const table = await waitFor(
      'the diff with its note',
      async () => {
        const text = (await frame.locator('#diff').textContent()) ?? '';
        return /What changed/.test(text) && /No processes compared/.test(text) ? text : undefined;
      },
      120_000,
    );
    assert.match(table, /No processes compared: neither VMProcess nor ServiceMapProcess_CL is in the data folder/);
    assert.match(table, /new\s*connection\s*web-01\s*curl/);
    assert.match(table, /new\s*listening port\s*web-01/);
    // VMConnection.csv has no Protocol column: the port is shown alone, not "443/". (The note's folder path
    // is left out: a temporary folder's random name can end in a digit before its "/".)
    assert.doesNotMatch(table.replace(/\(Files: [^)]*\)/g, ''), /\d\/(?!tcp|udp)/);
    assert.doesNotMatch(table, /could not be loaded|None of the union/);
    // Without Protocol the map reads tcp: the diff's rows still colour their links as new.
    await waitShown(frame, 'the new links drawn as new', (s) => s.links.some((l) => l.change === 'new'));
    // The compare's progress notification closes once the diff is drawn.
    await wb.page
      .locator('.notification-toast', { hasText: 'Comparing two windows' })
      .waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.screenshot(63, 'map-compare-no-processes');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
