/**
 * Scenario 108: the Machines view, its filter and the map on a user's exports whose addresses are spelt
 * every way (test/machines/oddAddressExports.ts): one IPv6 address in two spellings, IPv4-mapped IPv6, a zone
 * id, garbage in address columns (`not-an-ip`, empty, a bare address, 500 characters), a machine with
 * IPv4 and IPv6, and two machines whose computer names differ only in case.
 * - Each machine's row shows one address in RFC 5952 form (before: FD00…, fd00:0::2, ::ffff:10.0.0.7,
 *   not-an-ip where garbage hid the machine's IPv6 address, 500 characters of x); the two namesakes sit
 *   side by side and show their machine ids.
 * - Outbound dependencies: one row per address, resolved to its machine (before: two rows for fd00::2,
 *   two for 10.0.0.7, garbage and bare addresses unresolved, the empty RemoteIp named after the machine
 *   whose address column held an empty entry); the tooltip says how the export spelt the address.
 * - Bound ports: one row per address; ::ffff:127.0.0.1 under Loopback only, 0:0:0:0:0:0:0:0 a wildcard.
 * - Filter Machines… with fd00::2 finds the machine exported as fd00:0::2 (before: none).
 * - On the map, the endpoint 2001:db8::99 (exported as 2001:DB8::99 and 2001:db8:0::99), found by its
 *   search and opened with O, opens a query that finds both spellings' links (before: no rows).
 * Every label is at most 60 characters; nothing throws (no crash notice, no error in the extension's log).
 */
import assert from 'node:assert/strict';
import { ODD_ADDRESS_MACHINE_ROWS, writeOddAddressExports } from '../../machines/oddAddressExports';
import { extensionLog } from '../extensionLog';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, waitForGrid } from '../resultsPanel';
import { type TreeRow, viewTree, viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { openFleetMap } from './dependencyMap';
import { expand, showMachinesViewAlone } from './machines';

const N = 108;

const shown = (rows: readonly TreeRow[]) => rows.map((r) => [r.label, r.description]);

/** Every row's label and description fit a side bar: garbage is cut, not drawn 500 characters wide. */
function assertReadable(rows: readonly TreeRow[]): void {
  for (const r of rows) {
    assert.ok(r.label.length > 0 && r.label.length <= 60, `label ${JSON.stringify(r.label)}`);
    assert.ok(r.description.length <= 60, `description ${JSON.stringify(r.description)}`);
    assert.doesNotMatch(r.label, /Could not load/);
  }
}

async function machineRows(wb: Workbench, count: number): Promise<TreeRow[]> {
  return waitFor(`${count} machines in the Machines view`, async () => {
    const rows = (await viewTreeRows(wb, 'Machines')).filter((r) => r.level === 1);
    return rows.length === count ? rows : undefined;
  });
}

export async function oddAddressTreeScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-odd-addresses-');
  writeOddAddressExports(exports, new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  await inOwnWorkspace(main, N, workspace, async (wb, server) => {
    await showMachinesViewAlone(wb);
    const machines = await machineRows(wb, 10);
    assert.deepEqual(shown(machines), ODD_ADDRESS_MACHINE_ROWS);
    assertReadable(machines);
    await wb.screenshot(N, 'machines');

    await expand(wb, 'dual-01', 1);
    const outbound = (await expand(wb, 'Outbound dependencies', 2)).filter((r) => r.level === 3);
    assert.deepEqual(
      outbound.map((r) => r.label),
      [
        'v6-only ([fd00::2]:5432/tcp)',
        'mapped (10.0.0.7:8080/tcp)',
        'garbage ([fd00::9]:443/tcp)',
        'bare (10.0.0.3:445/tcp)',
        'zoned ([fe80::1%eth0]:22/tcp)',
        '[2001:db8::99]:443/tcp',
        '(no address):80/tcp',
        'not-an-ip:81/tcp',
        `${'x'.repeat(39)}…:82/tcp`,
      ],
    );
    assertReadable(outbound);
    await wb.screenshot(N, 'outbound');

    // The tooltip of the merged row says how the export spelt the address: the text to search the data for.
    const v6Row = viewTree(wb, 'Machines')
      .locator('.monaco-list-row[aria-level="3"]')
      .filter({ has: wb.page.locator('.label-name', { hasText: 'v6-only ([fd00::2]:5432/tcp)' }) })
      .first();
    await v6Row.hover();
    const hover = wb.page.locator('.monaco-hover, .workbench-hover', { hasText: 'Exported as' }).first();
    await hover.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    assert.match((await hover.textContent()) ?? '', /Exported as FD00:0:0:0::2, fd00::2/);
    await wb.screenshot(N, 'spellings-tooltip');
    await wb.page.mouse.move(0, 0);

    // Outbound dependencies collapsed again, to make room for the ports.
    await viewTree(wb, 'Machines')
      .locator('.monaco-list-row[aria-level="2"]', { hasText: 'Outbound dependencies' })
      .locator('.monaco-tl-twistie')
      .click();
    const ports = (await expand(wb, 'Bound ports', 2)).filter((r) => r.level === 3);
    assert.deepEqual(shown(ports), [
      ['[::]:80/tcp', 'wildcard · app'],
      ['[fd00::5]:443/tcp', 'app'],
      ['not-an-ip:9000/tcp', 'app'],
      ['Loopback only', '1'],
    ]);
    const loopback = (await expand(wb, 'Loopback only', 3)).filter((r) => r.level === 4);
    assert.deepEqual(shown(loopback), [['127.0.0.1:6379/tcp', 'app']]);
    assertReadable([...ports, ...loopback]);
    await wb.screenshot(N, 'bound-ports');

    // The filter: the address as the tree shows it finds the machine whose export spelt it otherwise.
    await wb.runCommand('Connection Analytics: Filter Machines…');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill('fd00::2');
    await wb.page.keyboard.press('Enter');
    const filtered = await machineRows(wb, 1);
    assert.deepEqual(shown(filtered), [['v6-only', 'linux · fd00::2']]);
    await wb.screenshot(N, 'filtered');
    await wb.runCommand('Connection Analytics: Clear Machines Filter');
    await machineRows(wb, 10);

    // The map names the endpoint as the tree does; its query finds both spellings' links.
    const fleet = await openFleetMap(wb);
    console.log(`# ${N}: map: ${fleet.state.nodes} nodes; ${fleet.state.status}`);
    const map = fleet.frame;
    const search = map.locator('#search');
    await search.fill('2001:db8::99');
    await search.press('Enter');
    await waitFor('the endpoint 2001:db8::99 selected on the map', async () =>
      /^endpoint:2001:db8::99:443/.test((await map.getAttribute('#map', 'data-selected')) ?? '') ? true : undefined,
    );
    await wb.screenshot(N, 'map-endpoint');
    await search.press('Escape');
    await map.locator('#map').press('o');
    const grid = await waitForGrid(
      wb,
      'the connections to 2001:db8::99:443, opened from the map',
      (v) => v.headers.includes('LinksEstablished') && v.headers.includes('Computer'),
      90_000,
    );
    const links = grid.rows.map((r) => r[grid.headers.indexOf('LinksEstablished')]);
    console.log(`# ${N}: endpoint query: ${grid.rows.length} rows, links ${links.join(', ')}`);
    assert.deepEqual(links, ['2']);
    await wb.screenshot(N, 'endpoint-query');

    assert.deepEqual(await crashNotices(wb), []);
    const errors = extensionLog(server.userDataDir)
      .split('\n')
      .filter((l) => /\[error\]/i.test(l));
    assert.deepEqual(errors, []);
  });
}
