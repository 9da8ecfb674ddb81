/**
 * Scenario 85: a user opens a large messy `.kql` file (2,000 queries, about 20,000 lines, with a BOM,
 * CRLF line ends, tabs and non-ASCII text), types a half query at its end, sees completion, a squiggle
 * under exactly the misspelt name after a string of surrogate pairs and combining marks, and runs the
 * query under the cursor.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { messyKqlFile } from '../messyKqlFile';
import { waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';

const FILE = 'large-messy.kql';
const QUERIES = 2000;
/** The whole file's first check takes minutes on a loaded machine; the squiggle waits for it. */
const CHECK_TIMEOUT_MS = 420_000;

/** Replaces the cursor's line with `text` exactly, whatever indentation the editor gave it. */
async function replaceLine(wb: Workbench, text: string): Promise<void> {
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('End');
  await wb.page.keyboard.press('Shift+Home');
  await wb.page.keyboard.press('Shift+Home'); // The first press stops at the indentation.
  if (text === '') await wb.page.keyboard.press('Delete');
  else await wb.page.keyboard.insertText(text);
}

export async function largeMessyFileScenario(wb: Workbench, workspace: string): Promise<void> {
  const text = messyKqlFile(QUERIES);
  fs.writeFileSync(path.join(workspace, FILE), text);
  const lines = text.split('\r\n').length;
  assert.ok(lines > 20_000, `${lines} lines`);
  await wb.openFile(FILE);
  // The language server has read the file once its first squiggles (the samples' warnings) are counted.
  await waitFor(
    "the file's first diagnostics in the status bar",
    async () =>
      /[1-9]/.test((await wb.page.locator('.statusbar-item#status\\.problems').textContent()) ?? '') ? true : undefined,
    CHECK_TIMEOUT_MS,
  );
  await wb.page.keyboard.press('Control+End');
  await wb.page.keyboard.press('Enter');
  await replaceLine(wb, 'VMConnection');
  await wb.page.keyboard.press('Enter');
  await replaceLine(wb, '');

  // A half query at the end completes the table's columns.
  await expectSuggestion(wb, '\t| where ', 'Comp', 'Computer');
  await wb.screenshot(85, 'completion');
  await wb.page.keyboard.press('Escape');

  // The squiggle sits under the misspelt name, after a tab and a string of surrogate pairs and a
  // combining mark (columns count UTF-16 code units, as VS Code's do).
  const line = '\t| where Computer != "👩‍💻e\u0301" | extend Port = DestinationPrt';
  await replaceLine(wb, line);
  const editor = wb.activeEditor();
  await waitFor(
    'a squiggle under DestinationPrt',
    async () => ((await editor.locator('.squiggly-error').count()) > 0 ? true : undefined),
    CHECK_TIMEOUT_MS,
  );
  await wb.screenshot(85, 'squiggle');
  const problem = await waitFor('a Problems entry naming DestinationPrt', async () =>
    (await wb.problems()).find((r) => r.includes('DestinationPrt')),
  );
  const lineNumber = lines + 2;
  const column = line.indexOf('DestinationPrt') + 1;
  assert.match(problem, new RegExp(`Ln ${lineNumber}, Col ${column}\\b`), `placed wrongly: ${problem}`);

  // Fixed, the query under the cursor runs.
  await wb.goTo(lineNumber, column);
  await replaceLine(wb, '| summarize Links = count() by Computer');
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('Connection Analytics: Run Query');
  const grid = await waitForGrid(wb, 'the typed query’s result', withColumns('Computer', 'Links'), CHECK_TIMEOUT_MS);
  assert.match(grid.rows[0]![0]!, /^acme-/, `first row ${JSON.stringify(grid.rows[0])}`);
  await wb.screenshot(85, 'run');
}
