/**
 * Scenario 119: a Log Analytics workspace whose schema (the metadata API's answer) is slow, then fails,
 * in a real VS Code on the loopback server. While the workspace's schema is on its way, an "unknown table"
 * error may only mean it has not arrived: e2e 114 covers a folder of exports; this is the workspace path.
 * - The first read waits on the sign-in, answered only after 12 s (past the server's 8 s bound, which
 *   counts from the metadata request): orders.kql names the workspace's own Orders_CL and, sampled every
 *   10 ms from the file's open until the Schema view lists the workspace's tables, the status bar never
 *   counts more than its syntax error.
 * - The workspace gains Refunds_CL; a refresh's metadata answer is held back 5 s while refunds.kql names
 *   it: no "unknown" error (the status bar's count, sampled every 10 ms, never counts it; the Problems
 *   panel does not list it), while refunds.kql's syntax error on line 3 shows before the schema comes.
 * - The schema arrives: completion after `Refunds_CL | project` offers its columns; still no error on it.
 * - A refresh whose metadata answer fails (a 500, held back): a file naming a table the workspace does not
 *   have gets no error while the read is pending; once it fails, the Schema view says so and the error
 *   on that table appears.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { productionMetadata } from '../../backends/productionWorkspace';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { crashNotices } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { type Workbench, waitFor } from '../workbench';
import { expectSuggestion } from './completion';
import { showSchemaView } from './dataFolder';
import { errorsIn, type Sample, startSampling, stopSampling } from './schemaPending';

const N = 119;
const FILE = 'orders.kql';
const MISSING_FILE = 'missing.kql';
/** Line 1 names the workspace's own table; line 3 is a syntax error whatever the schema. */
const TEXT = 'Orders_CL | take 10\n\nprint total = 1 +\n\n';
const OWN_TABLE = {
  id: 'tables/Orders_CL',
  name: 'Orders_CL',
  description: 'Orders, as the shop logs them.',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'OrderId_s', type: 'string' },
    { name: 'Amount_d', type: 'real' },
  ],
  related: { solutions: ['solutions/LogManagement'] },
};
const NEW_FILE = 'refunds.kql';
/** Line 3 is a syntax error; line 1 gets the table the workspace gains, typed while its schema loads. */
const NEW_TEXT = '\n\nprint refund = 2 *\n\n';
const NEW_TABLE = {
  ...OWN_TABLE,
  id: 'tables/Refunds_CL',
  name: 'Refunds_CL',
  description: 'Refunds.',
  columns: [
    { name: 'TimeGenerated', type: 'datetime' },
    { name: 'RefundId_s', type: 'string' },
  ],
};
/** How long the user takes over the sign-in prompt: past the server's 8 s bound on holding unknown names. */
const SIGN_IN_MS = 12_000;
/** How long each metadata answer is held: well past the first check, under the server's 8 s bound. */
const HOLD_MS = 4_000;
const SERVICE_FAILED = {
  status: 500,
  body: { error: { code: 'InternalServerError', message: 'The workspace metadata store did not respond.' } },
};

