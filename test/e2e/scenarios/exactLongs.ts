/**
 * Scenario 87: longs past 2^53 in the results panel. They travel as doubles with those rows exact beside
 * them (src/protocol/longColumn.ts): the grid shows every digit, a sort orders 851673153924341804 before
 * 851673153924341805 (one double holds both, so a sort by the double would keep them as the query gave
 * them), and Export CSV of the sorted rows writes every digit in that order.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBlock } from '../queryFile';
import { crashNotices, readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { answerSaveDialog } from '../saveDialog';
import { type Workbench, waitFor } from '../workbench';

const FILE = 'exact-longs.kql';
const AS_QUERIED = [
  ['851673153924341805', 'hash'],
  ['851673153924341804', 'neighbour'],
  ['-9223372036854775808', 'long min'],
  ['5', 'small'],
];
const ASCENDING = [AS_QUERIED[2]!, AS_QUERIED[3]!, AS_QUERIED[1]!, AS_QUERIED[0]!];

export async function exactLongsScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// Longs past 2^53, with a neighbour that shares its double');
  const grid = await waitForGrid(wb, 'the exact longs grid', withColumns('Id', 'Name'), 90_000);
  assert.deepEqual(grid.rows, AS_QUERIED, 'the grid does not show every digit');
  const frame = await resultsFrame(wb);

  const header = frame.locator('[role=columnheader]', { hasText: 'Id' });
  await header.locator('.sort-button').click();
  const sorted = await waitFor('the grid sorted by Id, ascending', async () => {
    const v = await readGrid(frame);
    return v && (await header.getAttribute('aria-sort')) === 'ascending' ? v : undefined;
  });
  assert.deepEqual(sorted.rows, ASCENDING, 'the sort is not by the exact value');
  await wb.screenshot(87, 'exact-longs-sorted');

  const target = path.join(workspace, 'exact-longs.csv');
  fs.rmSync(target, { force: true });
  await frame.locator('vscode-button', { hasText: 'Export CSV' }).click();
  await answerSaveDialog(wb, target);
  const csv = await waitFor('the exported CSV', async () =>
    fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined,
  );
  assert.deepEqual(csv.trim().split(/\r\n/), ['Id,Name', ...ASCENDING.map((r) => r.join(','))]);
  assert.deepEqual(await crashNotices(wb), []);
}
