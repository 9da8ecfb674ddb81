/**
 * Scenario 3: a seed query run from its CodeLens fills the results grid with the rows the `kql` CLI
 * prints for the same query, and a `render timechart` seed draws a chart.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKqlCli } from '../kqlCli';
import { crashNotices, readChart, resultsFrame, waitForGrid } from '../resultsPanel';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from '../workbench';

/** The seed queries run here, by the comment that heads them in examples/vm-insights.kql. */
const GRID_SEED = '// List the bound ports on your VMs';
const CHART_SEED = '// Bytes sent and received trends';
/** Rows compared with the CLI: the grid paints at least this many in a 900 px window. */
const COMPARED_ROWS = 10;

interface SeedBlock {
  /** The comment line that heads the block, and its 1-based line number. */
  readonly heading: string;
  readonly line: number;
  readonly query: string;
}

function seedBlock(workspace: string, heading: string): SeedBlock {
  const lines = fs.readFileSync(path.join(workspace, 'vm-insights.kql'), 'utf8').split(/\r?\n/);
  const at = lines.indexOf(heading);
  assert.ok(at >= 0, `examples/vm-insights.kql has no seed "${heading}"`);
  let end = at + 1;
  while (end < lines.length && lines[end]!.trim() !== '') {
    end++;
  }
  return { heading, line: at + 1, query: lines.slice(at + 1, end).join('\n') };
}

/** Clicks the "Run" CodeLens shown above the block that starts at `line`. */
async function clickRunLens(wb: Workbench, block: SeedBlock): Promise<void> {
  await wb.goTo(block.line + 1);
  const editor = wb.activeEditor();
  const lens = await waitFor(`a Run CodeLens above line ${block.line} (is the query runner registered?)`, async () => {
    const lineBox = await editor
      .locator('.view-lines .view-line')
      .filter({ hasText: /\S/ })
      .evaluateAll((els, wanted) => {
        const el = els.find((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ') === wanted);
        return el ? el.getBoundingClientRect().top : undefined;
      }, block.heading);
    if (lineBox === undefined) {
      return undefined;
    }
    const lenses = editor.locator('.codelens-decoration a', { hasText: /Run/ });
    const tops = await lenses.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
    let best = -1;
    tops.forEach((bottom, i) => {
      if (bottom <= lineBox + 2 && (best < 0 || bottom > tops[best]!)) {
        best = i;
      }
    });
    return best >= 0 && lineBox - tops[best]! < 40 ? lenses.nth(best) : undefined;
  });
  await lens.click({ timeout: UI_TIMEOUT_MS });
}

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
