/**
 * Scenario 106: the Machines view and the dependency map on a user's own exports that are not shaped like
 * the sample: machines known only by IPv6 addresses (VMComputer's Ipv6Addresses, Ipv4Addresses empty), a
 * VMConnection exported without ProcessName or Process, a computer name with quotes, spaces and unicode,
 * and a connection to an IPv6 endpoint no machine owns.
 * - Each IPv6-only machine shows its address in the tree (before: nothing after its OS).
 * - Its peer's Outbound dependencies name it (before: "Could not load: VMConnection has no column
 *   'ProcessName'…", and with ProcessName, "[fd00::2]:5432/tcp" as an unmonitored endpoint).
 * - The dependency map draws the three machines and says so in its status line (before: it failed).
 * - Found by the map's search and opened with O, app-v6's unnamed process opens app-v6's connections, which
 *   run (before: nothing happened).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, waitForGrid } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { type Workbench, waitFor } from '../workbench';
import { openFleetMap } from './dependencyMap';
import { expand, showMachinesViewAlone } from './machines';

const N = 106;
export const ODD_NAME = 'cache "blue" 東京 01';

/** The exports: VMComputer with IPv6 addresses, VMConnection without ProcessName and Process. */
export function writeExports(dir: string): void {
  const at = new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const csv = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const line = (...values: (string | number)[]) => values.map(csv).join(',');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'VMComputer.csv'),
    [
      'TimeGenerated,Computer,Machine,OperatingSystemFamily,Ipv4Addresses,Ipv6Addresses',
      line(at, 'app-v6', 'm-app', 'linux', '[]', '["fd00::1"]'),
      line(at, 'db-v6', 'm-db', 'linux', '[]', '["fd00::2","2001:db8::2"]'),
      line(at, ODD_NAME, 'm-cache', 'windows', '["10.0.0.7"]', '[]'),
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'VMConnection.csv'),
    [
      'TimeGenerated,Computer,Machine,Direction,RemoteIp,DestinationPort,Protocol,LinksEstablished,LinksFailed,BytesSent,BytesReceived',
      line(at, 'app-v6', 'm-app', 'outbound', 'fd00::2', 5432, 'tcp', 4, 0, 50_000, 90_000),
      line(at, 'app-v6', 'm-app', 'outbound', '2001:db8::99', 443, 'tcp', 1, 1, 100, 200),
      line(at, 'db-v6', 'm-db', 'inbound', 'fd00::1', 5432, 'tcp', 4, 0, 90_000, 50_000),
      line(at, ODD_NAME, 'm-cache', 'outbound', 'fd00::1', 8080, 'tcp', 2, 0, 300, 400),
    ].join('\n'),
  );
}

/** On the map of writeExports' fleet: the search finds app-v6's unnamed process, Escape, then O opens its query. */
export async function openUnnamedProcess(map: Frame): Promise<void> {
  const search = map.locator('#search');
  await search.fill('unknown process');
  await search.press('Enter');
  await waitFor('the unnamed process selected', async () =>
    /^process:m-app/.test((await map.getAttribute('#map', 'data-selected')) ?? '') ? true : undefined,
  );
  await search.press('Escape');
  await map.locator('#map').press('o');
}

export async function ipv6FleetScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-ipv6-fleet-');
  writeExports(exports);
  await inOwnWorkspace(main, N, workspace, async (wb) => {
    await showMachinesViewAlone(wb);
    const machines = await waitFor('the three machines in the Machines view', async () => {
      const rows = (await viewTreeRows(wb, 'Machines')).filter((r) => r.level === 1);
      return rows.length === 3 ? rows : undefined;
    });
    assert.deepEqual(
      machines.map((r) => [r.label, r.description]),
      [
        ['app-v6', 'linux · fd00::1'],
        [ODD_NAME, 'windows · 10.0.0.7'],
        ['db-v6', 'linux · fd00::2'],
      ],
    );

    await expand(wb, 'app-v6', 1);
    const outbound = (await expand(wb, 'Outbound dependencies', 2)).filter((r) => r.level === 3);
    assert.deepEqual(
      outbound.map((r) => [r.label, r.description]),
      // The endpoint with a failed link first, as the tree orders warnings.
      [
        ['[2001:db8::99]:443/tcp', '300 B · 1 failed'],
        ['db-v6 ([fd00::2]:5432/tcp)', '137 KB'],
      ],
    );
    await wb.screenshot(N, 'ipv6-tree');

    const fleet = await openFleetMap(wb);
    console.log(`# ${N}: map: ${fleet.state.nodes} nodes; ${fleet.state.status}`);
    assert.match(fleet.state.status, /^3 machines, /);
    await wb.screenshot(N, 'ipv6-map');

    // The keyboard: find app-v6's unnamed process, then O opens its query, which runs.
    await openUnnamedProcess(fleet.frame);
    const grid = await waitForGrid(
      wb,
      "app-v6's connections, opened from its unnamed process",
      (v) => v.headers.includes('Direction') && v.headers.includes('RemoteIp') && v.rows.length === 2,
      90_000,
    );
    console.log(`# ${N}: unnamed process query: ${grid.rows.length} rows`);
    await wb.screenshot(N, 'unnamed-process-query');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
