/**
 * Scenario 111: the QA walk of a user's Log Analytics workspace, its queries' answers (the loopback server;
 * the folder sets kql.local.rowLimit to 100,000 and kql.logAnalytics.serverTimeoutSeconds to 20).
 * - A 500 with a JSON error body: the panel gives the service's own words and says to run it again later.
 * - A partial answer (PartialError after 3 rows): the rows and the service's reason both show.
 * - A server that never answers: the run ends at the time limit, whose message names its setting.
 * - An answer of 500,000 rows: the extension host stays responsive while it is read (a command of the
 *   extension opens its picker at once), and the panel says the row limit kept 100,000, naming the
 *   setting (it said only "Showing the first 100,000 of 500,000 rows").
 * Prints the time each took and the slowest picker while the big answer was read.
 */
import assert from 'node:assert/strict';
import { qaWalkMetadata } from '../../backends/qaWalkWorkspace';
import { EMPTY_RESULT, inLoopbackWorkspace, LA_WORKSPACE_ID } from '../logAnalyticsLoopback';
import { backToEditor, runBlock, runStatusText } from '../queryFile';
import { crashNotices, readError, readGrid, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

const N = 111;
const FILE = 'answers.kql';
const TIME_LIMIT_SECONDS = 20;
const BIG = 500_000;
/**
 * How fast an extension command's picker opens while the big answer is read: the median of the tries
 * (read on the host's thread they all took 0.8–2.0 s), and the slowest, which may also meet the panel
 * building its 100,000-row payload once the read is done or a busy machine's other work (CI run 33: one of
 * five took 895 ms; an idle picker took 358 ms once), but never a freeze of seconds.
 */
const PICKER_MEDIAN_BOUND_MS = 700;
const PICKER_MAX_BOUND_MS = 2_500;
const TEXT = `// Service fails
Heartbeat | where Computer == "qa-500" | take 1

// Partial answer
Heartbeat | where Computer == "qa-partial" | take 3

// Never answers
Heartbeat | where Computer == "qa-never" | take 1

// Half a million rows
Heartbeat | where Computer startswith "qa-big" | take ${BIG}
`;
const SETTINGS = {
  'kql.backend': 'logAnalytics',
  'kql.logAnalytics.workspaceId': LA_WORKSPACE_ID,
  'kql.local.rowLimit': 100_000,
  'kql.logAnalytics.serverTimeoutSeconds': TIME_LIMIT_SECONDS,
};
const COLUMNS = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Computer', type: 'string' },
  { name: 'Sequence', type: 'long' },
];

/** The big answer as the service's JSON text, made once. */
function bigAnswer(): string {
  const start = Date.parse('2026-12-06T00:00:00Z');
  const rows: string[] = [];
  for (let i = 0; i < BIG; i++) {
    rows.push(`["${new Date(start + i * 100).toISOString()}","qa-big-${i % 997}",${i}]`);
  }
  return `{"tables":[{"name":"PrimaryResult","columns":${JSON.stringify(COLUMNS)},"rows":[${rows.join(',')}]}]}`;
}

const PARTIAL = {
  status: 200,
  body: {
    tables: [
      {
        name: 'PrimaryResult',
        columns: COLUMNS,
        rows: [
          ['2026-12-06T00:00:00Z', 'qa-partial', 1],
          ['2026-12-06T00:00:01Z', 'qa-partial', 2],
          ['2026-12-06T00:00:02Z', 'qa-partial', 3],
        ],
      },
    ],
    error: {
      code: 'PartialError',
      message: 'There were some errors when processing your query.',
      details: [
        {
          code: 'EngineError',
          message: 'Something went wrong processing your query on the server.',
          innererror: {
            code: '-2133196797',
            message: 'Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION).',
          },
        },
      ],
    },
  },
};

async function errorSaying(wb: Workbench, pattern: RegExp, what: string, ms = 90_000): Promise<string> {
  const panel = await resultsFrame(wb);
  return waitFor(
    what,
    async () => {
      const error = await readError(panel).catch(() => undefined);
      return error && pattern.test(error.text) ? error.text : undefined;
    },
    ms,
  );
}

async function warningSaying(wb: Workbench, pattern: RegExp, what: string): Promise<string> {
  const panel = await resultsFrame(wb);
  return waitFor(
    what,
    async () =>
      (
        await panel
          .locator('.warning')
          .allTextContents()
          .catch(() => [] as string[])
      ).find((t) => pattern.test(t)),
    120_000,
  );
}

/**
 * How long the extension's Select Time Range takes to show its picker once chosen in the palette: the
 * extension host answers it, so a host busy reading an answer shows here.
 */
async function pickerLatency(wb: Workbench): Promise<number> {
  await wb.runCommand('Connection Analytics: Select Time Range', false);
  const started = Date.now();
  await wb.page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Custom duration…' })
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
  const ms = Date.now() - started;
  await wb.page.keyboard.press('Escape');
  return ms;
}

