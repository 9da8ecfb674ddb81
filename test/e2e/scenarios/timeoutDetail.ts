/**
 * Scenario 109: a Run that passes the engine's time limit while a big export loads says what it was
 * doing. The user's workspace settings give queries 1 s (`kql.local.timeoutSeconds`); their data folder
 * holds a day of hourly VMConnection export blobs (some 75 MB), which take longer than that to load.
 * - A first query that reads no table answers (the engine is up; retried if the 1 s ran out while the
 *   engine still started, as a user would).
 * - Run on VMConnection: the panel says "Timed out", names kql.local.timeoutSeconds, and below says it
 *   was still loading VMConnection (files, rows and MB read) and what to change; a button opens the
 *   setting. The notification says the same and offers the setting.
 * - The panel's button opens the Settings editor at kql.local.timeoutSeconds.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { DomDocument } from '../browserTypes';
import { dataFolderWorkspace, inOwnWorkspace } from '../ownWorkspace';
import { backToEditor, runBlock } from '../queryFile';
import { crashNotices, readError, readGrid, resultsFrame } from '../resultsPanel';
import { type Workbench, waitFor } from '../workbench';

declare const document: DomDocument;

const N = 109;
const FILE = 'timeout.kql';
const HOURS = 8;
const ROWS_AN_HOUR = 40_000;

const QUERIES = `// The engine is up
print Ready = 1

// Connections per machine
VMConnection
| summarize Connections = count() by Computer
`;

/** A day's data export tree of VMConnection: `am-VMConnection/…/h=HH/m=00/PT1H.json`, JSON Lines. */
function writeBigExport(exports: string): number {
  const t0 = Date.parse('2026-12-06T00:00:00Z');
  let bytes = 0;
  for (let h = 0; h < HOURS; h++) {
    const dir = path.join(
      exports,
      'am-VMConnection',
      'y=2026',
      'm=12',
      'd=06',
      `h=${String(h).padStart(2, '0')}`,
      'm=00',
    );
    fs.mkdirSync(dir, { recursive: true });
    const lines: string[] = [];
    for (let i = 0; i < ROWS_AN_HOUR; i++) {
      lines.push(
        JSON.stringify({
          TimeGenerated: new Date(t0 + h * 3_600_000 + i * 90).toISOString(),
          Computer: `web-${(i * 7 + h) % 200}.contoso.com`,
          Direction: 'outbound',
          ProcessName: 'nginx',
          RemoteIp: `10.${h}.${(i >> 8) & 255}.${i & 255}`,
          DestinationPort: 443,
          Protocol: 'tcp',
          BytesSent: (i * 37) % 100_000,
          BytesReceived: (i * 91) % 50_000,
          LinksEstablished: 1,
        }),
      );
    }
    const text = `${lines.join('\n')}\n`;
    fs.writeFileSync(path.join(dir, 'PT1H.json'), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** The panel's error, when it shows one: heading, message, detail and the setting button's label. */
async function shownError(
  frame: Frame,
): Promise<{ heading: string; message: string; detail: string; button: string } | undefined> {
  const message = await readError(frame).catch(() => undefined);
  if (!message) return undefined;
  return frame.evaluate((text) => {
    const box = document.querySelector('.error-box');
    const buttons = [...(box?.querySelectorAll('vscode-button') ?? [])].map((b) => b.textContent ?? '');
    return {
      heading: box?.querySelector('h3')?.textContent ?? '',
      message: text,
      detail: box?.querySelector('.error-detail')?.textContent ?? '',
      button: buttons.find((b) => b.startsWith('Open setting')) ?? '',
    };
  }, message.text);
}

/** Runs the first query until it answers: the 1 s limit may run out while a fresh engine starts. */
async function engineAnswers(wb: Workbench, workspace: string): Promise<void> {
  await waitFor(
    'the first query to answer within the 1 s limit',
    async () => {
      await backToEditor(wb);
      await runBlock(wb, workspace, FILE, '// The engine is up');
      const frame = await resultsFrame(wb, 90_000);
      return waitFor(
        'its grid or its error',
        async () => {
          const grid = await readGrid(frame).catch(() => undefined);
          if (grid?.headers.includes('Ready') && grid.rows.length === 1) return 'answered';
          return (await shownError(frame))?.heading === 'Timed out' ? 'again' : undefined;
        },
        60_000,
      ).then((outcome) => (outcome === 'answered' ? true : undefined));
    },
    240_000,
  );
}

/** The texts of the notification toasts on screen, those done fading in (the screenshot shows them whole). */
async function toasts(wb: Workbench): Promise<string[]> {
  return wb.page
    .locator('.notifications-toasts .notification-fade-in-done .notification-list-item')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

export async function timeoutDetailScenario(main: Workbench): Promise<void> {
  const { workspace, exports } = dataFolderWorkspace('kql-e2e-timeout-detail-');
  const bytes = writeBigExport(exports);
  // The user's own workspace settings: the data folder, and 1 s for a query. Without live values: their
  // background queries (10 s after start) load VMConnection themselves, and the Run then answers at once.
  const settingsFile = path.join(workspace, '.vscode/settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(
    settingsFile,
    JSON.stringify({ ...settings, 'kql.local.timeoutSeconds': 1, 'kql.completion.liveValues': false }, null, 2),
  );
  fs.writeFileSync(path.join(workspace, FILE), QUERIES);
  console.log(`# ${N}: export of ${HOURS} files, ${(bytes / 1048576).toFixed(1)} MB`);

  await inOwnWorkspace(main, N, workspace, async (wb) => {
    await wb.openFile(FILE);
    await engineAnswers(wb, workspace);

    await backToEditor(wb);
    await runBlock(wb, workspace, FILE, '// Connections per machine');
    const frame = await resultsFrame(wb, 90_000);
    const shown = await waitFor(
      'the panel saying the query timed out while loading',
      async () => {
        const e = await shownError(frame);
        return e?.heading === 'Timed out' && e.detail ? e : undefined;
      },
      90_000,
    );
    console.log(`# ${N}: panel: ${JSON.stringify(shown)}`);
    assert.match(shown.message, /did not finish within 1 s\. The limit is the setting kql\.local\.timeoutSeconds/);
    assert.match(
      shown.detail,
      new RegExp(
        `It was still loading VMConnection from its files \\(in file (\\d+) of ${HOURS}, [\\d,]+ rows?, [\\d.,]+ of [\\d.,]+ MB read\\)\\.`,
      ),
    );
    assert.match(shown.detail, /load cache/);
    assert.equal(shown.button, 'Open setting kql.local.timeoutSeconds');

    // The notification says the same, and offers the setting.
    const toast = await waitFor('the time-out notification', async () =>
      (await toasts(wb)).find((t) =>
        /Timed out: The query did not finish within 1 s.*still loading VMConnection/.test(t),
      ),
    );
    assert.match(toast, /Open Setting/);
    await wb.screenshot(N, 'timed-out-loading');

    // The panel's button opens the Settings editor at the setting, on the Workspace tab that sets it to 1.
    await frame.locator('.error-box vscode-button', { hasText: 'Open setting' }).click();
    const found = await waitFor('the Settings editor at kql.local.timeoutSeconds', async () => {
      const editor = wb.page.locator('.settings-editor');
      if (!(await editor.isVisible().catch(() => false))) return undefined;
      const item = editor.locator('.setting-item-contents', { hasText: 'Seconds a query may run in the local engine' });
      if ((await item.count()) === 0) return undefined;
      const value = await item.first().locator('input').first().inputValue();
      const tab = (await editor.locator('.settings-tabs-widget .checked').allTextContents()).join(' ');
      return /Workspace/.test(tab) && value === '1' ? { tab, value } : undefined;
    });
    console.log(`# ${N}: settings: ${JSON.stringify(found)}`);
    await wb.screenshot(N, 'setting-opened');
    assert.deepEqual(await crashNotices(wb), []);
  });
}
