/**
 * Scenario 5: running a query with a syntax error shows the parser's error in the results panel at its
 * document line:column (not the query block's), the link moves the cursor there, and the extension keeps
 * working: the next query in the file runs and fills the grid.
 */
import assert from 'node:assert/strict';
import { crashNotices, readError, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { waitFor, type Workbench } from '../workbench';

/**
 * Where Kusto's parser puts "Missing expression" in test/e2e/workspace/syntax-error.kql: right after
 * `| where BytesSent >` on the file's line 4 (the block starts at line 1 with its comment).
 */
const ERROR_LINE = 4;
const ERROR_COLUMN = 20;

export async function syntaxErrorScenario(wb: Workbench): Promise<void> {
  await wb.openFile('syntax-error.kql');
  await wb.goTo(3, 1);
  await wb.runCommand('Connection Analytics: Run Query');

  const frame = await resultsFrame(wb);
  const error = await waitFor('the query error in the results panel', () => readError(frame));
  assert.equal(error.at, `${ERROR_LINE}:${ERROR_COLUMN}`, `the error is placed at ${error.at}: "${error.text}"`);
  assert.match(error.text, /missing expression/i, `the panel shows "${error.text}", not the parser's message`);
  await wb.screenshot(5, 'syntax-error');

  // The position is a link back into the document.
  await frame.locator('.error-message .link').click();
  const cursor = await waitFor('the cursor at the error after clicking its position', async () => {
    const text = await wb.page.locator('.statusbar-item#status\\.editor\\.selection').innerText();
    return text.includes(`Ln ${ERROR_LINE}, Col ${ERROR_COLUMN}`) ? text : undefined;
  });
  assert.ok(cursor);

  // Nothing crashed: the valid query further down runs and shows its rows.
  await wb.goTo(9, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  const grid = await waitForGrid(wb, 'the valid query after the error', withColumns('Computer', 'Ports'));
  assert.match(grid.rows[0]![0]!, /^acme-/, `first row ${JSON.stringify(grid.rows[0])}`);
  assert.ok(Number(grid.rows[0]![1]) > 0, `first row ${JSON.stringify(grid.rows[0])} has no port count`);
  assert.deepEqual(await crashNotices(wb), []);
}
