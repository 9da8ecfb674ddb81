/**
 * Scenario 80: a user's own Log Analytics workspace that is not the sample: hundreds of tables, a custom
 * table whose columns have spaces, non-Latin letters and every Kusto type, a table of 500 columns, and
 * no VMBoundPort (VM insights' Map was never enabled). After signing in, a column with a space completes
 * (bracketed); a query's answer shows a long above 2^53 and a dynamic value exactly; a query on
 * VMBoundPort, which the service refuses, says the workspace has no such table and what writes it; and
 * the Open ports report, which reads it, says so part by part instead of failing. The time from the
 * window opening to the custom column completing is printed.
 */
import assert from 'node:assert/strict';
import { unresolvedName } from '../../backends/logAnalytics/serviceAnswers';
import { ODD_TABLE, workspaceWithoutBoundPorts } from '../../backends/userWorkspaceMetadata';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { runBlock, runStatusText } from '../queryFile';
import { crashNotices, readError, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';
import { openReport, outputSaying, runAll } from './notebooks';

const FILE = 'orders.kql';
const TEXT = `// Latest orders
${ODD_TABLE} | take 5

// Listening ports
VMBoundPort | summarize Ports = dcount(Port) by Computer

`;

/** The service's JSON as text: the long and the dynamic value's 1.0 would not survive JSON.parse. */
const ORDERS_BODY =
  '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Request Id","type":"string"},' +
  '{"name":"SequenceNumber","type":"long"},{"name":"Payload","type":"dynamic"},{"name":"CorrelationId","type":"guid"},' +
  '{"name":"Elapsed","type":"timespan"}],"rows":[["r-1",9007199254740993,"{\\"items\\":[1.0,2],\\"id\\":9223372036854775807}",' +
  '"1f2e3d4c-0000-4000-8000-000000000001","00:00:01.5000000"]]}]}';

/** The 400 Log Analytics answers for a table the workspace has not got. */
const NO_SUCH_TABLE = unresolvedName('summarize', 'VMBoundPort');

/** The first notebook output frame whose text matches `pattern`, scrolling down as a user would. */
export async function logAnalyticsOwnDataScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(main, 80, { [FILE]: TEXT }, async (wb, server, folder, dialogs) => {
    const opened = Date.now();
    const queries: string[] = [];
    server.serveMetadata({ status: 200, body: workspaceWithoutBoundPorts() });
    server.respond((request) => {
      const query = request.body.query ?? '';
      queries.push(query);
      if (query.includes(ODD_TABLE)) return { status: 200, raw: ORDERS_BODY };
      if (query.includes('VMBoundPort')) return NO_SUCH_TABLE;
      return EMPTY_RESULT;
    });

    await wb.openFile(FILE);
    await waitFor('the status bar naming the workspace', async () =>
      /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000).catch(async () =>
      wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
    );

    // A column whose name has a space completes from the workspace's own schema, bracketed.
    await wb.goTo(7, 1);
    await expectSuggestion(wb, `${ODD_TABLE} | project `, 'Requ', 'Request Id');
    console.log(`# 80: ${ODD_TABLE}'s "Request Id" completed ${Date.now() - opened} ms after the window opened`);
    await wb.screenshot(80, 'own-workspace-column-with-space');
    // Tab accepts (the test settings turn acceptSuggestionOnEnter off).
    await wb.page.keyboard.press('Tab');
    // The editor paints spaces as no-break spaces.
    const lineText = async () =>
      ((await wb.page.locator('.monaco-editor .view-line').nth(6).textContent()) ?? '').replace(/\u00a0/g, ' ');
    let line = '';
    await waitFor('the bracketed column in the editor', async () => {
      line = await lineText();
      return line.includes("['Request Id']") ? true : undefined;
    }).catch(async () => {
      await wb.screenshot(80, 'own-workspace-column-inserted');
      assert.fail(`line 7 reads: ${line}`);
    });

    // The answer's long above 2^53 and its dynamic value, exactly as the service sent them.
    await runBlock(wb, folder, FILE, '// Latest orders');
    const grid = await waitForGrid(
      wb,
      'the orders with their exact values',
      withColumns('Request Id', 'SequenceNumber', 'Payload', 'CorrelationId', 'Elapsed'),
      90_000,
    );
    assert.equal(grid.rows[0]![1], '9007199254740993');
    assert.match(grid.rows[0]![2]!, /"items":\[1\.0,2\]/);
    assert.match(grid.rows[0]![2]!, /9223372036854775807/);
    assert.equal(grid.rows[0]![3], '1f2e3d4c-0000-4000-8000-000000000001');
    await wb.screenshot(80, 'own-workspace-exact-long-and-dynamic');

    // A query on the table the workspace lacks: the service refuses it, the panel says which table.
    await runBlock(wb, folder, FILE, '// Listening ports');
    const panel = await resultsFrame(wb);
    const said = await waitFor(
      'the panel naming the missing table',
      async () => {
        const error = await readError(panel).catch(() => undefined);
        return error && /has no VMBoundPort table/.test(error.text) ? error.text : undefined;
      },
      90_000,
    );
    console.log(`# 80: VMBoundPort | summarize …: ${said}`);
    assert.match(said, /written by VM insights with processes and dependencies \(the Dependency agent\)/);
    assert.equal(await panel.locator('.error-box h3').textContent(), 'The workspace has no such table');
    await wb.screenshot(80, 'own-workspace-query-on-missing-table');

    // The Open ports report reads VMBoundPort: each part that needs it says why it did not run.
    // The editor's live values read VMBoundPort in a fuzzy union, which a workspace without it answers:
    // only the report's own queries count.
    const onBoundPorts = () =>
      queries.filter((q) => q.includes('VMBoundPort') && !q.startsWith('union isfuzzy=true')).length;
    const sentBefore = onBoundPorts();
    await openReport(wb, 'Open ports');
    await runAll(wb);
    const shown = await outputSaying(wb, /Cannot run here\. This part cannot run/, 120_000, true).catch(
      async (e: unknown) => {
        await wb.screenshot(80, 'own-workspace-report-not-seen');
        throw e;
      },
    );
    // The note is wrapped into lines of the cell's width (one element each): read it as one sentence.
    const note = shown.replace(/\s+/g, ' ');
    console.log(`# 80: Open ports report: ${note}`);
    assert.match(note, /it reads VMBoundPort, which the workspace does not have/);
    assert.match(note, /written by VM insights with processes and dependencies/);
    await wb.screenshot(80, 'own-workspace-report-missing-table');
    assert.equal(onBoundPorts(), sentBefore, 'the report sent no query on the table the schema lacks');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
