/**
 * Scenario 60: a .kql file with a geo query (300 km buffers around the sample's North American
 * endpoint locations, united) runs from the editor and the results panel shows the united shape: the
 * same endpoint count, kind and number of parts as the kql CLI gives, and the GeoJSON as text. The
 * union loads the geometry library on the query's first call, in the engine worker.
 */
import assert from 'node:assert/strict';
import { runKqlCli } from '../kqlCli';
import { workspaceQuery } from '../queryFile';
import { crashNotices, waitForGrid, withColumns } from '../resultsPanel';
import type { Workbench } from '../workbench';

const FILE = 'geo.kql';

export async function geoQueryScenario(wb: Workbench): Promise<void> {
  const query = workspaceQuery(FILE);
  const cli = runKqlCli(query);
  assert.deepEqual(cli.headers, ['Endpoints', 'Kind', 'Parts', 'Union']);
  const [endpoints, kind, parts] = cli.rows[0]!;
  assert.equal(kind, 'MultiPolygon', `the CLI's union is ${kind}`);

  await wb.openFile(FILE);
  await wb.goTo(3, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  const grid = await waitForGrid(wb, 'the united endpoint areas', withColumns('Endpoints', 'Kind', 'Parts', 'Union'));
  const row = grid.rows[0]!;
  assert.deepEqual(row.slice(0, 3), [endpoints, kind, parts], `grid row ${JSON.stringify(row.slice(0, 3))}`);
  assert.match(
    row[3]!,
    /^\{"type":\s*"MultiPolygon","coordinates":\s*\[\[\[\[-?\d/,
    `the Union cell shows ${row[3]!.slice(0, 80)}`,
  );
  await wb.screenshot(60, 'geo-union');
  assert.deepEqual(await crashNotices(wb), []);
}
