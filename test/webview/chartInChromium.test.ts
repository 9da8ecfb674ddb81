/**
 * Charts drawn by the built results webview in Chromium, read back from the screen (the canvas's
 * shown size) and from the SVG the panel exports (axis labels, marks, legend colours).
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { ResultTable } from '../../src/results/queryResult';
import {
  drawChart,
  hourlySeries,
  openResultsPage,
  type ResultsPage,
  resultMessage,
  SKIP_WITHOUT_CHROMIUM,
} from './resultsPage';

/** The chart as the panel's Export SVG (or PNG, a data URL) button saves it. */
async function exportedSvg(p: ResultsPage, format: 'SVG' | 'PNG' = 'SVG'): Promise<string> {
  await p.page.locator('vscode-button', { hasText: `Export ${format}` }).click();
  for (let i = 0; i < 100; i++) {
    const image = (await p.posted()).filter((m) => m.type === 'exportImage').at(-1);
    if (image) {
      await p.page.evaluate('window.__posted.length = 0');
      return String(image.data);
    }
    await p.page.waitForTimeout(50);
  }
  throw new Error(`Export ${format} posted nothing`);
}

/**
 * The top-left pixel of a PNG as [r, g, b, a]. On the first scanline every PNG filter leaves the first
 * pixel's bytes as they are (there is nothing to the left or above), so no unfiltering is needed.
 */
function firstPixel(png: Buffer): number[] {
  assert.equal(png.readUInt32BE(12), 0x49484452, 'no IHDR');
  assert.deepEqual([png[24], png[25]], [8, 6], 'not 8-bit RGBA');
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return [...inflateSync(Buffer.concat(idat)).subarray(1, 5)];
}

