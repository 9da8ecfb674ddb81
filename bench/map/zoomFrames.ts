/**
 * A large map's zoom, frame by frame: the shipped map bundle draws a synthetic fleet, is fitted, then
 * the wheel zooms out and back in over the map's middle in steps, each step waited for until drawn.
 * Prints, per fleet size: the frame's drawing (cytoscape's render call, which ends with the label
 * layer's placement and drawing on its 'render' event: one synchronous block, timed in the page;
 * median and 90th percentile over the frames of the gesture), the main thread's CPU per zoom step
 * (Chromium's ThreadTime), the wall time from the wheel event to the frame that shows it, and the
 * labels drawn at the farthest zoom. On a loaded machine the wall times and CPU vary twofold from run
 * to run; the frame's drawing, its median over some 50 frames, much less.
 * Run after `npm run build`: `npx tsx bench/map/zoomFrames.ts [machines...]` (default 600). To compare
 * with another build, run it from a directory whose dist/webview/map.js is that build's.
 */
import type { Page } from 'playwright-core';
import { closeMap, renderMap } from '../../test/map/mapPage';
import { fleetMessage } from './fleet';

type Renderer = { render(o?: unknown): void };
type PageGlobals = {
  __frames?: number[];
  document: {
    getElementById(id: string): {
      _cyreg?: { cy?: { zoom(): number; renderer(): Renderer } };
      dataset: Record<string, string>;
    };
  };
  requestAnimationFrame(f: () => void): void;
};

const STEPS = 12;

async function cpu(
  page: Page,
  cdp: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>,
): Promise<number> {
  void page;
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
}

/** One wheel step, and the wall time until the frame after the map's zoom changed. */
async function step(page: Page, dy: number): Promise<number> {
  const armed = page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const cy = g.document.getElementById('map')._cyreg!.cy!;
    const before = cy.zoom();
    const t = performance.now();
    return new Promise<number>((resolve) => {
      const check = () => {
        if (cy.zoom() !== before) {
          // The frame that draws the new zoom, then the next one: what the user sees has been painted.
          g.requestAnimationFrame(() => g.requestAnimationFrame(() => resolve(performance.now() - t)));
        } else if (performance.now() - t > 5000) {
          resolve(Number.NaN);
        } else {
          g.requestAnimationFrame(check);
        }
      };
      g.requestAnimationFrame(check);
    });
  });
  await page.mouse.wheel(0, dy);
  return armed;
}

const pct = (xs: number[], p: number) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};

async function run(machines: number): Promise<void> {
  const map = await renderMap(fleetMessage(machines, machines * 6), { width: 1400, height: 900 });
  const { page } = map;
  await page.waitForTimeout(1500);
  // tsx names the page functions' inner arrows with a helper the page does not have.
  await page.evaluate('globalThis.__name = (f) => f;');
  const box = (await page.locator('#map').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // Each frame's drawing, timed around cytoscape's render (the label layer draws inside it).
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const cy = g.document.getElementById('map')._cyreg!.cy!;
    const r = cy.renderer();
    const draw = r.render.bind(r);
    g.__frames = [];
    let zoom = cy.zoom();
    // Only the frames that draw a new zoom: cytoscape also calls render on frames with nothing to draw.
    r.render = (o?: unknown) => {
      const t = performance.now();
      draw(o);
      if (cy.zoom() !== zoom) {
        zoom = cy.zoom();
        g.__frames!.push(performance.now() - t);
      }
    };
  });
  const walls: number[] = [];
  const cpuStart = await cpu(page, cdp);
  let farLabels = '';
  for (const dy of [...Array(STEPS).fill(120), ...Array(STEPS).fill(-120)]) {
    walls.push(await step(page, dy));
    if (walls.length === STEPS) {
      await page.waitForTimeout(300);
      farLabels = await page.evaluate(() => {
        const m = (globalThis as unknown as PageGlobals).document.getElementById('map');
        return `${m.dataset.labels ?? '?'} labels at zoom ${m._cyreg!.cy!.zoom().toFixed(3)}`;
      });
    }
  }
  const cpuMs = (await cpu(page, cdp)) - cpuStart;
  const frames = await page.evaluate(() => (globalThis as unknown as PageGlobals).__frames ?? []);
  console.log(
    `${machines} machines: a frame's drawing median ${pct(frames, 0.5).toFixed(1)} ms, p90 ${pct(frames, 0.9).toFixed(1)} ms ` +
      `(${frames.length} frames); CPU per zoom step ${(cpuMs / walls.length).toFixed(1)} ms; wheel → drawn median ` +
      `${pct(walls, 0.5).toFixed(1)} ms, p90 ${pct(walls, 0.9).toFixed(1)} ms; zoomed out: ${farLabels}` +
      (map.problems.length ? `; page problems: ${map.problems.join('; ')}` : ''),
  );
  await closeMap(map);
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  for (const n of sizes.length ? sizes : [600]) {
    await run(n);
  }
}

void main();
