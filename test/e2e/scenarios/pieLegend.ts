/**
 * Scenario 117: a pie of 120 slices, names among them `<script>alert(1)</script>`, a right-to-left one
 * and one of 2,000 characters. Vega's legend stopped at 29 entries ("…91 entries") and the other 91
 * slices could not be told apart. Now the 19 largest have a legend entry each and the other 101 share a
 * grey "Other (101 slices)" slice, whose tooltip names every one of them: every slice is named on
 * screen or in a tooltip. The legend is read from what Vega drew (the chart host's data-legend-labels);
 * the chart and its Other tooltip are screenshotted in the dark, light and high-contrast themes.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { DomDocument } from '../browserTypes';
import { runBlock } from '../queryFile';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { SCREENSHOT_DIR, type Workbench, waitFor } from '../workbench';
import { pickTheme, SCREEN_THEMES } from './themes';

declare const document: DomDocument;

const FILE = 'results-columns.kql';
/** Slice i's name, as the query makes it. */
const slice = (i: number): string =>
  i === 3 ? '<script>alert(1)</script>' : i === 4 ? 'שרת-RTL עברית' : i === 50 ? 'L'.repeat(2000) : `proc-${i}`;

/** Hovers the pie's left half (all of it the Other slice, 71% of the pie drawn last) until its tooltip shows. */
async function otherTooltip(wb: Workbench, frame: Frame): Promise<string> {
  const box = (await frame.locator('.chart-host canvas').boundingBox())!;
  return waitFor(
    'the Other slice tooltip',
    async () => {
      for (let x = box.x + 20; x < box.x + box.width / 2; x += 20) {
        await wb.page.mouse.move(x, box.y + box.height / 2);
        const tip = await frame.evaluate(
          () => document.querySelector('#vg-tooltip-element.visible')?.textContent ?? '',
        );
        if (tip.includes('Other (')) {
          return tip;
        }
      }
      return undefined;
    },
    20_000,
  );
}

export async function pieLegendScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, '// A pie of 120 slices');
  const frame = await resultsFrame(wb, 60_000);
  const legend = await waitFor(
    'the pie legend',
    async () => {
      const shown = await frame.evaluate(
        () => document.querySelector('.chart-host')?.getAttribute('data-legend-labels') ?? '',
      );
      const labels = shown ? shown.split(' | ') : [];
      return labels.some((l) => l.startsWith('Other (')) || labels.some((l) => /entries/.test(l)) ? labels : undefined;
    },
    90_000,
  );
  assert.ok(!legend.some((l) => /entries/.test(l)), `the legend is cut: ${legend.join(' | ')}`);
  assert.equal(legend.length, 20, legend.join(' | '));
  assert.equal(legend.at(-1), 'Other (101 slices)');
  // The 19 largest by name (Vega cuts a long label with an ellipsis: none of these is long).
  assert.deepEqual(
    legend.slice(0, 19),
    Array.from({ length: 19 }, (_, i) => slice(i)),
  );
  try {
    for (const theme of SCREEN_THEMES) {
      if (theme.file !== 'dark') {
        await pickTheme(wb, theme.name);
        // The chart is drawn again in the theme's colours; the legend is the same.
        await waitFor(`the webview in ${theme.file}`, async () =>
          (await frame.evaluate(() => document.body.className)).includes(
            theme.file === 'high-contrast' ? 'high-contrast' : `vscode-${theme.file}`,
          )
            ? true
            : undefined,
        );
      }
      const tip = await otherTooltip(wb, frame);
      for (let i = 19; i < 120; i++) {
        // The tooltip cuts each name it lists at 40 characters.
        const name = i === 50 ? `${'L'.repeat(40)}…` : slice(i);
        assert.ok(tip.includes(name), `${theme.file}: slice ${i} is named nowhere: ${tip.slice(0, 300)}`);
      }
      assert.match(tip, /Share\s*71\.0%/, tip.slice(0, 200));
      // All of the tooltip inside the panel (vega-tooltip put a wide one left of the pointer, cut at the edge).
      const fits = (await frame.evaluate(
        `(() => { const r = document.querySelector('#vg-tooltip-element').getBoundingClientRect(); return { left: r.left, right: r.right, page: window.innerWidth }; })()`,
      )) as { left: number; right: number; page: number };
      assert.ok(
        fits.left >= 0 && fits.right <= fits.page,
        `${theme.file}: the tooltip is cut: ${JSON.stringify(fits)}`,
      );
      await frame
        .locator('body')
        .screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-117-pie-120-slices-${theme.file}.png`) });
      await wb.page.mouse.move(0, 0);
    }
  } finally {
    await pickTheme(wb, 'Default Dark Modern').catch(() => undefined);
  }
  assert.deepEqual(await crashNotices(wb), []);
}
