import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  declutter,
  fitWithLabels,
  LABEL_MAX_PX,
  LEGIBLE_PX,
  labelScale,
  labelStyle,
  overhang,
  SMALLEST_FONT_PX,
} from '../../webview/map/labelFit';

test('labels keep their own size while legible, and a legible size on screen below that', () => {
  assert.equal(labelScale(1), 1);
  assert.equal(labelScale(LEGIBLE_PX / SMALLEST_FONT_PX), 1);
  for (const zoom of [0.8, 0.37, 0.1, 0]) {
    const onScreen = SMALLEST_FONT_PX * labelScale(zoom) * Math.max(zoom, 1e-3);
    assert.ok(Math.abs(onScreen - LEGIBLE_PX) < 1e-9, `zoom ${zoom}: ${onScreen} px`);
  }
  assert.deepEqual(labelStyle(1, 300), { scale: 1, maxWidth: LABEL_MAX_PX });
  // Narrow: shortened to under half the panel on screen, whatever the zoom.
  const narrow = labelStyle(0.25, 300);
  assert.equal(narrow.maxWidth * 0.25, 126);
  assert.equal(labelStyle(0.25, 100).maxWidth * 0.25, 72, 'never shorter than a few characters');
});

test('the fit leaves room on screen for labels of a fixed size, and centres bodies and labels', () => {
  const bodies = { x1: 0, y1: 0, x2: 1000, y2: 500 };
  const over = { left: 60, right: 20, top: 0, bottom: 20 };
  const vp = fitWithLabels(bodies, over, 330, 400, 20, 1);
  assert.equal(vp.zoom, (330 - 40 - 80) / 1000);
  const screenX = (x: number) => x * vp.zoom + vp.pan.x;
  assert.ok(Math.abs(screenX(0) - 60 - 20) < 1e-9, 'the left label starts at the padding');
  assert.ok(Math.abs(screenX(1000) + 20 - 310) < 1e-9, 'the right label ends at the padding');
  // A panel too small for the labels still gives the bodies a third of it.
  assert.equal(fitWithLabels(bodies, { left: 300, right: 300, top: 0, bottom: 0 }, 330, 400, 20, 1).zoom, 0.11);
  // Never past the zoom where labels are at their own size.
  assert.equal(fitWithLabels({ x1: 0, y1: 0, x2: 10, y2: 10 }, over, 330, 400, 20, 1).zoom, 1);
  assert.deepEqual(overhang(bodies, { x1: -100, y1: 0, x2: 1000, y2: 540 }, 0.5), {
    left: 50,
    right: 0,
    top: 0,
    bottom: 20,
  });
});

test('overlapping labels: the more important kept, a label never hidden by its own node', () => {
  const box = (x: number, y: number, w = 60, h = 14) => ({ x1: x, y1: y, x2: x + w, y2: y + h });
  const labels = [
    { id: 'process', box: box(0, 0), rank: 5 },
    { id: 'machine', box: box(30, 5), rank: 3 },
    { id: 'apart', box: box(200, 0), rank: 5 },
    { id: 'under-a-node', box: box(400, 0), rank: 4 },
  ];
  const bodies = new Map([
    ['machine', box(30, -20, 20, 20)],
    ['other', box(420, 5, 10, 10)],
    ['under-a-node', box(400, -20, 20, 18)],
  ]);
  assert.deepEqual([...declutter(labels, bodies)].sort(), ['process', 'under-a-node']);
  assert.deepEqual([...declutter([], bodies)], []);
  // Equal ranks: the first given wins, so the choice is stable.
  assert.deepEqual([...declutter([labels[0]!, { ...labels[1]!, rank: 5 }], new Map())], ['machine']);
});
