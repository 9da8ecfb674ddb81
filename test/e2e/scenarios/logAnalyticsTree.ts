/**
 * Scenario 86: the Machines view on a user's Log Analytics workspace that has VMConnection but neither
 * VMComputer, VMBoundPort nor a process table, and answers slowly, then with a 403, then normally:
 * - the machines query waits 60 s: a notification "Listing machines on …" with Cancel shows; Cancel
 *   stops it and the tree says so (its connection is closed, not left running on the service);
 * - a 403: the tree's item says to ask for the Log Analytics Reader role before the view's width cuts it;
 * - answered: the machines list from VMConnection; Bound ports and Processes each name the table the
 *   workspace lacks, and no query is sent on them.
 */
import assert from 'node:assert/strict';
import { connectionOnlyMetadata, isMachinesQuery, MACHINES } from '../../machines/connectionOnlyWorkspace';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { crashNotices } from '../resultsPanel';
import { viewTreeRows } from '../treeView';
import { type Workbench, waitFor } from '../workbench';
import { expand, showMachinesViewAlone } from './machines';

const DENIED = {
  status: 403,
  body: { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access.' } },
};

const treeSaying = (wb: Workbench, what: string, pattern: RegExp) =>
  waitFor(what, async () => (await viewTreeRows(wb, 'Machines')).find((r) => pattern.test(r.label))?.label, 90_000);

export async function logAnalyticsTreeScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(
    main,
    86,
    { 'notes.kql': 'VMConnection | take 1\n' },
    async (wb, server, _folder, dialogs) => {
      let phase: 'slow' | 'denied' | 'answer' = 'slow';
      const onTables: string[] = [];
      server.serveMetadata({ status: 200, body: connectionOnlyMetadata() });
      server.respond((request) => {
        const query = request.body.query ?? '';
        if (/^(?!union isfuzzy)[\s\S]*\b(VMBoundPort|VMProcess)\b/.test(query)) onTables.push(query);
        if (!isMachinesQuery(request)) return EMPTY_RESULT;
        return phase === 'slow' ? { ...MACHINES, delayMs: 60_000 } : phase === 'denied' ? DENIED : MACHINES;
      });
      await wb.openFile('notes.kql');
      // The host consent and sign-in dialogs come first (answered as a user would); a command typed while
      // they open loses its palette.
      await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000);
      await showMachinesViewAlone(wb);

      // Slow: the notification with Cancel, then the tree saying the load was cancelled.
      const toast = wb.page.locator('.notification-toast', { hasText: /Listing machines on Log Analytics/ });
      await toast.waitFor({ state: 'visible', timeout: 90_000 });
      await wb.screenshot(86, 'slow-workspace-progress');
      await toast.locator('.monaco-button, .action-label', { hasText: 'Cancel' }).first().click();
      const cancelled = await treeSaying(wb, 'the tree saying the load was cancelled', /^Loading cancelled/);
      await server.abandoned;
      console.log(`# 86: after Cancel: ${cancelled}`);
      await wb.screenshot(86, 'slow-workspace-cancelled');

      // 403: the label says what to do.
      phase = 'denied';
      await wb.runCommand('Connection Analytics: Refresh Machines');
      const denied = await treeSaying(wb, 'the tree naming the Reader role', /^No read access to this workspace/);
      assert.match(denied, /Log Analytics Reader role/);
      await wb.screenshot(86, 'workspace-denied');

      // Answered: machines from VMConnection; the branches name the tables the workspace lacks.
      phase = 'answer';
      await wb.runCommand('Connection Analytics: Refresh Machines');
      await treeSaying(wb, 'web-01 in the tree', /^web-01$/);
      await expand(wb, 'web-01', 1);
      const ports = (await expand(wb, 'Bound ports', 2)).filter((r) => r.level === 3);
      assert.match(ports[0]?.label ?? '', /^No bound ports: VMBoundPort is not in the workspace/);
      const processes = (await expand(wb, 'Processes', 2)).filter((r) => r.level === 3);
      assert.match(processes[0]?.label ?? '', /^No process table: neither VMProcess nor ServiceMapProcess_CL/);
      await wb.screenshot(86, 'connections-only-workspace');
      assert.deepEqual(onTables, [], 'no query is sent on a table the workspace lacks');
      assert.deepEqual(await crashNotices(wb), []);
    },
  );
}
