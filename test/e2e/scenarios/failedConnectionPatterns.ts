/**
 * Scenario 66: a .kql file asks which failed connections have something in common (`VMConnection |
 * where LinksFailed > 0 | … | evaluate autocluster()`), run from the editor; the results panel shows
 * the segments (SegmentId, Count, Percent, then each column's value or an empty wildcard cell). The
 * same query asked of the `kql` CLI, at the minute the editor's engine generated its sample (the
 * rows depend on it, and a few failed connections more or less can change which pattern leads),
 * gives the same first pattern and count. That each count is the rows holding the pattern's values
 * is a unit test at a fixed "now" (test/engine/patternPlugins.test.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliAnswerSince, sameRows } from '../kqlCli';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import type { Workbench } from '../workbench';

const FILE = 'failed-connections.kql';
const COLUMNS = ['SegmentId', 'Count', 'Percent', 'Computer', 'ProcessName', 'DestinationPort', 'RemoteIp'];

export async function failedConnectionPatternsScenario(wb: Workbench): Promise<void> {
  const text = fs.readFileSync(path.join(__dirname, '../workspace', FILE), 'utf8');
  const query = text.slice(text.indexOf('VMConnection'));

  await wb.openFile(FILE);
  await wb.goTo(3, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  await resultsFrame(wb);
  const grid = await waitForGrid(wb, 'the patterns of the failed connections', withColumns(...COLUMNS), 120_000);
  assert.ok(grid.rows.length >= 2, `the panel shows ${JSON.stringify(grid.rows)}`);
  assert.deepEqual(
    grid.rows.map((r) => r[0]),
    grid.rows.map((_, i) => String(i)),
  );
  for (const row of grid.rows) {
    const percent = Number(row[2]);
    assert.ok(Number(row[1]) > 0 && percent > 0 && percent <= 100, `a segment: ${JSON.stringify(row)}`);
    assert.ok(
      row.slice(3).some((cell) => cell !== ''),
      `each segment fixes at least one value: ${JSON.stringify(row)}`,
    );
  }
  const shown = grid.rows[0]!;
  // The CLI at each minute since the window opened, until one gives the panel's first pattern and count.
  const cli = cliAnswerSince(query, wb.openedAt, (t) => sameRows(t, COLUMNS, [shown]));
  assert.deepEqual(cli.table.headers, COLUMNS);
  assert.ok(cli.table.rows.length >= 2, `the CLI found ${JSON.stringify(cli.table.rows)}`);
  assert.deepEqual(shown, cli.table.rows[0], 'the first pattern and its count are the CLI’s');
  // The results' editor group maximized for the picture, so every column shows; then back as it was.
  await wb.page
    .locator('.tab', { hasText: `Results: ${FILE}` })
    .first()
    .click();
  await wb.runCommand('View: Toggle Maximize Editor Group', false);
  await wb.screenshot(66, 'failed-connection-patterns');
  await wb.runCommand('View: Toggle Maximize Editor Group', false);
  assert.deepEqual(await crashNotices(wb), []);
}