/** A promise the test resolves, and its resolver. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

const metadataRequests = (server: { requests: { url: string }[] }) =>
  server.requests.filter((r) => /\/metadata(\?|$)/.test(r.url)).length;

function summary(samples: readonly Sample[]): string {
  const counts = samples.map((s) => errorsIn(s.status));
  const first = samples.find((s) => errorsIn(s.status) > 0);
  return `${samples.length} samples over ${samples.at(-1)?.ms} ms, most errors counted ${Math.max(0, ...counts)}, first error at ${first?.ms ?? '-'} ms`;
}

export async function logAnalyticsSchemaPendingScenario(main: Workbench): Promise<void> {
  const own = { ...productionMetadata() };
  own.tables = [...own.tables, OWN_TABLE as (typeof own.tables)[number]];
  const withRefunds = { ...own, tables: [...own.tables, NEW_TABLE as (typeof own.tables)[number]] };
  await inLoopbackWorkspace(
    main,
    N,
    { [FILE]: TEXT },
    async (wb, server, folder, dialogs) => {
      // The first read waits on the sign-in, which the user answers only after SIGN_IN_MS, longer than the
      // server's 8 s bound: the bound counts from the metadata request, so Orders_CL (not in the catalogue
      // the server has until then) is never shown as unknown, neither during the sign-in nor after it.
      server.serveMetadata({ status: 200, body: own });
      server.respond(() => EMPTY_RESULT);
      await startSampling(wb);
      const opened = Date.now();
      await wb.openFile(FILE);
      await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 90_000).catch(
        async () => wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
      );
      const signedInAt = Date.now() - opened;
      await showSchemaView(wb);
      await waitFor(
        "the Schema view on the workspace's tables",
        async () =>
          (await viewTreeRows(wb, 'Schema')).some((r) => r.label === 'Log Analytics metadata API') ? true : undefined,
        90_000,
      );
      const firstRead = await stopSampling(wb);
      const firstProblems = await wb.problems();
      console.log(
        `# ${N}: sign-in answered after ${dialogs.signInWaits().join(', ')} ms (${signedInAt} ms after the file was opened); first read: ${summary(firstRead)}; ${firstProblems.join(' | ')}`,
      );
      assert.ok(
        (dialogs.signInWaits()[0] ?? 0) >= SIGN_IN_MS,
        `the sign-in took ${dialogs.signInWaits().join(', ')} ms, not past the bound`,
      );
      // The check ran during the sign-in (its syntax error counted), and never counted Orders_CL.
      assert.ok(
        firstRead.some((x) => errorsIn(x.status) === 1),
        `the syntax error was never counted: ${summary(firstRead)}`,
      );
      assert.ok(
        firstRead.every((x) => errorsIn(x.status) <= 1),
        `an unknown-table error was counted during the first read: ${summary(firstRead)}`,
      );
      assert.doesNotMatch(firstProblems.join('\n'), /Orders_CL/);

      // The workspace gains Refunds_CL. refunds.kql is open first with its syntax error only; while the
      // refresh's metadata answer is held back, the line naming Refunds_CL is typed in (opening a file
      // took 11 s on a loaded machine, past the 8 s the hold lasts).
      fs.writeFileSync(path.join(folder, NEW_FILE), NEW_TEXT);
      await wb.quickOpen(NEW_FILE);
      await waitFor('both syntax errors counted', async () => {
        const s = await wb.page.locator('.statusbar-item#status\\.problems').textContent();
        return errorsIn(s ?? '') === 2 ? true : undefined;
      });
      const tables = async () => {
        const row = (await viewTreeRows(wb, 'Schema')).find((r) => r.label === 'Log Analytics metadata API');
        return Number(/^([\d,]+) tables/.exec(row?.description ?? '')?.[1]?.replace(/,/g, '') ?? Number.NaN);
      };
      const tablesBefore = await tables();
      const first = gate();
      server.serveMetadata({ status: 200, body: withRefunds, until: first.opened });
      const before = metadataRequests(server);
      await wb.runCommand('Connection Analytics: Refresh Workspace Schema');
      await waitFor('the metadata request', async () => (metadataRequests(server) > before ? true : undefined), 60_000);
      const asked = Date.now();
      await startSampling(wb);
      await wb.quickOpen(NEW_FILE);
      await wb.goTo(1, 1);
      await wb.page.keyboard.insertText(`${NEW_TABLE.name} | take 10`);
      const typedAfter = Date.now() - asked;
      const rest = HOLD_MS - (Date.now() - asked);
      if (rest > 0) {
        await new Promise((r) => setTimeout(r, rest));
      }
      const held = await wb.problems();
      const heldFor = Date.now() - asked;
      console.log(
        `# ${N}: Refunds_CL typed ${typedAfter} ms after the metadata request; held ${heldFor} ms: ${held.join(' | ')}`,
      );
      await wb.screenshot(N, 'la-schema-pending');
      first.open();
      // The schema's arrival checks the files again: still only the two syntax errors. (Sampling stops
      // before the completion below, whose half-typed column is an unknown name while it is typed.)
      await showSchemaView(wb);
      await waitFor('Refunds_CL counted in the Schema view', async () =>
        (await tables()) === tablesBefore + 1 ? true : undefined,
      );
      await new Promise((r) => setTimeout(r, 1_500));
      const samples = await stopSampling(wb);
      await wb.quickOpen(NEW_FILE);
      await wb.goTo(5, 1);
      await expectSuggestion(wb, 'Refunds_CL | project ', 'Ref', 'RefundId_s');
      // Accepted (Tab: Enter is off in the test settings), so no half-typed column is left as an error.
      await wb.page.keyboard.press('Tab');
      const counts = samples.map((s) => errorsIn(s.status));
      console.log(`# ${N}: pending then arrived: ${summary(samples)}`);
      assert.match(held.join('\n'), new RegExp(`${NEW_FILE.replace('.', '\\.')}`), held.join(' | '));
      assert.equal(
        held.filter((r) => /Ln 3/.test(r)).length,
        2,
        `both syntax errors listed while held: ${held.join(' | ')}`,
      );
      // Past the 8 s bound the hold gives up by design: then the check says nothing.
      assert.ok(heldFor < 8_000, `the check came ${heldFor} ms after the request, past the hold's bound`);
      assert.doesNotMatch(held.join('\n'), /Refunds_CL|Orders_CL/);
      assert.ok(Math.min(...counts) >= 2, `the syntax errors stay shown while the schema loads: ${counts.join(',')}`);
      assert.ok(Math.max(...counts) <= 2, `the status bar counted ${Math.max(...counts)} errors: ${counts.join(',')}`);
      const arrived = await wb.problems();
      assert.doesNotMatch(arrived.join('\n'), /Refunds_CL|Orders_CL/, arrived.join(' | '));
      await wb.screenshot(N, 'la-schema-arrived');

      // A refresh whose answer fails: the unknown table's error only once the read has failed.
      // As above, the file open first and its line typed while the answer is held.
      fs.writeFileSync(path.join(folder, MISSING_FILE), '\n');
      await wb.quickOpen(MISSING_FILE);
      const second = gate();
      server.serveMetadata({ ...SERVICE_FAILED, until: second.opened });
      const beforeFailing = metadataRequests(server);
      await wb.runCommand('Connection Analytics: Refresh Workspace Schema');
      await waitFor('the second metadata request', async () =>
        metadataRequests(server) > beforeFailing ? true : undefined,
      );
      const refreshed = Date.now();
      await startSampling(wb);
      await wb.quickOpen(MISSING_FILE);
      await wb.goTo(1, 1);
      await wb.page.keyboard.insertText('Returns_CL | take 1');
      await new Promise((r) => setTimeout(r, Math.max(0, HOLD_MS - (Date.now() - refreshed))));
      const whileFailing = await wb.problems();
      const failingHeld = Date.now() - refreshed;
      console.log(`# ${N}: refresh failing, held ${failingHeld} ms: ${whileFailing.join(' | ')}`);
      assert.ok(failingHeld < 8_000, `the check came ${failingHeld} ms after the request, past the hold's bound`);
      await wb.screenshot(N, 'la-schema-refresh-pending');
      second.open();
      await showSchemaView(wb);
      const failed = await waitFor('the Schema view saying the read failed', async () =>
        (await viewTreeRows(wb, 'Schema')).find((r) => r.label === 'Could not read the workspace schema'),
      );
      const shown = await waitFor(
        'the unknown table in Problems once the read failed',
        async () => {
          const rows = await wb.problems();
          return rows.some((r) => /Returns_CL/.test(r)) ? rows : undefined;
        },
        30_000,
      );
      const after = await stopSampling(wb);
      console.log(`# ${N}: refresh failing: ${summary(after)}; Schema view: ${failed.label} — ${failed.description}`);
      console.log(`# ${N}: Problems after: ${shown.join(' | ')}`);
      await wb.screenshot(N, 'la-schema-failed');
      assert.doesNotMatch(whileFailing.join('\n'), /Returns_CL/, `while pending: ${whileFailing.join(' | ')}`);
      assert.match(failed.description, /500/);
      assert.deepEqual(await crashNotices(wb), []);
    },
    { signInAfterMs: SIGN_IN_MS },
  );
}
