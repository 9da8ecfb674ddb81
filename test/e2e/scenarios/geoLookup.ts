/**
 * Scenario 61: a .kql file classifies VMConnection's remote endpoints (RemoteLongitude/RemoteLatitude)
 * into regions with `evaluate geo_polygon_lookup`, run from the editor; the results panel shows one row
 * per region, and they are what the same classification gives the slow way (every connection against
 * every region with geo_point_in_polygon), asked of the `kql` CLI. The sample's rows depend on the minute
 * they are generated at, and the editor's engine generated them at activation, the CLI later: so regions,
 * their order and endpoints must be equal, connection counts within 1% (the exact cross-check, at one
 * fixed "now", is a unit test: test/engine/geoLookup.test.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKqlCli } from '../kqlCli';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import type { Workbench } from '../workbench';

export async function geoLookupScenario(wb: Workbench): Promise<void> {
  const text = fs.readFileSync(path.join(__dirname, '../workspace/geo-lookup.kql'), 'utf8');
  const regions = text.slice(text.indexOf('let Regions'), text.indexOf('VMConnection'));
  const expected = runKqlCli(
    `${regions}VMConnection | where isnotnull(RemoteLatitude) | extend k = 1 | join kind=inner (Regions | extend k = 1) on k | where geo_point_in_polygon(RemoteLongitude, RemoteLatitude, Area) | summarize Connections = count(), Endpoints = dcount(RemoteIp) by Region | order by Connections desc`,
  );
  assert.equal(expected.rows.length, 3, `the cross-check found ${JSON.stringify(expected.rows)}`);

  await wb.openFile('geo-lookup.kql');
  await wb.goTo(9, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  await resultsFrame(wb);
  const grid = await waitForGrid(
    wb,
    'the regions of the remote endpoints',
    withColumns('Region', 'Connections', 'Endpoints'),
    120_000,
  );
  assert.deepEqual(
    grid.rows.map(([region, , endpoints]) => [region, endpoints]),
    expected.rows.map(([region, , endpoints]) => [region, endpoints]),
  );
  grid.rows.forEach(([region, shown], i) => {
    const slow = Number(expected.rows[i]?.[1]);
    assert.ok(Math.abs(Number(shown) - slow) <= slow * 0.01, `${region}: ${shown} connections, the slow way ${slow}`);
  });
  assert.deepEqual(
    grid.rows.map((r) => r[0]),
    ['US West Coast', 'Western Europe', 'Australia'],
  );
  await wb.screenshot(61, 'geo-polygon-lookup');
  assert.deepEqual(await crashNotices(wb), []);
}
