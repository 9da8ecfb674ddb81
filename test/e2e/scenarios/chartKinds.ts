/**
 * Scenario 16: every chart kind the render operator names draws, with the marks of its kind: lines
 * for time and line charts, areas, bars (rects) for column, stacked column and bar charts, arcs for a
 * pie, points (symbols) for a scatter chart, one line pane per machine for ysplit=panels. The marks
 * are read from what Vega drew (the chart's aria-label names them); the canvas must hold a picture.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DomCanvas, DomDocument } from '../browserTypes';
import { crashNotices, resultsFrame } from '../resultsPanel';
import { runBlock } from '../queryFile';
import { SCREENSHOT_DIR, waitFor, type Workbench } from '../workbench';

declare const document: DomDocument;

const FILE = 'chart-kinds.kql';

/** Heading in chart-kinds.kql → the visualization the chart note names and the marks drawn. */
const KINDS: readonly { heading: string; visualization: string; marks: string; file: string }[] = [
  { heading: 'timechart', visualization: 'timechart', marks: 'line', file: 'timechart' },
  { heading: 'linechart', visualization: 'linechart', marks: 'line', file: 'linechart' },
  { heading: 'areachart', visualization: 'areachart', marks: 'area', file: 'areachart' },
  { heading: 'columnchart', visualization: 'columnchart', marks: 'rect', file: 'columnchart' },
  { heading: 'stacked columnchart', visualization: 'columnchart', marks: 'rect', file: 'columnchart-stacked' },
  { heading: 'barchart', visualization: 'barchart', marks: 'rect', file: 'barchart' },
  { heading: 'piechart', visualization: 'piechart', marks: 'arc', file: 'piechart' },
  { heading: 'scatterchart', visualization: 'scatterchart', marks: 'symbol', file: 'scatterchart' },
  { heading: 'ysplit panels', visualization: 'timechart', marks: 'line', file: 'ysplit-panels' },
];

interface DrawnChart {
  readonly note: string;
  readonly marks: string;
  readonly label: string;
  readonly colours: number;
  readonly width: number;
  readonly height: number;
}

export async function chartKindsScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile(FILE);
  let previous = '';
  for (const kind of KINDS) {
    await runBlock(wb, workspace, FILE, `// ${kind.heading}`);
    const frame = await resultsFrame(wb, 60_000);
    // A run replaces the chart: wait for this query's (its row count differs from the last one's status).
    const drawn = await waitFor(
      `the ${kind.heading} chart`,
      async () => {
        const d = await frame.evaluate((): DrawnChart | undefined => {
          const host = document.querySelector('.chart-host');
          const canvas = host?.querySelector('canvas') as DomCanvas | null | undefined;
          const marks = host?.getAttribute('data-marks');
          if (!host || !canvas || !marks || canvas.width === 0) {
            return undefined;
          }
          const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
          const seen = new Set<number>();
          for (let i = 0; data && i < data.length && seen.size < 60; i += 4 * 5) {
            seen.add(((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!) >>> 0);
          }
          const status = document.querySelector('.status')?.textContent ?? '';
          return {
            note: `${document.querySelector('.chart-note')?.textContent ?? ''} | ${status}`,
            marks,
            label: host.getAttribute('aria-label') ?? '',
            colours: seen.size,
            width: canvas.width,
            height: canvas.height,
          };
        });
        return d && d.note !== previous && !/Running/.test(d.note) && d.note.startsWith(kind.visualization)
          ? d
          : undefined;
      },
      60_000,
    );
    previous = drawn.note;
    assert.equal(drawn.marks, kind.marks, `${kind.heading}: Vega drew ${drawn.marks} marks (${drawn.label})`);
    assert.ok(drawn.colours > 5, `${kind.heading}: the canvas is nearly blank (${drawn.colours} colours)`);
    assert.ok(drawn.width > 200 && drawn.height > 100, `${kind.heading}: the canvas is ${drawn.width}×${drawn.height}`);
    await frame.locator('.chart-host').screenshot({ path: path.join(SCREENSHOT_DIR, `e2e-16-chart-${kind.file}.png`) });
  }
  await wb.screenshot(16, 'chart-kinds-last');
  assert.deepEqual(await crashNotices(wb), []);
}
