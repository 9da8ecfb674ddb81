/**
 * Scenario 70: a `fork` with two named legs over the sample's VMConnection runs from a .kql file; the
 * results panel lists both tables by name (with their row counts), shows the first in the grid, and
 * switching to the second shows its rows. Both grids agree with the kql CLI's tables of the same name.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { type CliTable, runKqlCliTables } from '../kqlCli';
import { crashNotices, type GridView, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const FILE = 'fork.kql';
/** Rows compared with the CLI: the grid paints at least this many in a 900 px window. */
const COMPARED_ROWS = 10;

export async function forkTablesScenario(wb: Workbench): Promise<void> {
  const query = fs
    .readFileSync(path.join(__dirname, '..', 'workspace', FILE), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('//'))
    .join('\n');
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
  const picker = await tablePicker(wb);
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

/** The panel's list of result tables, once it shows them. */
function tablePicker(wb: Workbench): Promise<{ frame: Frame; labels: string[] }> {
  return waitFor(
    "the results panel's list of the fork's tables",
    async () => {
      for (const f of wb.page.frames()) {
        if (f === wb.page.mainFrame() || f.isDetached()) {
          continue;
        }
        const labels = await f
          .locator('select.table-picker:not([hidden]) option')
          .allTextContents()
          .catch(() => []);
        if (labels.length === 2) {
          return { frame: f, labels };
        }
      }
      return undefined;
    },
    UI_TIMEOUT_MS,
  );
}
