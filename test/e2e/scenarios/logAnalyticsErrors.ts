/**
 * Scenario 72: the Log Analytics answers a user meets only now and then. Queries of one .kql file get a
 * 401 (the sign-in no longer valid), a 403 (signed in, without access to the workspace), a 500 answered
 * with an HTML error page, and a 200 whose JSON breaks off. For each, the results panel says what
 * happened and what to do, in words and never the page's markup or the body's start; the next good
 * query still runs and shows its rows.
 */
import assert from 'node:assert/strict';
import { userWorkspaceMetadata } from '../../backends/userWorkspaceMetadata';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { runBlock, runStatusText } from '../queryFile';
import { crashNotices, readError, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

const FILE = 'answers.kql';
const TEXT = `// Token no longer valid
VMConnection | where Computer == "qa-401" | take 1

// No access to the workspace
VMConnection | where Computer == "qa-403" | take 1

// Service error page
VMConnection | where Computer == "qa-500" | take 1

// Broken JSON
VMConnection | where Computer == "qa-broken-json" | take 1

// A good query
VMConnection | where Computer == "qa-good" | take 2
`;

const ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>500 - Internal server error.</title><style>body{font-family:Segoe UI}</style></head>' +
  '<body><div id="header"><h1>Server Error</h1></div><div id="content"><h2>500 - Internal server error.</h2>' +
  '<h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3></div></body></html>';

const GOOD_BODY = {
  tables: [
    {
      name: 'PrimaryResult',
      columns: [
        { name: 'Computer', type: 'string' },
        { name: 'BytesSent', type: 'long' },
      ],
      rows: [
        ['qa-good', 1200],
        ['qa-good', 3400],
      ],
    },
  ],
};

interface Case {
  readonly heading: string;
  readonly shot: string;
  /** The panel's heading: what happened, in a few words. */
  readonly title: string;
  /** What the message must say: what happened, then what to do. */
  readonly says: readonly RegExp[];
  /** The notification that offers a new sign-in, for a refused one. */
  readonly toast?: RegExp;
}

const CASES: readonly Case[] = [
  {
    heading: '// Token no longer valid',
    shot: 'log-analytics-401',
    title: 'Not signed in to Log Analytics',
    says: [/refused the sign-in \(401 Unauthorized\)/, /The provided authentication is not valid/, /Sign in again/],
    toast: /Log Analytics refused the sign-in \(401\): sign in again to run queries there\./,
  },
  {
    heading: '// No access to the workspace',
    shot: 'log-analytics-403',
    title: 'No access to the workspace',
    says: [
      /denied access to the workspace \(403 Forbidden\)/,
      /Log Analytics Reader role/,
      /sign in with another account/,
    ],
    toast:
      /no read access to this Log Analytics workspace \(403\): ask its owner for access, or sign in with another account\./,
  },
  {
    heading: '// Service error page',
    shot: 'log-analytics-500-html',
    title: 'Log Analytics failed',
    says: [
      /failed \(500 Internal Server Error\)/,
      /web page titled "500 - Internal server error\."/,
      /run the query again/,
    ],
  },
  {
    heading: '// Broken JSON',
    shot: 'log-analytics-broken-json',
    title: 'Log Analytics sent an unreadable answer',
    says: [/answered 200 OK, but its JSON is malformed/, /run the query again/],
  },
];

export async function logAnalyticsErrorsScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(main, 72, { [FILE]: TEXT }, async (wb, server, folder, dialogs) => {
    server.respond((request) => {
      const query = request.body.query ?? '';
      if (query.includes('qa-401')) {
        return {
          status: 401,
          body: {
            error: { code: 'InvalidTokenError', message: 'The provided authentication is not valid for this resource' },
          },
        };
      }
      if (query.includes('qa-403')) {
        return {
          status: 403,
          body: {
            error: {
              code: 'InsufficientAccessError',
              message: 'The provided credentials have insufficient access to perform the requested operation',
            },
          },
        };
      }
      if (query.includes('qa-500')) {
        return { status: 500, raw: ERROR_PAGE, headers: { 'content-type': 'text/html' } };
      }
      if (query.includes('qa-broken-json')) {
        const cut = JSON.stringify(GOOD_BODY).slice(0, 120);
        return { status: 200, raw: cut, headers: { 'content-type': 'application/json' } };
      }
      if (query.includes('qa-good')) {
        return { status: 200, body: GOOD_BODY };
      }
      return EMPTY_RESULT;
    });
    // The workspace's schema holds VMConnection, so the editor has nothing to flag and the messages stand alone.
    server.serveMetadata({ status: 200, body: userWorkspaceMetadata() });

    await wb.openFile(FILE);
    await waitFor('the status bar naming the workspace', async () =>
      /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000).catch(async () =>
      wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
    );

    const frame = await resultsFrame(wb).catch(() => undefined);
    let previous = frame ? ((await readError(frame))?.text ?? '') : '';
    for (const c of CASES) {
      await runBlock(wb, folder, FILE, c.heading);
      const panel = await resultsFrame(wb);
      const text = await waitFor(
        `the panel's message for "${c.heading}"`,
        async () => {
          const error = await readError(panel).catch(() => undefined);
          return error && error.text !== previous && c.says[0]!.test(error.text) ? error.text : undefined;
        },
        90_000,
      );
      console.log(`# 72: ${c.heading.slice(3)}: ${text}`);
      for (const said of c.says) {
        assert.match(text, said);
      }
      assert.doesNotMatch(text, /<\/?[a-z!][^>]*>|"tables"|PrimaryResult|Cannot read propert/i);
      assert.equal(await panel.locator('.error-box h3').textContent(), c.title);
      if (c.toast) {
        // The notification offering a new sign-in says it in one line; the panel has the service's words.
        await wb.page
          .locator('.notifications-toasts .notification-toast', { hasText: c.toast })
          .first()
          .waitFor({ state: 'visible', timeout: 30_000 });
      }
      await wb.screenshot(72, c.shot);
      previous = text;
    }

    // The next good query runs as if nothing had happened.
    await runBlock(wb, folder, FILE, '// A good query');
    const grid = await waitForGrid(wb, "the good query's rows", withColumns('Computer', 'BytesSent'), 90_000);
    assert.deepEqual(grid.rows, [
      ['qa-good', '1200'],
      ['qa-good', '3400'],
    ]);
    await wb.screenshot(72, 'log-analytics-good-query-after-errors');

    assert.deepEqual(await crashNotices(wb), []);
  });
}