describe('charts in Chromium', { skip: SKIP_WITHOUT_CHROMIUM }, () => {
  let p: ResultsPage;
  before(async () => {
    p = await openResultsPage({ width: 900, height: 700 });
  });
  after(async () => p.close());

  test('ysplit=panels fits the panel without stretching the canvas', async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01', 'acme-sql01', 'acme-app01'], 24, (s, t) => (s + 1) * 1000 + t * 10),
      { visualization: 'timechart', ysplit: 'panels' },
    );
    const shown = await p.page
      .locator('.chart-host canvas')
      .evaluate((c: { width: number; height: number; clientWidth: number; clientHeight: number }) => ({
        width: c.width,
        height: c.height,
        clientWidth: c.clientWidth,
        clientHeight: c.clientHeight,
      }));
    const sx = shown.clientWidth / shown.width;
    const sy = shown.clientHeight / shown.height;
    assert.ok(
      Math.abs(sx - sy) < 0.02,
      `the canvas is stretched: ${shown.width}×${shown.height} shown at ${shown.clientWidth}×${shown.clientHeight}`,
    );
    const host = (await p.page.locator('.chart-host').boundingBox())!;
    assert.ok(
      shown.clientHeight <= host.height && shown.clientWidth <= host.width,
      `the chart (${shown.clientWidth}×${shown.clientHeight}) overflows its ${host.width}×${host.height} panel`,
    );
    assert.ok(shown.clientWidth > host.width * 0.6, `the chart uses ${shown.clientWidth} of ${host.width} px`);
  });

  test('a count axis has whole-number ticks', async () => {
    const ports: ResultTable = {
      name: 'PrimaryResult',
      columns: [
        { name: 'Computer', type: 'string' },
        { name: 'Ports', type: 'long' },
      ],
      rows: [
        ['acme-web01', 2],
        ['acme-sql01', 1],
        ['acme-app01', 3],
        ['acme-dc01', 2],
      ],
    };
    await drawChart(p, ports, { visualization: 'columnchart' });
    const labels = [...(await exportedSvg(p)).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    const numbers = labels.filter((l) => /^-?[\d.,]+$/.test(l));
    assert.ok(numbers.length >= 2, `no numeric axis labels in ${labels.join(' | ')}`);
    assert.deepEqual(
      numbers.filter((l) => l.includes('.')),
      [],
      `fractional ticks on a count axis: ${numbers.join(', ')}`,
    );
  });

  test('a timechart with one point per series draws the points', async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01', 'acme-sql01'], 1, (s) => s + 5),
      { visualization: 'timechart' },
    );
    const svg = await exportedSvg(p);
    const symbols = svg.match(/class="mark-symbol[^"]*"[\s\S]*?<\/g>/)?.[0] ?? '';
    assert.ok((symbols.match(/<path/g) ?? []).length >= 2, 'the one-point series are not drawn');
  });

  test('29 series get 29 colours, and a legend click isolates one', async () => {
    const names = Array.from({ length: 29 }, (_, i) => `client-${String(i).padStart(2, '0')}`);
    await drawChart(
      p,
      hourlySeries(names, 6, (s, t) => s * 10 + t),
      { visualization: 'timechart' },
    );
    const svg = await exportedSvg(p);
    const legend = svg.slice(svg.indexOf('role-legend'));
    const fills = new Set(
      [...legend.matchAll(/role-legend-symbol[^>]*>\s*<path[^>]*(?:stroke|fill)="([^"]+)"/g)].map((m) => m[1]),
    );
    assert.ok(fills.size >= 29, `the legend has ${fills.size} distinct colours for 29 series`);
    const box = (await p.page.locator('.chart-host canvas').boundingBox())!;
    // The first legend entry: top right, below the legend title.
    await p.page.mouse.click(box.x + box.width - 60, box.y + 30);
    const after = await exportedSvg(p);
    assert.match(after, /opacity="0\.12"/, 'clicking a legend entry dimmed no series');
  });

  test('a pie of 120 slices: 19 legend entries and "Other (101 slices)", whose tooltip names each slice it holds', async () => {
    const names = Array.from({ length: 120 }, (_, i) =>
      i === 3 ? '<script>alert(1)</script>' : i === 4 ? 'שרת-RTL' : i === 50 ? 'L'.repeat(2000) : `proc-${i}`,
    );
    const table: ResultTable = {
      name: 'PrimaryResult',
      columns: [
        { name: 'Process', type: 'string' },
        { name: 'Count', type: 'long' },
      ],
      rows: names.map((n, i) => [n, 120 - i]),
    };
    // A narrow panel, as beside an editor: a tall tooltip fits neither above nor below the pointer there.
    await p.page.setViewportSize({ width: 546, height: 700 });
    await drawChart(p, table, { visualization: 'piechart' });
    const legend = ((await p.page.locator('.chart-host').getAttribute('data-legend-labels')) ?? '').split(' | ');
    assert.equal(legend.length, 20, legend.join(' | '));
    assert.ok(!legend.some((l) => /entries/.test(l)), 'a "…n entries" line');
    assert.equal(legend.at(-1), 'Other (101 slices)');
    assert.ok(legend.includes('<script>alert(1)</script>') && legend.includes('שרת-RTL'));
    // The Other slice is 71% of the pie, drawn last (clockwise up to 12 o'clock): all of its left half.
    const box = (await p.page.locator('.chart-host canvas').boundingBox())!;
    let tip = '';
    for (let x = box.x + 20; x < box.x + box.width / 2 && !tip.includes('Other'); x += 15) {
      await p.page.mouse.move(x, box.y + box.height / 2);
      await p.page.waitForTimeout(30);
      tip = String(await p.page.evaluate(`document.querySelector('#vg-tooltip-element.visible')?.textContent ?? ''`));
    }
    assert.match(tip, /Other \(101 slices\)/);
    for (let i = 19; i < 120; i++) {
      const shown = i === 50 ? `${'L'.repeat(40)}…` : `proc-${i}`;
      assert.ok(tip.includes(shown), `slice ${i} is not named in the tooltip`);
    }
    // Markup in a name stays text: the tooltip made no element of it.
    assert.equal(await p.page.locator('#vg-tooltip-element script').count(), 0);
    const box2 = (await p.page.evaluate(
      `(() => { const r = document.querySelector('#vg-tooltip-element').getBoundingClientRect(); return { width: r.width, left: r.left, right: r.right, page: window.innerWidth }; })()`,
    )) as { width: number; left: number; right: number; page: number };
    // 520 px of text at most, with its padding and border, and all of it inside the panel.
    assert.ok(box2.width <= 540, `the tooltip is ${box2.width}px wide`);
    assert.ok(box2.left >= 0 && box2.right <= box2.page, `the tooltip is cut: ${JSON.stringify(box2)}`);
    await p.page.mouse.move(0, 0);
    await p.page.setViewportSize({ width: 900, height: 700 });
  });

  test("Export PNG and SVG carry the theme's background: a dark chart is not transparent in a light viewer", async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01'], 6, (_, t) => t),
      { visualization: 'timechart' },
    );
    const png = await exportedSvg(p, 'PNG');
    // The dark test theme's editor background, #1f1f1f, opaque.
    assert.deepEqual(firstPixel(Buffer.from(png.slice(png.indexOf(',') + 1), 'base64')), [0x1f, 0x1f, 0x1f, 255]);
    assert.match(await exportedSvg(p), /<rect[^>]*fill="#1f1f1f"/);
  });

  test('a panel resized while the Results tab is shown draws its chart at the new size when Chart is shown', async () => {
    await drawChart(
      p,
      hourlySeries(['acme-web01', 'acme-sql01'], 12, (s, t) => s * 100 + t),
      { visualization: 'timechart' },
    );
    const canvasSize = () =>
      p.page.locator('.chart-host canvas').evaluate((c: { clientWidth: number; clientHeight: number }) => ({
        width: c.clientWidth,
        height: c.clientHeight,
      }));
    const wideWidth = (await canvasSize()).width;
    await p.page.locator('vscode-tab-header', { hasText: 'Results' }).click();
    await p.page.setViewportSize({ width: 500, height: 450 });
    await p.page.waitForTimeout(300);
    await p.page.locator('vscode-tab-header', { hasText: 'Chart' }).click();
    let shown = await canvasSize();
    for (let i = 0; i < 40 && (shown.width === 0 || shown.width === wideWidth); i++) {
      await p.page.waitForTimeout(50);
      shown = await canvasSize();
    }
    const host = (await p.page.locator('.chart-host').boundingBox())!;
    await p.page.setViewportSize({ width: 900, height: 700 });
    assert.ok(
      shown.width > host.width * 0.8 &&
        shown.width <= host.width &&
        shown.height > host.height * 0.8 &&
        shown.height <= host.height,
      `the chart is ${shown.width}×${shown.height} in its ${host.width}×${host.height} panel`,
    );
  });

  test('a render the result cannot draw says why above the grid, which still shows the rows', async () => {
    const strings: ResultTable = {
      name: 'PrimaryResult',
      columns: [
        { name: 'Computer', type: 'string' },
        { name: 'Note', type: 'string' },
      ],
      rows: [
        ['vm1', 'a'],
        ['vm2', 'b'],
      ],
    };
    // Before, the panel opened on the grid in silence: the reason sat on the Chart tab, never opened.
    for (const visualization of ['timechart', 'piechart']) {
      await p.post(resultMessage(strings, { visualization }));
      const notice = p.page.locator('.chart-missing');
      assert.equal(await notice.isVisible(), true, `no notice for render ${visualization}`);
      assert.match(
        (await notice.textContent()) ?? '',
        new RegExp(`render ${visualization}": .*(needs|no numeric column)`),
      );
      assert.equal(await p.page.locator('.grid-body [role=row]:visible').count(), 2);
    }
    // A result that charts, or one without render, shows no such notice.
    await p.post(resultMessage(strings));
    assert.equal(await p.page.locator('.chart-missing').isVisible(), false);
    await drawChart(
      p,
      hourlySeries(['vm1'], 3, (_s, t) => t),
      { visualization: 'timechart' },
    );
    assert.equal(await p.page.locator('.chart-missing').isVisible(), false);
  });

  test('no page errors or CSP violations', async () => {
    assert.deepEqual(await p.problems(), []);
  });
});
