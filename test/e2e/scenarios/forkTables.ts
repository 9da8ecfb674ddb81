/**
 * Scenario 70: a `fork` with two named legs over the sample's VMConnection runs from a .kql file; the
 * results panel lists both tables by name (with their row counts), shows the first in the grid, and
 * switching to the second shows its rows. Both grids agree with the kql CLI's tables of the same name.
 */
import assert from 'node:assert/strict';
import { type CliTable, runKqlCliTables } from '../kqlCli';
import { workspaceQuery } from '../queryFile';
import { crashNotices, type GridView, listOptions, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const FILE = 'fork.kql';
/** Rows compared with the CLI: the grid paints at least this many in a 900 px window. */
const COMPARED_ROWS = 10;

export async function forkTablesScenario(wb: Workbench): Promise<void> {
  const query = workspaceQuery(FILE);
  const cli = runKqlCliTables(query);
  assert.deepEqual(
    cli.map((t) => t.name),
    ['Destinations', 'Machines'],
  );
  const [destinations, machines] = cli.map((t) => t.table) as [CliTable, CliTable];

  await wb.openFile(FILE);
  await wb.goTo(3, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  const first = await waitForGrid(wb, 'the Destinations leg', withColumns('Computer', 'DestinationPort'), 60_000);
  sameFirstRows(first, destinations, 'Destinations');
  assert.match(first.status, new RegExp(`^${destinations.rows.length} rows · .* · table 1 of 2`));
  const picker = await listOptions(wb, "the results panel's list of the fork's tables", 'select.table-picker', 2);
  assert.deepEqual(picker.labels, [
    `Destinations (${destinations.rows.length} rows)`,
    `Machines (${machines.rows.length} rows)`,
  ]);
  await wb.screenshot(70, 'fork-first-table');

  await picker.frame.locator('select.table-picker').selectOption({ label: picker.labels[1]! });
  const second = await waitForGrid(wb, 'the Machines leg after picking it', withColumns('Computer'), 30_000);
  sameFirstRows(second, machines, 'Machines');
  assert.match(second.status, new RegExp(`^${machines.rows.length} rows · .* · table 2 of 2`));
  await wb.screenshot(70, 'fork-second-table');
  assert.deepEqual(await crashNotices(wb), []);
}

function sameFirstRows(grid: GridView, cli: CliTable, what: string): void {
  const n = Math.min(COMPARED_ROWS, cli.rows.length);
  assert.ok(grid.rows.length >= n, `the ${what} grid painted ${grid.rows.length} rows`);
  assert.deepEqual(grid.rows.slice(0, n), cli.rows.slice(0, n), `the ${what} grid and the kql CLI disagree`);
}
