/**
 * Scenario 110: the QA walk of a user's Log Analytics workspace, its schema and settings (the loopback
 * server: 600 tables, two of whose metadata entries are broken, a custom table whose columns are named
 * `my col`, `it's`, `Ünïcode_Straße`, `цена_d`).
 * - The Schema view shows the workspace's tables and a row naming the two broken ones, not the 6 bundled
 *   tables (one broken entry failed the whole metadata answer); the filter, set with the view open, shows
 *   `my col` in its table (the matching group stayed collapsed).
 * - The odd columns complete as the query needs them: `['my col']`, `["it's"]`, `['цена_d']`, and bind.
 * - The metadata request fails (a 500 with a JSON body): the Schema view says so under its source line,
 *   keeping the 598 tables (only the log said it); a click on that line reads the schema again.
 * - A workspace id in settings that names no workspace: the panel's message names the id and the setting
 *   kql.logAnalytics.workspaceId, and a notification offers to set it (it said only "does not know this
 *   workspace"); the Schema view says the schema could not be read and falls back to the bundled tables
 *   (it went on listing the previous workspace's 598 as if they were this one's).
 * Prints how long the Schema view took to show the 600 tables.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { QA_ODD_TABLE, QA_TABLE_COUNT, qaWalkMetadata } from '../../backends/qaWalkWorkspace';
import { EMPTY_RESULT, inLoopbackWorkspace, LA_WORKSPACE_ID } from '../logAnalyticsLoopback';
import { runBlock, runStatusText } from '../queryFile';
import { crashNotices, readError, resultsFrame } from '../resultsPanel';
import { viewTree, viewTreeRows } from '../treeView';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';
import { expandSchemaRow, showSchemaView } from './dataFolder';

const N = 110;
const FILE = 'checkout.kql';
const WRONG_ID = '0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
const TEXT = `// Checkouts
${QA_ODD_TABLE} | take 10

// Columns

`;
const SERVICE_FAILED = {
  status: 500,
  body: {
    error: {
      code: 'InternalServerError',
      message: 'An unexpected error occurred.',
      innererror: { code: 'MetadataStoreUnavailable', message: 'The workspace metadata store did not respond.' },
    },
  },
};

/** The editor's line as shown (the editor paints spaces as no-break spaces). */
async function editorLine(wb: Workbench, index: number): Promise<string> {
  return ((await wb.page.locator('.monaco-editor .view-line').nth(index).textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/** Accepts the suggestion shown with Tab (Enter is off in the test settings); waits for `expected` on line 5. */
async function accept(wb: Workbench, expected: string): Promise<void> {
  await wb.page.keyboard.press('Tab');
  let line = '';
  await waitFor(`${expected} on line 5`, async () => {
    line = await editorLine(wb, 4);
    return line.endsWith(expected) ? true : undefined;
  }).catch(async () => {
    await wb.screenshot(N, 'odd-column-not-inserted');
    assert.fail(`line 5 reads: ${line}`);
  });
}

async function filterSchema(wb: Workbench, text: string): Promise<void> {
  await wb.runCommand('Connection Analytics: Filter Schema');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(text);
  await wb.page.keyboard.press('Enter');
}

/** The source line: "Log Analytics metadata API", or "… (cached)" while a failed read keeps the cached schema. */
const sourceRow = async (wb: Workbench) =>
  (await viewTreeRows(wb, 'Schema')).find((r) => r.label.startsWith('Log Analytics metadata API'));

export async function qaWalkSchemaScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(main, N, { [FILE]: TEXT }, async (wb, server, folder, dialogs) => {
    const opened = Date.now();
    server.serveMetadata({ status: 200, body: qaWalkMetadata() });
    const notFound = {
      status: 404,
      body: { error: { code: 'WorkspaceNotFoundError', message: `Workspace '${WRONG_ID}' could not be found` } },
    };
    server.respond((request) => (request.url.includes(WRONG_ID) ? notFound : EMPTY_RESULT));
    await wb.openFile(FILE);
    await waitFor('the status bar naming the workspace', async () =>
      /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000).catch(async () =>
      wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
    );

    // 1. The Schema view on 600 tables, two of them broken.
    await showSchemaView(wb);
    const source = await waitFor(
      "the Schema view on the workspace's 600 tables",
      async () => {
        const rows = await viewTreeRows(wb, 'Schema');
        const row = rows.find((r) => r.label === 'Log Analytics metadata API');
        return row && rows.some((r) => r.label === '2 tables could not be read') ? row : undefined;
      },
      120_000,
    ).catch(async (e) => {
      await wb.screenshot(N, 'schema-not-shown');
      throw new Error(`${(e as Error).message}; rows: ${JSON.stringify(await viewTreeRows(wb, 'Schema'))}`);
    });
    console.log(
      `# ${N}: the Schema view showed "${source.description}" ${Date.now() - opened} ms after the window opened`,
    );
    assert.match(source.description, new RegExp(`^${QA_TABLE_COUNT - 2} tables, `));
    const unread = (await viewTreeRows(wb, 'Schema')).find((r) => r.label === '2 tables could not be read');
    assert.equal(unread?.description, 'Broken_CL, HalfWritten_CL');
    const drawn = await viewTree(wb, 'Schema').locator('.monaco-list-row').count();
    console.log(
      `# ${N}: ${drawn} rows drawn for ${QA_TABLE_COUNT - 2} tables (groups collapsed, columns read on expansion)`,
    );
    await wb.screenshot(N, 'schema-600-tables');

    // The filter finds a column by part of its odd name, in its table.
    await filterSchema(wb, 'my col');
    const column = await waitFor('"my col" under its table in the filtered view', async () => {
      const rows = await viewTreeRows(wb, 'Schema');
      const at = rows.findIndex((r) => r.label === QA_ODD_TABLE);
      return at >= 0 && rows[at + 1]?.label === 'my col' ? rows[at + 1] : undefined;
    }).catch(async (e) => {
      await wb.screenshot(N, 'schema-filter-not-shown');
      throw new Error(`${(e as Error).message}; rows: ${JSON.stringify(await viewTreeRows(wb, 'Schema'))}`);
    });
    assert.equal(column.description, 'string');
    await wb.screenshot(N, 'schema-filtered-my-col');
    await wb.runCommand('Connection Analytics: Clear Schema Filter', false).catch(() => undefined);

    // 2. The odd columns complete bracketed, and the line binds.
    await wb.openFile(FILE);
    await wb.goTo(5, 1);
    await expectSuggestion(wb, `${QA_ODD_TABLE} | project `, 'my', 'my col');
    await accept(wb, "['my col']");
    await expectSuggestion(wb, ', ', 'it', "it's");
    await accept(wb, '["it\'s"]');
    await expectSuggestion(wb, ', ', 'Ünï', 'Ünïcode_Straße');
    await accept(wb, "['Ünïcode_Straße']");
    await expectSuggestion(wb, ', ', 'цен', 'цена_d');
    await accept(wb, "['цена_d']");
    console.log(`# ${N}: line 5 reads: ${await editorLine(wb, 4)}`);
    await waitFor('the editor without error squiggles', async () =>
      (await wb.page.locator('.monaco-editor .squiggly-error').count()) === 0 ? true : undefined,
    );
    await wb.screenshot(N, 'odd-columns-completed');

    // 3. The metadata request fails: the view says so and keeps the tables; a click reads it again.
    server.serveMetadata(SERVICE_FAILED);
    await wb.runCommand('Connection Analytics: Refresh Workspace Schema');
    await showSchemaView(wb);
    const failed = await waitFor('the Schema view saying the read failed', async () =>
      (await viewTreeRows(wb, 'Schema')).find((r) => r.label === 'Could not read the workspace schema'),
    );
    console.log(`# ${N}: after a 500 on metadata: ${failed.label} — ${failed.description}`);
    assert.equal(failed.description, 'Log Analytics failed (500 Internal Server Error)');
    const kept = await sourceRow(wb);
    console.log(`# ${N}: the view keeps: ${kept?.label} ${kept?.description}`);
    assert.match(kept?.description ?? '', new RegExp(`^${QA_TABLE_COUNT - 2} tables`));
    await wb.screenshot(N, 'schema-read-failed');
    server.serveMetadata({ status: 200, body: qaWalkMetadata() });
    await viewTree(wb, 'Schema')
      .locator('.monaco-list-row')
      .filter({ has: wb.page.locator('.label-name', { hasText: /^Could not read the workspace schema$/ }) })
      .click();
    await waitFor('the failure gone after the click', async () =>
      (await viewTreeRows(wb, 'Schema')).some((r) => r.label === 'Could not read the workspace schema')
        ? undefined
        : true,
    );

    // 4. A workspace id that names no workspace: the service answers 404 to its metadata and queries.
    server.serveMetadata(notFound);
    fs.writeFileSync(
      path.join(folder, '.vscode/settings.json'),
      JSON.stringify({ 'kql.backend': 'logAnalytics', 'kql.logAnalytics.workspaceId': WRONG_ID }, null, 2),
    );
    await waitFor('the status bar naming the new workspace', async () =>
      /Log Analytics: 0d1e2f3a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    await wb.openFile(FILE);
    await runBlock(wb, folder, FILE, '// Checkouts');
    const panel = await resultsFrame(wb);
    const said = await waitFor(
      'the panel naming the workspace id and its setting',
      async () => {
        const error = await readError(panel).catch(() => undefined);
        return error && /404/.test(error.text) ? error.text : undefined;
      },
      90_000,
    );
    console.log(`# ${N}: a workspace id that names no workspace: ${said}`);
    assert.match(said, new RegExp(`does not know the workspace ${WRONG_ID} \\(404 Not Found\\)`));
    assert.match(said, /kql\.logAnalytics\.workspaceId/);
    assert.equal(await panel.locator('.error-box h3').textContent(), 'Log Analytics does not know this workspace');
    const offer = wb.page
      .locator('.notifications-toasts .notification-toast', { hasText: /kql\.logAnalytics\.workspaceId/ })
      .filter({ has: wb.page.locator('.monaco-button', { hasText: 'Set Workspace ID…' }) })
      .first();
    await offer.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      (await offer.locator('.notification-list-item-message').textContent()) ?? '',
      /^Log Analytics does not know the workspace/,
      'said once, without a second "Log Analytics:" before it',
    );
    // The Schema view no longer lists the previous workspace's 598 tables as if they were this one's.
    await showSchemaView(wb);
    const unknown = await waitFor('the Schema view saying the workspace is unknown', async () => {
      const rows = await viewTreeRows(wb, 'Schema');
      const failure = rows.find((r) => r.label === 'Could not read the workspace schema');
      return failure && rows[0]?.label === 'Sample workspace' ? failure : undefined;
    }).catch(async (e) => {
      await wb.screenshot(N, 'wrong-workspace-schema-view');
      throw new Error(`${(e as Error).message}; rows: ${JSON.stringify(await viewTreeRows(wb, 'Schema'))}`);
    });
    console.log(`# ${N}: the Schema view on the unknown workspace: ${unknown.label} — ${unknown.description}`);
    assert.match(unknown.description, /^Log Analytics does not know the workspace/);
    await wb.screenshot(N, 'wrong-workspace-id');
    assert.ok(!server.requests.some((r) => r.url.includes(WRONG_ID) && r.url.includes(LA_WORKSPACE_ID)));
    assert.deepEqual(await crashNotices(wb), []);
  });
}
