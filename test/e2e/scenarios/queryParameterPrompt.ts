/**
 * Scenario 75: a user runs a query of a .kql file that declares a parameter without a default. The Run
 * asks for its value in an input box titled with the parameter's name and type; a value that is not a
 * long is refused with the reason while it is typed (Enter does not run it); a good value runs the
 * query and the grid shows the rows the `kql` CLI gives with that value. A second Run asks nothing:
 * the value is kept for the document.
 */
import assert from 'node:assert/strict';
import { runKqlCli } from '../kqlCli';
import { runBlock } from '../queryFile';
import { readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

const FILE = 'parameter-prompt.kql';
const HEADING = '// Machines with at least a number of CPUs';
const HEADERS = ['Computer', 'Cpus'];

export async function queryParameterPromptScenario(wb: Workbench, workspace: string): Promise<void> {
  const query = [
    'VMComputer | summarize arg_max(TimeGenerated, *) by Computer',
    '| where Cpus >= minCpus | project Computer, Cpus | order by Computer asc',
  ].join(' ');
  const expected = runKqlCli(`declare query_parameters(minCpus:long);\n${query}`, ['--param', 'minCpus=4']);
  const all = runKqlCli(`declare query_parameters(minCpus:long);\n${query}`, ['--param', 'minCpus=0']);
  assert.deepEqual(expected.headers, HEADERS);
  assert.ok(expected.rows.length >= 1 && expected.rows.length < all.rows.length, 'the value filters machines out');

  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, HEADING);

  const box = wb.page.locator('.quick-input-widget');
  /** The text of a part of the input box, '' when it is not there. */
  const shown = async (part: string): Promise<string> =>
    (await box
      .locator(part)
      .textContent()
      .catch(() => '')) ?? '';
  const title = await waitFor('the input box asking for minCpus', async () => {
    const text = await shown('.quick-input-title');
    return text.includes('minCpus') ? text : undefined;
  });
  assert.match(title, /Query parameter minCpus: long/);

  const input = box.locator('.quick-input-box input');
  await input.fill('four');
  const reason = await waitFor('the reason the value is refused', async () => {
    const text = await shown('.quick-input-message');
    return text.includes('Not a long') ? text : undefined;
  });
  assert.match(reason, /Not a long: expected a whole number, e\.g\. 42/);
  // The pointer off the box, so no tooltip covers its title in the screenshot.
  await wb.page.mouse.move(700, 600);
  await wb.screenshot(75, 'parameter-refused');
  // Enter on a refused value runs nothing: the box stays, with its reason.
  await wb.page.keyboard.press('Enter');
  await box.locator('.quick-input-title', { hasText: 'minCpus' }).waitFor({ state: 'visible', timeout: 5_000 });

  await input.fill('4');
  await waitFor('the reason to go', async () =>
    (await shown('.quick-input-message')).includes('Not a long') ? undefined : true,
  );
  await wb.page.keyboard.press('Enter');
  const grid = await waitForGrid(
    wb,
    'the machines with 4 CPUs or more',
    (v) => withColumns(...HEADERS)(v) && v.rows.length === expected.rows.length,
    90_000,
  );
  assert.deepEqual(grid.rows, expected.rows);
  assert.ok(grid.rows.every((r) => Number(r[1]) >= 4));
  await wb.screenshot(75, 'parameter-rows');

  // Run again: the value is kept for the document, so nothing is asked and the same rows come back.
  await runBlock(wb, workspace, FILE, HEADING);
  const frame = await resultsFrame(wb);
  await waitFor('the second run to finish', async () => {
    const status = await frame
      .locator('.status')
      .first()
      .textContent()
      .catch(() => '');
    return status && !/Running/.test(status) ? true : undefined;
  });
  assert.equal(await box.isVisible(), false, 'no input box the second time');
  assert.deepEqual((await readGrid(frame))?.rows, expected.rows);
}
