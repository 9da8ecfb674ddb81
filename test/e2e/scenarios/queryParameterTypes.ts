/**
 * Scenario 77: with the language server running, a user runs a query that declares a `datetime` and a
 * `timespan` parameter without defaults. In each input box they first type a value that is not one
 * ("last tuesday", "5 fortnights") and see why, then a right one; the grid shows the rows the `kql` CLI
 * gives with those values. The values were read by the language server: the extension's log has no line
 * saying the extension host read them (which would load Kusto.Language there). A notebook whose first
 * code cell declares the same parameters asks for them the same way on Run All, and its cell below
 * shows the same rows. Prints how long the box took to say why the first wrong value will not do (the
 * first typed check of the window).
 */
import assert from 'node:assert/strict';
import type { CodeServer } from '../codeServer';
import { extensionLog } from '../extensionLog';
import { runKqlCli } from '../kqlCli';
import { runBlock, workspaceQuery } from '../queryFile';
import { waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { cellList, outputFrame, outputGrid, runAll } from './notebooks';

const FILE = 'parameter-types.kql';
const NOTEBOOK = 'parameter-types.kqlnb';
const HEADING = '// Every 12 hours of a window after a start time';
const HEADERS = ['At', 'Left', 'Day'];

export async function queryParameterTypesScenario(wb: Workbench, workspace: string, server: CodeServer): Promise<void> {
  const expected = runKqlCli(workspaceQuery(FILE), [
    '--param',
    'since=2024-05-01 10:00',
    '--param',
    'window=1.12:00:00',
  ]);
  assert.deepEqual(expected.headers, HEADERS);
  assert.equal(expected.rows.length, 4, `the CLI gave ${JSON.stringify(expected.rows)}`);

  await wb.openFile(FILE);
  // The server has answered once the client logs its start-up trace (first diagnostics received).
  await waitFor(
    'the language server to answer',
    async () => (/firstDiagnosticsReceived=/.test(extensionLog(server.userDataDir)) ? true : undefined),
    120_000,
  );
  const logBefore = extensionLog(server.userDataDir).length;
  await runBlock(wb, workspace, FILE, HEADING);

  const box = wb.page.locator('.quick-input-widget');
  const input = box.locator('.quick-input-box input');
  /** The text of a part of the input box, '' when it is not there. */
  const shown = async (part: string): Promise<string> =>
    (await box
      .locator(part)
      .textContent()
      .catch(() => '')) ?? '';
  /** Waits for the box asking for `name`, types a wrong value, then a right one, and accepts it. */
  const answer = async (name: string, type: string, wrong: string, reason: RegExp, right: string) => {
    const title = await waitFor(`the input box asking for ${name}`, async () => {
      const text = await shown('.quick-input-title');
      return text.includes(`${name}:`) ? text : undefined;
    });
    assert.match(title, new RegExp(`Query parameter ${name}: ${type}`));
    // The pointer off the box before it is typed into, so no tooltip covers its title in the screenshot.
    await wb.page.mouse.move(700, 600);
    const typedAt = Date.now();
    await input.fill(wrong);
    const refused = await waitFor(`the reason ${wrong} is refused`, async () => {
      const text = await shown('.quick-input-message');
      return reason.test(text) ? text : undefined;
    });
    const checkMs = Date.now() - typedAt;
    await wb.screenshot(77, `${type}-refused`);
    // Enter on a refused value runs nothing: the box stays, with its reason.
    await wb.page.keyboard.press('Enter');
    await box.locator('.quick-input-title', { hasText: `${name}:` }).waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await shown('.quick-input-message'), reason, `after Enter: ${refused}`);
    await input.fill(right);
    await waitFor('the reason to go', async () =>
      reason.test(await shown('.quick-input-message')) ? undefined : true,
    );
    await wb.page.keyboard.press('Enter');
    return checkMs;
  };

  const datetimeMs = await answer(
    'since',
    'datetime',
    'last tuesday',
    /Not a datetime: expected a date and time/,
    '2024-05-01 10:00',
  );
  const timespanMs = await answer(
    'window',
    'timespan',
    '5 fortnights',
    /Not a timespan: expected a duration/,
    '1.12:00:00',
  );
  const grid = await waitForGrid(
    wb,
    'every 12 hours of the window',
    (v) => withColumns(...HEADERS)(v) && v.rows.length === expected.rows.length,
    90_000,
  );
  assert.deepEqual(grid.rows, expected.rows);
  await wb.screenshot(77, 'rows');

  console.log(`# 77: first typed check (datetime) answered in ${datetimeMs} ms, the timespan's in ${timespanMs} ms`);

  // A notebook asks the same way: its first code cell declares the parameters, the cell below uses them.
  await wb.quickOpen(NOTEBOOK).catch(() => undefined);
  await cellList(wb).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await runAll(wb);
  for (const [name, type, value] of [
    ['since', 'datetime', '2024-05-01 10:00'],
    ['window', 'timespan', '1.12:00:00'],
  ] as const) {
    const title = await waitFor(`the notebook's input box asking for ${name}`, async () => {
      const text = await shown('.quick-input-title');
      return text.includes(`${name}:`) ? text : undefined;
    });
    assert.match(title, new RegExp(`Query parameter ${name}: ${type}`));
    await input.fill(value);
    await waitFor(`${value} to be taken`, async () =>
      /Not a/.test(await shown('.quick-input-message')) ? undefined : true,
    );
    await wb.page.keyboard.press('Enter');
  }
  const frame = await outputFrame(wb, 'the outputs of Run All');
  const notebookGrid = await waitFor(
    'the grid of the cell using the parameters',
    () => outputGrid(frame, HEADERS, expected.rows.length * HEADERS.length),
    90_000,
  );
  const cells = notebookGrid.cells.filter((c) => c !== '');
  for (const row of expected.rows) {
    assert.ok(
      row.every((c) => cells.includes(c)),
      `the notebook's grid shows ${JSON.stringify(row)}: ${JSON.stringify(cells)}`,
    );
  }
  await wb.screenshot(77, 'notebook');

  const log = extensionLog(server.userDataDir).slice(logBefore);
  assert.doesNotMatch(log, /read in the extension host/, `the host read the parameters itself:\n${log}`);
}