export async function qaWalkQueriesScenario(main: Workbench): Promise<void> {
  const big = bigAnswer();
  await inLoopbackWorkspace(
    main,
    N,
    { [FILE]: TEXT, '.vscode/settings.json': JSON.stringify(SETTINGS, null, 2) },
    async (wb, server, folder, dialogs) => {
      let bigSent = 0;
      // The workspace's own schema (it has Heartbeat), so the editor flags nothing and the answers stand alone.
      server.serveMetadata({ status: 200, body: qaWalkMetadata() });
      server.respond((request) => {
        const query = request.body.query ?? '';
        if (query.includes('qa-500')) {
          return {
            status: 500,
            body: {
              error: {
                code: 'InternalServerError',
                message: 'An unexpected error occurred.',
                innererror: { code: 'QueryServiceError', message: 'The query service restarted while running it.' },
              },
            },
          };
        }
        if (query.includes('qa-partial')) return PARTIAL;
        if (query.includes('qa-never')) return { ...EMPTY_RESULT, delayMs: 600_000 };
        if (query.includes('qa-big')) {
          bigSent++;
          return { status: 200, raw: big };
        }
        return EMPTY_RESULT;
      });
      await wb.openFile(FILE);
      await waitFor('the status bar naming the workspace', async () =>
        /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
      );
      await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000).catch(
        async () => wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
      );

      // 1. A 500 with the service's JSON error.
      await runBlock(wb, folder, FILE, '// Service fails');
      const failed = await errorSaying(wb, /500 Internal Server Error/, "the panel's message for the 500");
      console.log(`# ${N}: 500 with a JSON body: ${failed}`);
      assert.match(failed, /The query service restarted while running it\./);
      assert.match(failed, /run the query again in a few minutes/);
      assert.doesNotMatch(failed, /"error"|innererror|\{/);
      assert.equal(await (await resultsFrame(wb)).locator('.error-box h3').textContent(), 'Log Analytics failed');
      await wb.screenshot(N, 'log-analytics-500-json');

      // 2. A partial answer: its rows and its reason.
      await backToEditor(wb);
      await runBlock(wb, folder, FILE, '// Partial answer');
      const partial = await waitForGrid(wb, 'the partial rows', (g) => g.rows.some((r) => r[1] === 'qa-partial'));
      assert.equal(partial.rows.length, 3);
      assert.match(partial.status, /^3 rows · .*partial answer/);
      const reason = await warningSaying(wb, /Partial results/, "the partial answer's reason");
      assert.match(reason, /E_LOW_MEMORY_CONDITION/);
      await wb.screenshot(N, 'partial-answer-rows-and-reason');

      // 3. A server that never answers: the time limit ends the run and names its setting.
      await backToEditor(wb);
      let started = Date.now();
      await runBlock(wb, folder, FILE, '// Never answers');
      const timedOut = await errorSaying(wb, /did not finish|time limit/, 'the time limit ending the run', 120_000);
      const tookMs = Date.now() - started;
      console.log(`# ${N}: never answered: ended after ${tookMs} ms: ${timedOut}`);
      assert.match(timedOut, /kql\.logAnalytics\.serverTimeoutSeconds/);
      assert.ok(tookMs < (TIME_LIMIT_SECONDS + 40) * 1000, `ended after ${tookMs} ms`);
      await server.abandoned;
      await wb.screenshot(N, 'never-answers-time-limit');

      // 4. Half a million rows: the host answers while they are read; the row limit names its setting.
      await backToEditor(wb);
      const idle = [await pickerLatency(wb), await pickerLatency(wb)];
      await backToEditor(wb);
      started = Date.now();
      await runBlock(wb, folder, FILE, '// Half a million rows');
      const latencies: number[] = [];
      const frame = await resultsFrame(wb);
      while (Date.now() - started < 180_000) {
        const grid = await readGrid(frame).catch(() => undefined);
        if (grid && grid.rows.some((r) => /^qa-big/.test(r[1] ?? ''))) break;
        latencies.push(await pickerLatency(wb));
      }
      const grid = await waitForGrid(wb, 'the big answer', withColumns('TimeGenerated', 'Computer', 'Sequence'));
      console.log(
        `# ${N}: 500,000 rows shown ${Date.now() - started} ms after Run; status: ${grid.status}; extension command pickers while reading: ${latencies.join(', ')} ms (idle: ${idle.join(', ')} ms)`,
      );
      assert.equal(bigSent, 1);
      assert.match(grid.status, /^100,000 rows/);
      const cut = await warningSaying(wb, /Showing the first 100,000 of 500,000 rows/, 'the row limit notice');
      console.log(`# ${N}: ${cut}`);
      assert.match(cut, /kql\.local\.rowLimit/);
      // Read on the host's thread, the answer held the loop ~0.4 s at a time and the pickers took 0.8–2.0 s;
      // read in a worker (answerOffThread.ts) they took 47–364 ms on the loaded 2-core machine.
      const sorted = [...latencies].sort((a, b) => a - b);
      const median = sorted.length ? sorted[sorted.length >> 1]! : 0;
      assert.ok(
        median < PICKER_MEDIAN_BOUND_MS,
        `pickers took a median ${median} ms while the answer was read (${latencies.join(', ')} ms; bound ${PICKER_MEDIAN_BOUND_MS} ms)`,
      );
      assert.ok(
        Math.max(0, ...latencies) < PICKER_MAX_BOUND_MS,
        `a picker took ${Math.max(...latencies)} ms while the answer was read (bound ${PICKER_MAX_BOUND_MS} ms)`,
      );
      await wb.screenshot(N, 'half-a-million-rows-row-limit');
      assert.deepEqual(await crashNotices(wb), []);
    },
  );
}
