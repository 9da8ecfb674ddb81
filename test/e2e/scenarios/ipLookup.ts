/**
 * Scenario 69: a .kql file matches VMConnection's remote IPs to a datatable of subnets with
 * `evaluate ipv4_lookup`, run from the editor; the results panel shows one row per subnet, and they are
 * what the same matching gives the slow way (every connection against every subnet with
 * ipv4_is_in_range), asked of the `kql` CLI. The sample's rows depend on the minute they are generated
 * at (the editor's engine at activation, the CLI later): so sites, their order and endpoints must be
 * equal, connection counts within 1% (the exact cross-check, at one fixed "now", is a unit test:
 * test/engine/ipLookup.test.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKqlCli } from '../kqlCli';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import type { Workbench } from '../workbench';

export async function ipLookupScenario(wb: Workbench): Promise<void> {
  const text = fs.readFileSync(path.join(__dirname, '../workspace/ip-lookup.kql'), 'utf8');
  const subnets = text.slice(text.indexOf('let Subnets'), text.indexOf('VMConnection'));
  const expected = runKqlCli(
    `${subnets}VMConnection | extend k = 1 | join kind=inner (Subnets | extend k = 1) on k | where ipv4_is_in_range(RemoteIp, Subnet) | summarize Connections = count(), Endpoints = dcount(RemoteIp) by Site, Subnet | order by Connections desc`,
  );
  assert.equal(expected.rows.length, 4, `the cross-check found ${JSON.stringify(expected.rows)}`);

  await wb.openFile('ip-lookup.kql');
  await wb.goTo(10, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  await resultsFrame(wb);
  const grid = await waitForGrid(
    wb,
    'the subnets the remote IPs belong to',
    withColumns('Site', 'Subnet', 'Connections', 'Endpoints'),
    120_000,
  );
  assert.deepEqual(
    grid.rows.map(([site, subnet, , endpoints]) => [site, subnet, endpoints]),
    expected.rows.map(([site, subnet, , endpoints]) => [site, subnet, endpoints]),
  );
  grid.rows.forEach(([site, , shown], i) => {
    const slow = Number(expected.rows[i]?.[2]);
    assert.ok(Math.abs(Number(shown) - slow) <= slow * 0.01, `${site}: ${shown} connections, the slow way ${slow}`);
  });
  assert.deepEqual(
    grid.rows.map((r) => r[0]),
    ['Azure VNet', 'Azure public', 'Loopback', 'Branch offices'],
  );
  await wb.screenshot(69, 'ipv4-lookup');
  assert.deepEqual(await crashNotices(wb), []);
}
