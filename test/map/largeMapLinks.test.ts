import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fleetMessage } from '../../bench/map/fleet';
import { visibleGraph } from '../../src/render/fleetView';
import { EDGE_SLICE, isLarge } from '../../webview/map/largeGraph';
import { CHROMIUM, closeMap, MAP_BUNDLE, type RenderedMap, renderMap } from './mapPage';

const canRender = fs.existsSync(CHROMIUM) && fs.existsSync(MAP_BUNDLE);

type Cy = { edges(): { length: number; map<T>(f: (e: { id(): string }) => T): T[] } };

describe('a large map gets all its links, a slice a frame', {
  skip: canRender ? false : 'needs /usr/bin/chromium and `npm run build`',
}, () => {
  const message = fleetMessage(100, 1000);
  const view = visibleGraph(message.graph, {
    mode: 'fleet',
    focus: [],
    expanded: new Set(),
    grown: new Set(),
    weight: 'links',
    externals: true,
  });
  let map: RenderedMap;
  before(async () => {
    map = await renderMap(message, { width: 1200, height: 800 });
  });
  after(async () => closeMap(map));

  test('every link of the view is drawn once the progress note is gone, and the map is not dimmed', async () => {
    assert.ok(
      isLarge(view) && view.edges.length > 2 * EDGE_SLICE,
      'the fleet should be drawn the large way, in slices',
    );
    assert.deepEqual(map.problems, []);
    const ids = await map.page.evaluate(() => {
      const el = (
        globalThis as unknown as { document: { getElementById(id: string): unknown } }
      ).document.getElementById('map') as { _cyreg: { cy: Cy } };
      return el._cyreg.cy.edges().map((e) => e.id());
    });
    assert.equal(ids.length, view.edges.length);
    assert.deepEqual(new Set(ids), new Set(view.edges.map((e) => e.id)));
    assert.equal(await map.page.getAttribute('#map', 'class').then((c) => /pending/.test(c ?? '')), false);
  });
});
