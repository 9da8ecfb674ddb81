/**
 * A large map (60+ machines, drawn the large way) keeps its labels useful at every zoom: before, the
 * fit of a wide fleet drew them under cytoscape's smallest size (none at all) or on top of each other.
 * At 60, 200 and 600 machines, fitted, zoomed far out and back in: labels legible (11 px or more),
 * never overlapping, more as the map zooms in; the searched machine and the hovered one are labelled
 * however crowded the map; hostile names stay text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { DomDocument } from '../e2e/browserTypes';
import {
  HOSTILE_NAMES,
  hostileFleetMessage,
  overlappingLabels,
  type PlacedMapLabels,
  placedMapLabels,
} from './largeMapLabels';
import { CHROMIUM, closeMap, MAP_BUNDLE, type RenderedMap, renderMap } from './mapPage';

declare const document: DomDocument;

const canRender = fs.existsSync(CHROMIUM) && fs.existsSync(MAP_BUNDLE);

/** The labels once the drawing has settled: the same boxes twice, a quarter second apart. */
async function settled(page: Page): Promise<PlacedMapLabels> {
  let last = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const now = await page.evaluate(placedMapLabels);
    const key = JSON.stringify(now);
    if (key === last) {
      return now;
    }
    last = key;
  }
  return JSON.parse(last) as PlacedMapLabels;
}

async function press(page: Page, key: string, times: number): Promise<PlacedMapLabels> {
  await page.focus('#map');
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
  }
  return settled(page);
}

function assertUseful(p: PlacedMapLabels, least: number, what: string): void {
  assert.deepEqual(overlappingLabels(p), [], `${what}: overlapping labels`);
  assert.ok(p.boxes.length >= least, `${what}: ${p.boxes.length} labels at zoom ${p.zoom.toFixed(3)}`);
  assert.ok(p.px >= 11, `${what}: labels at ${p.px} px`);
  for (const [id, x1, y1, x2, y2] of p.boxes) {
    assert.ok(x1 >= 0 && y1 >= 0 && x2 <= p.width + 0.5 && y2 <= p.height + 0.5, `${what}: ${id}'s label off the map`);
  }
}

for (const machines of [60, 200, 600]) {
  describe(`a ${machines}-machine map's labels at every zoom`, {
    skip: canRender ? false : 'needs /usr/bin/chromium and `npm run build`',
  }, () => {
    let map: RenderedMap;
    let fitted: PlacedMapLabels;
    before(async () => {
      map = await renderMap(hostileFleetMessage(machines), { width: 1200, height: 800 });
      fitted = await settled(map.page);
    });
    after(async () => closeMap(map));

    test('fitted: legible labels, none overlapping', () => {
      assert.deepEqual(map.problems, []);
      assertUseful(fitted, 15, 'fitted');
    });

    test('zoomed far out, some labels stay; zoomed back in, more show', async () => {
      const out = await press(map.page, '-', 8);
      assert.ok(out.zoom < fitted.zoom * 0.3, `zoom ${out.zoom} from ${fitted.zoom}`);
      assertUseful(out, 8, 'zoomed out');
      // Back in to the fitted zoom (0.8^8 x 1.25^8 = 1): the nodes spread, so more labels fit.
      const near = await press(map.page, '+', 8);
      assertUseful(near, out.boxes.length + 1, 'zoomed back in');
    });

    if (machines === 200) {
      test('a node left unlabelled gets its label under the pointer', async () => {
        const out = await press(map.page, '0', 1);
        const labelled = new Set(out.boxes.map((b) => b[0]));
        const spot = await map.page.evaluate(
          (have) => {
            const el = document.querySelector('#map') as unknown as {
              _cyreg: { cy: { nodes(): { filter(f: (n: never) => boolean): { toArray(): never[] } } } };
              getBoundingClientRect(): { x: number; y: number };
            };
            const free = el._cyreg.cy
              .nodes()
              .filter((n: never) => !have.includes((n as { id(): string }).id()))
              .toArray();
            const n = free[Math.floor(free.length / 2)] as unknown as {
              id(): string;
              renderedPosition(): { x: number; y: number };
            };
            const r = el.getBoundingClientRect();
            return { id: n.id(), x: r.x + n.renderedPosition().x, y: r.y + n.renderedPosition().y };
          },
          [...labelled],
        );
        await map.page.mouse.move(spot.x, spot.y);
        // The node cytoscape finds under the pointer (nodes may overlap): its label is drawn.
        const under = await map.page.waitForFunction(
          () => (document.querySelector('#map') as unknown as { dataset: Record<string, string> }).dataset.hovered,
        );
        const id = String(await under.jsonValue());
        const hovered = await settled(map.page);
        assert.ok(!labelled.has(id) || id === spot.id || labelled.size > 0, id);
        assert.ok(
          hovered.boxes.some((b) => b[0] === id),
          `${id} (pointed at ${spot.id}) labelled under the pointer: ${hovered.boxes.length} labels`,
        );
        assert.deepEqual(overlappingLabels(hovered), []);
        await map.page.mouse.move(2, 2);
      });

      test('the searched machine keeps its label zoomed far out', async () => {
        await map.page.fill('#search', 'host-137');
        await map.page.press('#search', 'Enter');
        await map.page.waitForFunction(
          () =>
            (document.querySelector('#map') as unknown as { dataset: Record<string, string> } | null)?.dataset
              .selected === 'machine:m-137',
        );
        const out = await press(map.page, '-', 8);
        assert.ok(
          out.boxes.some((b) => b[0] === 'machine:m-137'),
          JSON.stringify(out.boxes.slice(0, 5)),
        );
        assertUseful(out, 8, 'searched, zoomed out');
      });
    }

    test('hostile names: text only, nothing run, long ones shortened', async () => {
      const xss = await map.page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss);
      assert.equal(xss, undefined);
      assert.equal(await map.page.locator('#map img, #map script').count(), 0);
      // Drawn on a canvas, shortened: a 300-character name's label is no wider than the others may be.
      const drawn = await settled(map.page);
      for (const [id, x1, , x2] of drawn.boxes) {
        assert.ok(x2 - x1 <= 190, `${id}'s label is ${x2 - x1} px wide`);
      }
      assert.deepEqual(map.problems, []);
    });
  });
}
