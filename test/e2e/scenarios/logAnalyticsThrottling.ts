/**
 * Scenario 67: a user's Log Analytics workspace that throttles. The loopback server answers the first
 * try of a query with 429 and Retry-After: the notification says the run is waiting as the service
 * asked, and the grid then shows the server's long above 2^53 and its 100-ns datetime exactly, with a
 * line saying the result came after waiting. A Retry-After of an hour ends the run at once with when
 * to try again; during a shorter wait, Cancel on the notification stops the run and no retry is sent.
 */
import assert from 'node:assert/strict';
import { EMPTY_RESULT, inLoopbackWorkspace } from '../logAnalyticsLoopback';
import { runBlock, runStatusText } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

const FILE = 'throttled.kql';
const TEXT = `// Exact values after a throttled first try
print Id = 851673153924341805, At = datetime(2026-11-23T10:00:00.1234567Z)

// Busy for an hour
VMConnection | where Computer == "qa-busy-for-an-hour" | take 1

// Busy for a while
VMConnection | where Computer == "qa-busy-for-a-while" | take 1
`;

// The server's JSON as text: a JavaScript number could not hold the long.
const EXACT_BODY =
  '{"tables":[{"name":"PrimaryResult","columns":[{"name":"Id","type":"long"},{"name":"At","type":"datetime"}],' +
  '"rows":[[851673153924341805,"2026-11-23T10:00:00.1234567Z"]]}]}';

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

function toast(wb: Workbench, text: RegExp) {
  return wb.page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

export async function logAnalyticsThrottlingScenario(main: Workbench): Promise<void> {
  await inLoopbackWorkspace(main, 67, { [FILE]: TEXT }, async (wb, server, folder, dialogs) => {
    let exactTries = 0;
    let whileTries = 0;
    server.respond((request) => {
      const query = request.body.query ?? '';
      if (query.includes('851673153924341805')) {
        return exactTries++ === 0
          ? { status: 429, raw: '', headers: { 'retry-after': '4' } }
          : { status: 200, raw: EXACT_BODY };
      }
      if (query.includes('qa-busy-for-an-hour')) {
        return {
          status: 429,
          body: { error: { code: 'ThrottledError', message: 'Your request was throttled.' } },
          headers: { 'retry-after': '3600' },
        };
      }
      if (query.includes('qa-busy-for-a-while')) {
        whileTries++;
        return { status: 429, raw: '', headers: { 'retry-after': new Date(Date.now() + 45_000).toUTCString() } };
      }
      return EMPTY_RESULT;
    });
    server.serveMetadata({ status: 200, body: { tables: [], functions: [], solutions: [], categories: [] } });

    await wb.openFile(FILE);
    await waitFor('the status bar naming the workspace', async () =>
      /Log Analytics: 7c2e4b1a…/.test(await runStatusText(wb)) ? true : undefined,
    );
    // Run once signed in: the first run may be the one that asks.
    await waitFor('the sign-in', async () => (dialogs.signInPrompts() > 0 ? true : undefined), 60_000).catch(async () =>
      wb.runCommand('Connection Analytics: Sign In to Log Analytics', false),
    );

    // 1. Throttled once, then the answer: the wait is shown while it lasts, then the exact values.
    await runBlock(wb, folder, FILE, '// Exact values after a throttled first try');
    const waiting = toast(wb, /waiting \d s as it asked \(Retry-After\), then retry 1 of 3/);
    await waiting.waitFor({ state: 'visible', timeout: 60_000 });
    await wb.screenshot(67, 'log-analytics-waiting-on-retry-after');
    const grid = await waitForGrid(wb, 'the exact values after the retry', withColumns('Id', 'At'), 60_000);
    assert.equal(grid.rows[0]![0], '851673153924341805');
    assert.match(grid.rows[0]![1]!, /2026-11-23.10:00:00\.1234567/);
    await panelText(
      wb,
      '.warning',
      /answered 429 Too Many Requests first; this result came after retrying once, waiting \d s as the service asked/,
      'the line saying the result came after waiting',
    );
    assert.equal(exactTries, 2, 'one retry, after the wait');
    await wb.screenshot(67, 'log-analytics-exact-after-throttling');

    // 2. Asked to wait an hour: no hour of "Running…", but when to try again.
    const hourStarted = Date.now();
    await runBlock(wb, folder, FILE, '// Busy for an hour');
    const hour = await panelText(wb, '.error-message', /try again in 3600 s/, 'the message with when to try again');
    assert.match(hour, /throttling requests \(429 Too Many Requests\) and asks to wait 3600 s/);
    assert.match(hour, /Your request was throttled\./);
    assert.ok(Date.now() - hourStarted < 60_000, 'the run ended without waiting');
    await wb.screenshot(67, 'log-analytics-throttled-for-an-hour');

    // 3. Cancel while waiting on a Retry-After (an HTTP date 45 s ahead).
    await runBlock(wb, folder, FILE, '// Busy for a while');
    const whileToast = toast(wb, /waiting \d+ s as it asked \(Retry-After\)/);
    await whileToast.waitFor({ state: 'visible', timeout: 60_000 });
    await whileToast.hover();
    await whileToast.locator('.monaco-button', { hasText: 'Cancel' }).first().click();
    await panelText(wb, '.error-message', /cancelled/, 'the panel saying the query was cancelled');
    await whileToast.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    await new Promise((r) => setTimeout(r, 2_000));
    assert.equal(whileTries, 1, 'no retry was sent after Cancel');
    await wb.screenshot(67, 'log-analytics-cancelled-while-waiting');

    assert.ok(dialogs.confirmedHost(), 'the dialog naming the custom host was answered');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
