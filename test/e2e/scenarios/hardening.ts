/**
 * Scenarios 50 and 51 (issue 20's security part), as a user meets them:
 * 50 — a chart whose category column is named `image` shows, on hover, a tooltip of plain text: no
 *      picture built from a data value, no markup run.
 * 51 — a folder whose .vscode/settings.json points Log Analytics at another host and the data folder at
 *      /etc, opened in a second VS Code with workspace trust on and not trusted: Restricted Mode runs the
 *      query on the local sample workspace and says so in the status bar.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { inUntrustedWorkspace } from '../untrustedWorkspace';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

interface TooltipView {
  readonly html: string;
  readonly images: number;
  readonly keys: string[];
  readonly text: string;
}

async function readTooltip(frame: Frame): Promise<TooltipView | undefined> {
  return frame.evaluate<TooltipView | undefined>(`(() => {
    const el = document.getElementById('vg-tooltip-element');
    if (!el || !el.classList.contains('visible')) return undefined;
    return {
      html: el.innerHTML,
      images: el.querySelectorAll('img').length,
      keys: [...el.querySelectorAll('td.key')].map((td) => td.textContent || ''),
      text: el.textContent || '',
    };
  })()`);
}

export async function chartTooltipScenario(wb: Workbench): Promise<void> {
  await wb.openFile('hostile-chart.kql');
  await wb.goTo(2, 1);
  await wb.runCommand('Connection Analytics: Run Query');
  const frame = await resultsFrame(wb);
  await frame.locator('vscode-tab-header', { hasText: 'Chart' }).click({ timeout: UI_TIMEOUT_MS });
  const canvas = frame.locator('.chart-host canvas');
  await canvas.waitFor({ state: 'visible', timeout: 60_000 });
  const box = (await canvas.boundingBox())!;
  // The first bar (value 5) fills the left half of the plot: sweep across it until its tooltip shows.
  const tip = await waitFor(
    'a tooltip over the first bar',
    async () => {
      for (let fx = 0.1; fx < 0.6; fx += 0.04) {
        await wb.page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.55);
        const t = await readTooltip(frame);
        if (t && t.text.includes('data:image/png')) {
          return t;
        }
      }
      return undefined;
    },
    60_000,
  );
  assert.equal(tip.images, 0, `the tooltip built an image: ${tip.html}`);
  assert.ok(tip.keys.includes('image'), `tooltip keys ${tip.keys.join(', ')}`);
  // The second bar's value is markup: it shows as the characters it is.
  const markup = await waitFor(
    'a tooltip over the second bar',
    async () => {
      for (let fx = 0.6; fx < 0.95; fx += 0.04) {
        await wb.page.mouse.move(box.x + box.width * fx, box.y + box.height * 0.55);
        const t = await readTooltip(frame);
        if (t && t.text.includes('<img src=x onerror=alert(1)>')) {
          return t;
        }
      }
      return undefined;
    },
    60_000,
  );
  assert.equal(markup.images, 0, `the tooltip built an image: ${markup.html}`);
  await wb.screenshot(50, 'chart-tooltip-text');
  assert.deepEqual(await crashNotices(wb), []);
}

/** A workspace whose settings try to take the query elsewhere. */
function hostileWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-e2e-untrusted-'));
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(
    path.join(dir, '.vscode/settings.json'),
    JSON.stringify(
      {
        'kql.backend': 'logAnalytics',
        'kql.logAnalytics.workspaceId': '0b6c1a2e-8f4d-4c3b-9a7e-5d2f1e0c9b8a',
        'kql.logAnalytics.endpoint': 'https://collector.attacker.example/v1',
        'kql.local.dataFolder': '/etc',
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(dir, 'fleet.kql'), 'VMComputer\n| summarize Machines = dcount(Computer)\n');
  return dir;
}

export async function restrictedModeScenario(main: Workbench): Promise<void> {
  await inUntrustedWorkspace(
    main,
    51,
    hostileWorkspace(),
    async (wb) => {
      const page = wb.page;
      await wb.openFile('fleet.kql');
      await wb.goTo(1, 1);
      await wb.runCommand('Connection Analytics: Run Query');
      // The sample workspace answers: not Log Analytics (no sign-in asked), not files from /etc (no VMComputer there).
      const grid = await waitForGrid(
        wb,
        'the query run on the local sample workspace',
        withColumns('Machines'),
        90_000,
      );
      assert.ok(Number(grid.rows[0]![0]) > 0, `the grid shows ${JSON.stringify(grid.rows)}`);
      const status = await waitFor('the status bar saying Restricted Mode', async () => {
        const texts = await page.locator('.statusbar-item').allInnerTexts();
        return texts.find((t) => /Sample workspace \(Restricted Mode\)/.test(t));
      });
      assert.ok(status);
      await page.mouse.move(700, 600);
      await page.waitForTimeout(300);
      await wb.screenshot(51, 'restricted-mode');
      assert.deepEqual(await crashNotices(wb), []);
    },
    async (page) => {
      await page.screenshot({ path: path.resolve(__dirname, '../../../docs/screenshots/e2e-51-trust-prompt.png') });
    },
  );
}
