/**
 * Scenario 3: a seed query run from its CodeLens fills the results grid with the rows the `kql` CLI
 * prints for the same query, and a `render timechart` seed draws a chart.
 */
import assert from 'node:assert/strict';
import { clickRunLens, seedBlock } from '../codeLens';
import { runKqlCli } from '../kqlCli';
import { crashNotices, readChart, resultsFrame, waitForGrid } from '../resultsPanel';
import { waitFor, type Workbench } from '../workbench';

/** The seed queries run here, by the comment that heads them in examples/vm-insights.kql. */
const GRID_SEED = '// List the bound ports on your VMs';
const CHART_SEED = '// Bytes sent and received trends';
/** Rows compared with the CLI: the grid paints at least this many in a 900 px window. */
const COMPARED_ROWS = 10;

export async function resultsScenario(wb: Workbench, workspace: string): Promise<void> {
  const gridSeed = seedBlock(workspace, GRID_SEED);
  const expected = runKqlCli(gridSeed.query);
  assert.ok(expected.rows.length >= COMPARED_ROWS, `the CLI returns only ${expected.rows.length} rows`);

  await wb.openFile('vm-insights.kql');
  await clickRunLens(wb, gridSeed);
  const grid = await waitForGrid(
    wb,
    `the result of "${GRID_SEED.slice(3)}"`,
    (v) => v.headers.join() === expected.headers.join(),
    60_000,
  );
  assert.deepEqual(grid.headers, expected.headers);
  assert.ok(grid.rows.length >= COMPARED_ROWS, `the grid painted ${grid.rows.length} rows`);
  assert.deepEqual(grid.rows.slice(0, COMPARED_ROWS), expected.rows.slice(0, COMPARED_ROWS));
  assert.match(grid.status, new RegExp(`${expected.rows.length.toLocaleString('en-US')} rows`));
  await wb.screenshot(3, 'grid');

  const chartSeed = seedBlock(workspace, CHART_SEED);
  await clickRunLens(wb, chartSeed);
  const frame = await resultsFrame(wb);
  const chart = await waitFor(
    'a drawn timechart',
    async () => {
      const c = await readChart(frame);
      return c && c.colours > 5 && /timechart/i.test(c.note) ? c : undefined;
    },
    60_000,
  );
  assert.ok(chart.width > 200 && chart.height > 100, `the chart is ${chart.width}×${chart.height}`);
  await wb.screenshot(3, 'chart');
  assert.deepEqual(await crashNotices(wb), []);
}
