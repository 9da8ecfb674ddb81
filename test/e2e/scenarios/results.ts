/**
 * Scenario 3: a seed query run from its CodeLens fills the results grid with the rows the `kql` CLI
 * prints for the same query, and a `render timechart` seed draws a chart. "Run all" on a file of three
 * queries lists the three outcomes in the panel, and picking the first shows its grid.
 */
import assert from 'node:assert/strict';
import { clickRunLens, seedBlock } from '../codeLens';
import { cliAnswerSince, sameRows } from '../kqlCli';
import { crashNotices, listOptions, readChart, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

/** The seed queries run here, by the comment that heads them in examples/vm-insights.kql. */
const GRID_SEED = '// List the bound ports on your VMs';
const CHART_SEED = '// Bytes sent and received trends';
const GRID_COLUMNS = ['Computer', 'Port', 'ProcessName'];
/** Rows compared with the CLI: the grid paints at least this many in a 900 px window. */
const COMPARED_ROWS = 10;

export async function resultsScenario(wb: Workbench, workspace: string): Promise<void> {
  const gridSeed = seedBlock(workspace, GRID_SEED);
  await wb.openFile('vm-insights.kql');
  await clickRunLens(wb, gridSeed);
  const grid = await waitForGrid(wb, `the result of "${GRID_SEED.slice(3)}"`, withColumns(...GRID_COLUMNS), 60_000);
  assert.ok(grid.rows.length >= COMPARED_ROWS, `the grid painted ${grid.rows.length} rows`);
  const shown = grid.rows.slice(0, COMPARED_ROWS);
  const cli = cliAnswerSince(gridSeed.query, wb.openedAt, (t) => sameRows(t, grid.headers, shown));
  assert.deepEqual(shown, cli.table.rows.slice(0, COMPARED_ROWS), 'the grid and the kql CLI disagree');
  assert.match(grid.status, new RegExp(`^${cli.table.rows.length.toLocaleString('en-US')} rows`));
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

  await wb.openFile('run-all.kql');
  await wb.goTo(1);
  const runAll = wb
    .activeEditor()
    .locator('.codelens-decoration a', { hasText: /^\W*Run all$/ })
    .first();
  await runAll.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll.click({ timeout: UI_TIMEOUT_MS });
  const picker = await listOptions(
    wb,
    "the Run all list with the three queries' outcomes",
    'select.batch-picker',
    3,
    60_000,
  );
  assert.match(picker.labels[0]!, /^1\/3 · line 1 · How many machines report · 1 row$/);
  assert.match(picker.labels[2]!, /^3\/3 · line 9 · Connections by direction · 2 rows$/);
  await waitForGrid(wb, "the last query's grid", withColumns('Direction', 'Links'), 30_000);
  await picker.frame.locator('select.batch-picker').selectOption('0');
  await waitForGrid(wb, "the first query's grid after picking it", withColumns('Machines'), 30_000);
  await wb.screenshot(3, 'run-all');
  assert.deepEqual(await crashNotices(wb), []);
}
