/**
 * Scenario 92: a user exports every row of a large result as CSV, into a folder whose name is not
 * ASCII. A million rows (the row limit raised to hold them): "Export all rows…" → CSV, the save dialog,
 * and the progress notification's Cancel part-way: no file under the chosen name, nothing half-written
 * beside it. Then the same export to the end: the file has the UTF-8 byte order mark, a header and a
 * million records, and the hostile cell (a formula with quotes, a comma, a line break and a
 * right-to-left override) reads back as what it was, with the formula neutralised; the datetime keeps
 * its seven fractional digits.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inOwnWorkspace } from '../ownWorkspace';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { answerSaveDialog } from '../saveDialog';
import { type Workbench, waitFor } from '../workbench';
import { runAt } from './dataFolder';

const ROWS = 1_000_000;
const HOSTILE_ROW = 777_777;
/** The hostile value as KQL writes it (`\n` an escape), and as the engine makes it. */
const HOSTILE_KQL = `'=HYPERLINK("http://x","a, b")\\nline two \u202Egpj.exe'`;
const HOSTILE = '=HYPERLINK("http://x","a, b")\nline two \u202Egpj.exe';
const QUERY = [
  `range i from 1 to ${ROWS} step 1`,
  `| extend When = datetime(2026-12-05T10:00:00.1234567Z) + i * 1tick, Note = iff(i == ${HOSTILE_ROW}, ${HOSTILE_KQL}, strcat('row ', i))`,
  '',
].join('\n');

/** The export's file and whatever else is in its folder (a partial file left behind would show here). */
function folderEntries(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f !== 'big.kql' && f !== '.vscode');
}

async function exportAllAsCsv(wb: Workbench, target: string): Promise<void> {
  const frame = await resultsFrame(wb);
  await frame.locator('vscode-button', { hasText: 'Export all rows' }).click();
  await frame.locator('[role=menuitem]', { hasText: `All ${ROWS.toLocaleString('en-US')} rows as CSV` }).click();
  await answerSaveDialog(wb, target);
}

export async function exportAtScaleScenario(main: Workbench): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-export-Ünï ✓-'));
  fs.writeFileSync(path.join(workspace, 'big.kql'), QUERY);
  const target = path.join(workspace, 'big-results.csv');
  await inOwnWorkspace(
    main,
    92,
    workspace,
    async (wb) => {
      await wb.openFile('big.kql');
      await runAt(wb, 1);
      const grid = await waitForGrid(wb, 'the million-row grid', withColumns('i', 'When', 'Note'), 240_000);
      assert.match(grid.status, /^1,000,000 rows · /);
      assert.doesNotMatch(grid.status, /truncated/);

      // Cancel part-way: the notification's Cancel; nothing is left under the name or beside it.
      await exportAllAsCsv(wb, target);
      const toast = wb.page.locator('.notification-toast', { hasText: /Exporting 1,000,000 rows to big-results\.csv/ });
      await toast.waitFor({ state: 'visible', timeout: 60_000 });
      await wb.screenshot(92, 'export-progress');
      await toast.locator('.monaco-button, .action-label', { hasText: 'Cancel' }).first().click();
      await waitFor('the status bar saying the export was cancelled', async () =>
        (await wb.page.locator('.statusbar-item', { hasText: 'Export cancelled' }).count()) > 0 ? true : undefined,
      );
      assert.deepEqual(folderEntries(workspace), [], 'a cancelled export left a file');
      // The Explorer listed the hidden partial file while it was written: it goes once the watcher sees it removed.
      await waitFor('the Explorer without the partial file', async () =>
        (await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: '.partial' }).count()) === 0
          ? true
          : undefined,
      );
      await wb.screenshot(92, 'export-cancelled');

      // To the end: the file appears whole (it is renamed into place once written).
      await exportAllAsCsv(wb, target);
      const started = Date.now();
      const bytes = await waitFor(
        'the exported CSV',
        async () => (fs.existsSync(target) ? fs.readFileSync(target) : undefined),
        240_000,
      );
      console.log(`# 92: ${bytes.length.toLocaleString('en-US')} bytes written in about ${Date.now() - started} ms`);
      // The status bar's note lasts 5 s: look for it before the checks below read the 108 MB file.
      await waitFor('the status bar saying the file was saved', async () =>
        (await wb.page.locator('.statusbar-item', { hasText: 'Saved big-results.csv (1,000,000 rows)' }).count()) > 0
          ? true
          : undefined,
      );
      await wb.screenshot(92, 'export-saved');
      assert.deepEqual(folderEntries(workspace), ['big-results.csv']);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'no UTF-8 byte order mark');
      const records = bytes.toString('utf8').slice(1).split('\r\n');
      assert.equal(records.at(-1), '', 'the last record ends with CRLF');
      assert.equal(records.length - 2, ROWS, 'records in the file');
      assert.equal(records[0], 'i,When,Note');
      assert.equal(records[1], '1,2026-12-05T10:00:00.1234568Z,row 1');
      assert.equal(
        records[HOSTILE_ROW],
        `${HOSTILE_ROW},2026-12-05T10:00:00.2012344Z,"'${HOSTILE.replace(/"/g, '""')}"`,
      );
      assert.equal(records[ROWS], `${ROWS},2026-12-05T10:00:00.2234567Z,row ${ROWS}`);
      assert.deepEqual(await crashNotices(wb), []);
    },
    { settings: { 'kql.local.rowLimit': ROWS }, machineSettings: { 'kql.local.resultLimitMB': 512 } },
  );
}
