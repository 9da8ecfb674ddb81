/**
 * Scenario 101: a user walks their production-sized Log Analytics workspace (the loopback server: 400
 * tables, a custom table whose columns are named `Request Id`, `http.status`, `title`, `time`, a
 * VMConnection that differs from the catalogue's, a fleet of 10,000 machines).
 * - The Schema view, filtered to `http`: one click on `http.status`, then on `title`, inserts
 *   `['http.status']` and `['title']` at the cursor (they went in bare: an error, and a reserved word; the
 *   first click on `http.status` was dropped).
 * - A 30,000-row answer that is partial (PartialError): the panel's and the status bar's counts say it is
 *   partial (they read "30,000 rows" as if whole), the service's reason shows, and "Export all rows" as CSV writes 30,000 records.
 * - A query the server takes 40 s on: the notification's Cancel stops it, the panel says so and the
 *   server sees the request abandoned.
 * - The Machines view lists the 10,000 machines; the dependency map draws the fleet's 300 busiest and its
 *   status reads "10,000 machines, …, 1 external endpoint" (it read "10000 machines" and "1 external endpoints").
 * Prints how long each took.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  fleetMachinesAnswer,
  fleetMapAnswer,
  machineName,
  ODD_TABLE,
  productionMetadata,
} from '../../backends/productionWorkspace';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { backToEditor, runBlock, runStatusText } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { answerSaveDialog } from '../saveDialog';
import { viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { mapFrame } from './dependencyMap';
import { showMachinesViewAlone } from './machines';

const N = 101;
const FILE = 'shop.kql';
const MACHINES = 10_000;
const BIG_ROWS = 30_000;
const PARTIAL_REASON =
  'Query result set has exceeded the internal data size limit 64 MB (E_QUERY_RESULT_SET_TOO_LARGE).';
const TEXT = `// Orders
${ODD_TABLE}
| project 

// Perf samples
Perf | where TimeGenerated > ago(1d) | take ${BIG_ROWS}

// Slow
AppTelemetry000_CL | summarize count() by Level
`;

/** The first table of Perf samples, the service's PartialError after it. */
function partialAnswer(): { status: number; body: unknown } {
  const start = Date.parse('2026-12-05T00:00:00Z');
  const rows = Array.from({ length: BIG_ROWS }, (_, i) => [
    new Date(start + i * 1000).toISOString(),
    machineName(i % MACHINES),
    'Processor',
    '% Processor Time',
    (i % 100) + 0.5,
  ]);
  return {
    status: 200,
    body: {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'TimeGenerated', type: 'datetime' },
            { name: 'Computer', type: 'string' },
            { name: 'ObjectName', type: 'string' },
            { name: 'CounterName', type: 'string' },
            { name: 'CounterValue', type: 'real' },
          ],
          rows,
        },
      ],
      error: {
        code: 'PartialError',
        message: 'There were some errors when processing your query.',
        details: [
          {
            code: 'EngineError',
            message: 'Something went wrong processing your query on the server.',
            innererror: { code: '-2133196797', message: PARTIAL_REASON },
          },
        ],
      },
    },
  };
}

async function panelText(wb: Workbench, selector: string, pattern: RegExp, what: string): Promise<string> {
  const frame = await resultsFrame(wb);
  return waitFor(
    what,
    async () => {
      const texts = await frame
        .locator(selector)
        .allTextContents()
        .catch(() => [] as string[]);
      return texts.find((t) => pattern.test(t));
    },
    90_000,
  );
}

