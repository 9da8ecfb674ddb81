/**
 * Scenario 81: results far wider than the panel reach it whole. 200 string columns × 1,000 rows and a
 * 1,000-column row show every column, the last one's value included, in the results panel; the same
 * 200 × 1,000 result draws in a notebook output. Before their typed arrays travelled in one buffer, a
 * result of this width left the panel on "Running…" (VS Code's RPC counts a call's arguments in one
 * byte; see src/protocol/webviewPayload.ts).
 */
import assert from 'node:assert/strict';
import { runBlock } from '../queryFile';
import { resultsFrame, waitForGrid } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { cellList, outputFrame, outputGrid, runAll } from './notebooks';

const FILE = 'wide.kql';
const TWO_HUNDRED = '// Two hundred string columns, a thousand rows';
const THOUSAND = '// A thousand columns';
const names = (n: number, width: number) =>
  Array.from({ length: n }, (_, i) => `c${String(i + 1).padStart(width, '0')}`);

export async function wideResultsScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, TWO_HUNDRED);
  const wide = await waitForGrid(
    wb,
    '200 columns × 1,000 rows',
    (v) => v.headers.length === 200 && v.rows[0]?.[0] === 'value 1 row 1',
    90_000,
  );
  assert.deepEqual(wide.headers, names(200, 3));
  assert.equal(wide.rows[0]![199], 'value 200 row 1', 'the last column holds its own value');
  assert.match(wide.status, /^1,000 rows/);
  // Scrolled to the far right, as a user looking for the last column would.
  const frame = await resultsFrame(wb);
  await frame
    .locator('.grid-viewport')
    .first()
    .evaluate((el: { scrollLeft: number; scrollWidth: number }) => {
      el.scrollLeft = el.scrollWidth;
    });
  await wb.page.waitForTimeout(200);
  await wb.screenshot(81, 'two-hundred-columns');

  await runBlock(wb, workspace, FILE, THOUSAND);
  const widest = await waitForGrid(wb, '1,000 columns', (v) => v.headers.length === 1000, 90_000);
  assert.deepEqual(widest.headers, names(1000, 4));
  assert.equal(widest.rows[0]![999], 'value 1000');
  assert.match(widest.status, /^1 row/);
  await wb.screenshot(81, 'thousand-columns');

  // The notebook renderer gets its output as JSON, not typed arrays: the same width draws there too.
  await wb.runCommand('View: Close All Editors', false);
  await wb.quickOpen('wide.kqlnb').catch(() => undefined);
  await cellList(wb).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll(wb);
  const output = await outputFrame(wb, 'the 200-column notebook output');
  const grid = await waitFor('the notebook grid of 200 columns', () => outputGrid(output, names(200, 3), 200), 90_000);
  assert.match(grid.status, /^1,000 rows/);
  assert.equal(grid.cells[0], 'value 1 row 1');
  assert.equal(grid.cells[199], 'value 200 row 1', 'the last column holds its own value');
  await wb.screenshot(81, 'notebook-two-hundred-columns');
}
