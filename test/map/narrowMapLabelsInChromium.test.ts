/**
 * The map in a narrow column (a query opened beside it) still names its nodes: before, the fit's zoom
 * drew labels under cytoscape's min-zoomed-font-size, so none was drawn (QA, scenario 106's last
 * screenshot). Now labels keep a legible size on screen, shortened, the less important left out where
 * they would overlap; resized back wide, they are drawn at their own size as before.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildFleetGraph, type GraphConnection } from '../../src/render/fleetGraph';
import type { DomDocument } from '../e2e/browserTypes';
import { type DrawnLabels, drawnMapLabels } from './drawnMapLabels';
import { CHROMIUM, closeMap, MAP_BUNDLE, type RenderedMap, renderMap, SAMPLE_RANGE } from './mapPage';

const connection = (o: Partial<GraphConnection>): GraphConnection => ({
  machine: 'm-app',
  computer: 'app-v6',
  process: '',
  processName: '',
  remoteIp: 'fd00::2',
  port: 5432,
  protocol: 'tcp',
  remoteMachine: '',
  remoteComputer: '',
  bytesSent: 1,
  bytesReceived: 2,
  linksEstablished: 4,
  linksFailed: 0,
  maliciousIps: [],
  threats: [],
  ...o,
});

/** Scenario 106's fleet: three machines, one unnamed process each, one external endpoint. */
const message = {
  type: 'mapGraph',
  title: 'Dependency map: all machines',
  graph: buildFleetGraph([
    connection({ remoteMachine: 'm-db', remoteComputer: 'db-v6' }),
    connection({ remoteIp: '2001:db8::99', port: 443, linksFailed: 1 }),
    connection({ machine: 'm-db', computer: 'db-v6', remoteIp: 'fd00::1', remoteMachine: 'm-app' }),
    connection({
      machine: 'm-cache',
      computer: 'cache "blue" 東京 01',
      remoteIp: 'fd00::1',
      port: 8080,
      remoteMachine: 'm-app',
      remoteComputer: 'app-v6',
    }),
  ]),
  mode: 'fleet',
  focus: [],
  range: SAMPLE_RANGE,
  window: SAMPLE_RANGE,
};

declare const document: DomDocument;

async function drawn(page: Page): Promise<DrawnLabels> {
  return page.evaluate(drawnMapLabels);
}

/** Resizes the page and waits until the map has refitted to it (labels follow a frame after the zoom). */
async function resizeTo(page: Page, width: number, height: number): Promise<DrawnLabels> {
  await page.setViewportSize({ width, height });
  await page.waitForFunction(
    (w) => Math.abs(document.querySelector('#map')!.getBoundingClientRect().width - w) < 1,
    width,
  );
  return settled(page);
}

/**
 * What the map draws once it has settled: two reads 250 ms apart that agree (at most 15 s). The refit and the
 * relabel that follows it land a frame or more after the resize, later still on a loaded machine: a fixed
 * 400 ms wait read 10.9 px mid-refit once (CI run 35).
 */
async function settled(page: Page): Promise<DrawnLabels> {
  const until = Date.now() + 15_000;
  let last = await drawn(page);
  for (;;) {
    await page.waitForTimeout(250);
    const now = await drawn(page);
    if (JSON.stringify(now) === JSON.stringify(last) || Date.now() > until) {
      return now;
    }
    last = now;
  }
}

const canRender = fs.existsSync(CHROMIUM) && fs.existsSync(MAP_BUNDLE);
describe('the map in a narrow column still names its nodes', {
  skip: canRender ? false : 'needs /usr/bin/chromium and `npm run build`',
}, () => {
  let map: RenderedMap;
  let wide: DrawnLabels;
  before(async () => {
    map = await renderMap(message, { width: 1200, height: 800 });
    // As in scenario 106: the search opens app-v6 and selects its unnamed process (5 nodes).
    await map.page.fill('#search', 'unknown process');
    await map.page.press('#search', 'Enter');
    await map.page.waitForFunction(() => document.querySelector('#map')?.dataset.selected?.startsWith('process:'));
    // The search box's change event (on blur) may centre it once more: then fit, as the Fit button does.
    await map.page.waitForTimeout(800);
    await map.page.click('#fit');
    await map.page.waitForTimeout(400);
    wide = await drawn(map.page);
  });
  after(async () => closeMap(map));

  test('wide: every label at its own size', () => {
    assert.deepEqual(map.problems, []);
    assert.equal(wide.labels, 5, JSON.stringify(wide));
    assert.ok(wide.px >= 12, JSON.stringify(wide));
  });

  for (const width of [330, 240]) {
    test(`${width} px wide: labels legible on screen, not only a canvas`, async () => {
      const narrow = await resizeTo(map.page, width, 860);
      assert.ok(narrow.px >= 11, `labels drawn at ${narrow.px} px`);
      assert.ok(narrow.labels >= 2, `${narrow.labels} labels drawn`);
      // What the page says it drew is on the canvas: each label at 11 px is some 80–150 pixels of the
      // foreground colour (before, 240 px wide drew none at all).
      assert.ok(narrow.textPixels >= 60 * narrow.labels, JSON.stringify(narrow));
    });
  }

  // Which labels overlap at 240 px depends on the layout's random start (2–5 drawn), so this does not
  // require one left out (it did, and failed about one run in three): every node is named either way.
  test('at 240 px the screen-reader list names every node, its label drawn or left out', async () => {
    const narrow = await resizeTo(map.page, 240, 860);
    const nodes = await map.page.evaluate(() => document.querySelector('#shown')?.textContent ?? '');
    for (const name of ['app-v6', 'db-v6', 'cache "blue" 東京 01']) {
      assert.ok(nodes.includes(name), `${name} is in the screen-reader list (${narrow.labels} labels drawn)`);
    }
  });

  test('resized back wide: labels as before', async () => {
    const back = await resizeTo(map.page, 1200, 800);
    assert.equal(back.labels, wide.labels);
    assert.equal(back.px, wide.px);
    assert.ok(back.textPixels >= wide.textPixels * 0.8, `${back.textPixels} vs ${wide.textPixels}`);
  });
});
