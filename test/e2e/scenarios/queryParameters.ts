/**
 * Scenario 73: a user's .kqlnb notebook declares `query_parameters` with defaults in its first code
 * cell and filters the sample's machines with them in a later cell. Run All runs both: the parameter
 * cell says what it defines, and the later cell's grid shows the rows the `kql` CLI gives for the
 * notebook (machines do not depend on the minute the sample is generated at, so the rows are exact).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKqlCli } from '../kqlCli';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { cellList, outputFrame, outputGrid, outputStatuses, runAll, scrollUntil } from './notebooks';

const FILE = 'query-parameters.kqlnb';
const HEADERS = ['Computer', 'OperatingSystemFamily', 'Cpus'];

export async function queryParametersNotebookScenario(wb: Workbench): Promise<void> {
  // The notebook's code cells as the one query the last cell runs: the parameters, then the query.
  const notebook = JSON.parse(fs.readFileSync(path.join(__dirname, '../workspace', FILE), 'utf8')) as {
    cells: { kind: string; source: string[] }[];
  };
  const code = notebook.cells.filter((c) => c.kind === 'code').map((c) => c.source.join(''));
  const expected = runKqlCli(code.join('\n'));
  assert.deepEqual(expected.headers, HEADERS);
  assert.ok(expected.rows.length >= 2, `the CLI found ${JSON.stringify(expected.rows)}`);
  assert.ok(
    expected.rows.every((r) => r[1] === 'linux' && Number(r[2]) >= 4),
    'the defaults filter the rows',
  );

  // A notebook has no text editor to wait for: the cell list says it opened.
  await wb.quickOpen(FILE).catch(() => undefined);
  await cellList(wb).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll(wb);
  const frame = await outputFrame(wb, 'the outputs of Run All');
  // A cell of definitions shows them as plain text, in the same outputs webview as the grids.
  await scrollUntil(
    wb,
    'the parameter cell listing its names',
    async () =>
      ((await frame.locator('body').textContent()) ?? '').includes('defines: os, minCpus') ? true : undefined,
    60_000,
    10_000,
  );
  const grid = await waitFor(
    'the grid of the cell using the parameters',
    () => outputGrid(frame, HEADERS, expected.rows.length * HEADERS.length),
    90_000,
  );
  assert.ok(
    (await outputStatuses(frame)).some((s) => s.startsWith(`${expected.rows.length} rows ·`)),
    `a status of ${expected.rows.length} rows: ${grid.status}`,
  );
  const shown = grid.cells.filter((c) => c !== '');
  for (const row of expected.rows) {
    assert.ok(shown.includes(row[0]!), `the grid shows ${row[0]}: ${JSON.stringify(shown)}`);
  }
  assert.ok(!shown.includes('windows'), 'no machine of another OS family');
  await wb.screenshot(73, 'query-parameters-notebook');
}
