/**
 * Scenario 13: `render timechart with (ysplit=panels)` draws one pane per machine inside the panel,
 * undistorted (the canvas is shown at the size it was drawn).
 */
import assert from 'node:assert/strict';
import type { DomCanvas, DomDocument } from '../browserTypes';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { waitFor, type Workbench } from '../workbench';

declare const document: DomDocument;

export async function panelsChartScenario(wb: Workbench): Promise<void> {
  await wb.openFile('charts.kql');
  await wb.goTo(2);
  await wb.page.keyboard.press('Shift+Enter');
  const frame = await resultsFrame(wb, 60_000);
  const shown = await waitFor(
    'the ysplit=panels chart',
    async () =>
      frame.evaluate(() => {
        const canvas = document.querySelector('.chart-host canvas') as
          | (DomCanvas & { clientWidth: number; clientHeight: number })
          | null;
        const host = document.querySelector('.chart-host');
        if (!canvas || !host || canvas.width === 0) {
          return undefined;
        }
        const box = host.getBoundingClientRect();
        return {
          width: canvas.width,
          height: canvas.height,
          clientWidth: canvas.clientWidth,
          clientHeight: canvas.clientHeight,
          hostWidth: box.width,
          hostHeight: box.height,
        };
      }),
    60_000,
  );
  const ratio = scales(shown);
  assert.ok(
    Math.abs(ratio.sx - ratio.sy) < 0.02,
    `the chart is stretched: drawn ${shown.width}×${shown.height}, shown ${shown.clientWidth}×${shown.clientHeight}`,
  );
  assert.ok(
    shown.clientHeight <= shown.hostHeight + 1 && shown.clientWidth <= shown.hostWidth + 1,
    `the chart (${shown.clientWidth}×${shown.clientHeight}) overflows its ${shown.hostWidth}×${shown.hostHeight} panel`,
  );
  await wb.screenshot(13, 'timechart-ysplit-panels');
  assert.deepEqual(await crashNotices(wb), []);
}

function scales(s: { width: number; height: number; clientWidth: number; clientHeight: number }): {
  sx: number;
  sy: number;
} {
  return { sx: s.clientWidth / s.width, sy: s.clientHeight / s.height };
}
