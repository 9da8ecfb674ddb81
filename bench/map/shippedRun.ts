/**
 * One run of the shipped map bundle on a page: posts the host's message and measures, on the page's
 * own clock, (1) time to first picture: message → the first frame cytoscape drew with the graph's
 * nodes; (2) time until the page answers input: a wheel zoom sent by the browser as soon as that
 * picture is seen, handled by the map and drawn; (3) the longest main-thread task (the Long Tasks API)
 * from the message until the final layout is drawn and the page has been quiet for half a second; and
 * (4) time until laid out (the progress note gone); (5) the page's main-thread CPU time (Chromium's
 * ThreadTime) until the picture and until the zoom is answered: on a shared machine wall times grow
 * with the load, the CPU a page spends does not, so candidates are compared by it. The cytoscape instance is read from the registry
 * cytoscape keeps on its container (`_cyreg`), so the map needs no hook for the benchmark.
 */
import type { Page } from 'playwright-core';
import type { MapGraphMessage } from '../../src/protocol/mapMessages';

export interface ShippedRun {
  firstPicture: number;
  answered: number;
  /** When the wheel event reached the page (its timeStamp), so answered − wheeled is the page's own delay. */
  wheeled: number;
  longestTask: number;
  /** Sum of the parts of long tasks past 50 ms (Total Blocking Time) over the same span. */
  blocking: number;
  laidOut: number;
  /** Main-thread CPU time from the message until the first picture, and until the zoom is answered. */
  cpuPicture: number;
  cpuAnswered: number;
  where: string;
  /** The long tasks seen, [start, duration] in ms from the message: the timeline behind the figures. */
  tasks: [number, number][];
}

type Cy = {
  nodes(): { length: number };
  zoom(): number;
  on(e: string, f: () => void): void;
  renderer(): { render(o?: unknown): void };
};
type PageGlobals = {
  __name?: unknown;
  __bench?: {
    start: number;
    picture: Promise<number>;
    answered: Promise<number>;
    wheeled: number;
    done: Promise<{ laidOut: number; tasks: [number, number][]; where: string }>;
  };
  postMessage(m: unknown, o: string): void;
  document: {
    getElementById(id: string): {
      _cyreg?: { cy?: Cy };
      classList: { contains(c: string): boolean };
      getAttribute(n: string): string | null;
    } | null;
  };
  requestAnimationFrame(f: () => void): void;
  addEventListener(type: string, f: (e: { timeStamp: number }) => void, o: { capture: boolean }): void;
  PerformanceObserver: new (
    f: (l: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => { observe(o: { type: string }): void };
};

export async function shippedRun(page: Page, message: MapGraphMessage, withWorker: boolean): Promise<ShippedRun> {
  // tsx names the page functions' inner arrows with a helper the page does not have.
  await page.evaluate(`globalThis.__name = (f) => f;${withWorker ? '' : ' delete globalThis.Worker;'}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu = async (): Promise<number> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
  };
  // The pointer rests over the map's middle before the message, so the gesture is one wheel event.
  const box = await page.locator('#map').boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }
  const cpuStart = await cpu();
  await page.evaluate((msg) => {
    const g = globalThis as unknown as PageGlobals;
    const start = performance.now();
    g.addEventListener(
      'wheel',
      (e: { timeStamp: number }) => {
        g.__bench!.wheeled ||= e.timeStamp - start;
      },
      { capture: true },
    );
    const tasks: [number, number][] = [];
    new g.PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        tasks.push([e.startTime - start, e.duration]);
      }
    }).observe({ type: 'longtask' });
    const map = () => g.document.getElementById('map');
    const busy = () => !g.document.getElementById('busy')?.classList.contains('hidden');
    let pictured: (t: number) => void = () => undefined;
    let answer: (t: number) => void = () => undefined;
    const picture = new Promise<number>((r) => (pictured = r));
    const answered = new Promise<number>((r) => (answer = r));
    let hooked: Cy | undefined;
    let pictureAt = 0;
    const done = new Promise<{ laidOut: number; tasks: [number, number][]; where: string }>((resolve) => {
      let laidOut = 0;
      let lastTaskEnd = 0;
      const frame = () => {
        const now = performance.now() - start;
        const cy = map()?._cyreg?.cy;
        if (cy && cy !== hooked && cy.nodes().length > 0) {
          hooked = cy;
          const zoom = cy.zoom();
          // Each frame drawn, whichever renderer (WebGL draws emit no 'render' event): after the
          // first, the picture is there; after the first zoom, the zoom is answered.
          const renderer = cy.renderer();
          const draw = renderer.render;
          let zoomed = false;
          renderer.render = function (this: unknown, o?: unknown) {
            draw.call(this, o);
            pictureAt ||= performance.now() - start;
            pictured(pictureAt);
            if (zoomed) {
              answer(performance.now() - start);
            }
          };
          cy.on('zoom', () => {
            zoomed ||= cy.zoom() !== zoom;
          });
        }
        if (!laidOut && pictureAt && !busy()) {
          laidOut = now;
        }
        for (const [s, d] of tasks) {
          lastTaskEnd = Math.max(lastTaskEnd, s + d);
        }
        if (laidOut && now - Math.max(laidOut, lastTaskEnd) > 500) {
          resolve({ laidOut, tasks, where: map()?.getAttribute('data-layout') ?? '?' });
        } else {
          g.requestAnimationFrame(frame);
        }
      };
      g.requestAnimationFrame(frame);
    });
    g.__bench = { start, picture, answered, done, wheeled: 0 };
    g.postMessage(msg, '*');
  }, message);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench!.picture);
  const cpuPicture = (await cpu()) - cpuStart;
  // The user's first gesture, as soon as the picture is there: a wheel zoom over the map's middle.
  if (box) {
    await page.mouse.wheel(0, -240);
  }
  const answered = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench!.answered);
  const cpuAnswered = (await cpu()) - cpuStart;
  const done = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench!.done);
  const firstPicture = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench!.picture);
  const wheeled = await page.evaluate(() => (globalThis as unknown as PageGlobals).__bench!.wheeled);
  const spans = done.tasks.filter(([s, d]) => s + d > 0);
  return {
    firstPicture,
    answered,
    wheeled,
    longestTask: Math.max(0, ...spans.map(([, d]) => d)),
    blocking: spans.reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0),
    laidOut: done.laidOut,
    cpuPicture,
    cpuAnswered,
    where: done.where,
    tasks: spans,
  };
}
