/**
 * Scenario 115: a timechart's time axis reads as Kusto and the Azure portal write it, in a browser whose
 * zone is Asia/Kolkata (UTC+05:30, where Vega's local time scale put ticks on the half hour and wrote
 * them 12-hour without AM/PM, "12:30, 01:30"): 24-hour UTC labels on round UTC times, the date at each
 * midnight, for 6 hours and for 3 days, in the dark and the light theme. The labels are read from what
 * Vega drew (the chart host's data-x-labels: the x axis labels left shown); each chart is screenshotted.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DomDocument } from '../browserTypes';
import type { CodeServer } from '../codeServer';
import { runBlock } from '../queryFile';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { SCREENSHOT_DIR, Workbench, waitFor } from '../workbench';
import { pickTheme } from './themes';

declare const document: DomDocument;

const FILE = 'chart-time.kql';
const ZONE = 'Asia/Kolkata';

const CHARTS = [
  {
    heading: '// 6 hours',
    file: '6h',
    // Midnight is the date; the rest round UTC hours or half hours up to 06:00.
    fits: (labels: string[]) => labels[0] === 'Nov 23' && labels.slice(1).every((l) => /^0[0-6]:(00|30)$/.test(l)),
    must: ['Nov 23', '03:00'],
  },
  {
    heading: '// 3 days',
    file: '3d',
    fits: (labels: string[]) => labels.every((l) => /^(Nov 2[3-6]|[012]\d:00)$/.test(l)),
    must: ['Nov 23', 'Nov 24', 'Nov 25', '12:00'],
  },
] as const;

export async function chartTimeAxesScenario(wb: Workbench, workspace: string, server: CodeServer): Promise<void> {
  // A workbench of its own, in a browser zone that is not UTC; the scenario's one is closed at the end.
  const own = await Workbench.open(wb.context.browser()!, server.url, { timezoneId: ZONE });
  try {
    assert.equal(
      await own.page.evaluate(() => new Date(0).getTimezoneOffset()),
      -330,
      'the browser is not in UTC+05:30',
    );
    await own.openFile(FILE);
    for (const theme of [
      { name: 'Default Dark Modern', file: 'dark' },
      { name: 'Default Light Modern', file: 'light' },
    ]) {
      await pickTheme(own, theme.name);
      for (const chart of CHARTS) {
        await runBlock(own, workspace, FILE, chart.heading);
        const frame = await resultsFrame(own, 60_000);
        // A run replaces the chart: wait for this query's axis (the two charts' labels differ).
        const labels = await waitFor(
          `the ${chart.file} timechart's time axis (${theme.file})`,
          async () => {
            const shown = await frame.evaluate(() => {
              const host = document.querySelector('.chart-host');
              return host?.getAttribute('data-x-labels') ?? '';
            });
            const list = shown ? shown.split(' | ') : [];
            return list.length >= 3 && chart.must.every((m) => list.includes(m)) ? list : undefined;
          },
          60_000,
        ).catch(async (e) => {
          const shown = await frame.evaluate(() =>
            document.querySelector('.chart-host')?.getAttribute('data-x-labels'),
          );
          throw new Error(`${(e as Error).message}; the axis reads: ${shown}`);
        });
        assert.ok(chart.fits(labels), `${chart.file} (${theme.file}): the axis reads ${labels.join(', ')}`);
        assert.ok(!labels.some((l) => /AM|PM/.test(l)), labels.join(', '));
        const body = await frame.evaluate(() => document.body.className);
        assert.match(body, theme.file === 'dark' ? /vscode-dark/ : /vscode-light/, `the webview is not ${theme.file}`);
        await frame
          .locator('.chart-host')
          .screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-115-timechart-${chart.file}-${theme.file}.png`) });
      }
    }
    assert.deepEqual(await crashNotices(own), []);
  } finally {
    // The theme is a user setting every workbench of the server shares: put the default back.
    await pickTheme(own, 'Default Dark Modern').catch(() => undefined);
    await own.close();
  }
}