/** The editor's line as shown (the editor paints spaces as no-break spaces). */
async function editorLine(wb: Workbench, index: number): Promise<string> {
  return ((await wb.page.locator('.monaco-editor .view-line').nth(index).textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/**
 * Clicks a column's row in the filtered Schema view once, as a user does, and waits for the editor's line 3
 * to hold `expected` once. The first click used to be dropped: Filter Schema with the view closed made VS
 * Code redraw every row just after it first drew them, under the click.
 */
async function clickSchemaColumn(wb: Workbench, name: string, expected: string): Promise<void> {
  const row = wb.page
    .locator('.pane', { has: wb.page.locator('.pane-header[aria-label^="Schema"]') })
    .locator('.monaco-list-row')
    .filter({ has: wb.page.locator('.label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await row.click();
  await waitFor(
    `${expected} in the editor after one click`,
    async () => ((await editorLine(wb, 2)).includes(expected) ? true : undefined),
    30_000,
  ).catch(async (e) => {
    await wb.screenshot(N, 'schema-insert-failed');
    throw new Error(`${(e as Error).message}; line 3 reads: ${await editorLine(wb, 2)}`);
  });
  const line = await editorLine(wb, 2);
  assert.equal(line.split(expected).length, 2, `inserted once: ${line}`);
}

async function filterSchema(wb: Workbench, text: string): Promise<void> {
  await wb.runCommand('Connection Analytics: Filter Schema');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(text);
  await wb.page.keyboard.press('Enter');
}

export async function productionWorkspaceScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(main, N, { [FILE]: TEXT }, async (wb, server, folder, dialogs) => {
    const opened = Date.now();
    let slowTries = 0;
    const machines = fleetMachinesAnswer(MACHINES);
    const map = fleetMapAnswer(MACHINES);
    const partial = partialAnswer();
    server.serveMetadata({ status: 200, body: productionMetadata() });
    server.respond((request) => {
      const query = request.body.query ?? '';
      if (/let monitoredIps/.test(query) && /\nVMConnection/.test(query)) return map;
      if (/let inventory/.test(query) && /\ninventory\n/.test(query)) return machines;
      if (query.includes(`take ${BIG_ROWS}`)) return partial;
      if (query.includes('AppTelemetry000_CL')) {
        slowTries++;
        return { ...EMPTY_RESULT, delayMs: 40_000 };
      }
      return EMPTY_RESULT;
    });

    await wb.openFile(FILE);
    await waitFor('the status bar naming the workspace', async () =>
      /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000).catch(async () =>
      wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
    );

    // 1. The Schema view inserts odd column names as the query needs them.
    await wb.openFile(FILE);
    await wb.goTo(3, 1);
    await wb.page.keyboard.press('End');
    await filterSchema(wb, 'http');
    await waitFor(
      "the Schema view on the workspace's own schema",
      async () =>
        (await viewTreeRows(wb, 'Schema')).some((r) => r.label === 'Log Analytics metadata API') ? true : undefined,
      60_000,
    );
    await clickSchemaColumn(wb, 'http.status', "| project ['http.status']");
    console.log(`# ${N}: the schema's odd column inserted ${Date.now() - opened} ms after the window opened`);
    await wb.activeEditor().click({ position: { x: 400, y: 10 } });
    await wb.goTo(3, 1);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.insertText(', ');
    await filterSchema(wb, 'title');
    await clickSchemaColumn(wb, 'title', "| project ['http.status'], ['title']");
    // The screenshot showed the error of the line before `title` went in (`project ['http.status'], `).
    await waitFor('the editor without error squiggles', async () =>
      (await wb.page.locator('.monaco-editor .squiggly-error').count()) === 0 ? true : undefined,
    );
    await wb.screenshot(N, 'schema-inserts-bracketed-names');
    const problems = await wb.problems();
    assert.ok(!problems.some((p) => /shop\.kql|http|title/.test(p) && /Ln 3/.test(p)), problems.join('\n'));
    await wb.runCommand('Connection Analytics: Clear Schema Filter', false).catch(() => undefined);

    // 2. A partial answer of 30,000 rows: the grid, the service's reason, and every row exported.
    await wb.openFile(FILE);
    let started = Date.now();
    await runBlock(wb, folder, FILE, '// Perf samples');
    const grid = await waitForGrid(
      wb,
      'the 30,000 Perf rows',
      withColumns('TimeGenerated', 'Computer', 'ObjectName', 'CounterName', 'CounterValue'),
      120_000,
    );
    console.log(`# ${N}: 30,000 partial rows shown ${Date.now() - started} ms after Run; status: ${grid.status}`);
    assert.match(grid.status, /^30,000 rows · .* · partial answer: the service stopped early/);
    await waitFor('the status bar saying the answer is partial', async () =>
      /30,000 rows \(partial\)/.test(await runStatusText(wb)) ? true : undefined,
    );
    const reason = await panelText(wb, '.warning', /Partial results/, "the service's reason for the partial answer");
    assert.match(reason, /E_QUERY_RESULT_SET_TOO_LARGE/);
    await wb.screenshot(N, 'partial-answer-30000-rows');
    const target = path.join(folder, 'perf.csv');
    const frame = await resultsFrame(wb);
    await frame.locator('vscode-button', { hasText: 'Export all rows' }).click();
    await frame.locator('[role=menuitem]', { hasText: 'All 30,000 rows as CSV' }).click();
    await answerSaveDialog(wb, target);
    started = Date.now();
    const csv = await waitFor(
      'the exported CSV',
      async () => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined),
      120_000,
    );
    console.log(`# ${N}: 30,000 rows exported in about ${Date.now() - started} ms`);
    const records = csv.slice(1).split('\r\n');
    assert.equal(records.length - 2, BIG_ROWS, 'records in the file');
    assert.equal(records[0], 'TimeGenerated,Computer,ObjectName,CounterName,CounterValue');

    // 3. A query the server takes 40 s on: Cancel stops it at once.
    await backToEditor(wb);
    await runBlock(wb, folder, FILE, '// Slow');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: /Log Analytics|Running/ });
    started = Date.now();
    await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
    console.log(
      `# ${N}: the slow query's notification after ${Date.now() - started} ms: ${await toast.first().textContent()}`,
    );
    await wb.screenshot(N, 'slow-query-running');
    await toast.first().hover();
    await toast.first().locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    const cancelled = Date.now();
    const said = await panelText(wb, '.error-message', /cancelled/i, 'the panel saying the query was cancelled');
    console.log(`# ${N}: cancelled in ${Date.now() - cancelled} ms: ${said}`);
    await server.abandoned;
    assert.equal(slowTries, 1);
    await wb.screenshot(N, 'slow-query-cancelled');

    // 4. The Machines view on 10,000 machines, then the dependency map of the fleet.
    started = Date.now();
    await showMachinesViewAlone(wb);
    const first = await waitFor(
      'the first machine in the tree',
      async () => (await viewTreeRows(wb, 'Machines')).find((r) => r.label === machineName(0)),
      120_000,
    );
    console.log(`# ${N}: the Machines view listed ${first.setSize} rows, first after ${Date.now() - started} ms`);
    assert.ok(first.setSize >= MACHINES, `the tree lists ${first.setSize}`);
    await wb.screenshot(N, 'machines-10000');

    started = Date.now();
    await wb.runCommand('Connection Analytics: Show Dependency Map');
    const all = wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'All machines' }).first();
    await all.waitFor({ state: 'visible', timeout: 60_000 });
    await all.click();
    await wb.page.keyboard.press('Enter');
    const drawn = await mapFrame(wb, (m) => m.nodes > 0);
    console.log(
      `# ${N}: the map drew ${drawn.state.nodes} nodes after ${Date.now() - started} ms: ${drawn.state.status}`,
    );
    assert.match(
      drawn.state.status,
      /^10,000 machines, 10,000 processes, 1 external endpoint · the 300 busiest of 10,000 machines/,
    );
    await wb.screenshot(N, 'map-10000');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
