import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MapView, ViewEdge, ViewNode } from '../../src/render/fleetView';
import {
  EDGE_SLICE,
  edgeSlices,
  isLarge,
  MAX_SLICES,
  nodesBox,
  quickPlacement,
  rendererOptions,
  sliceSize,
  viewportToFit,
} from '../../webview/map/largeGraph';
import { layoutOptions } from '../../webview/map/layoutJob';

function node(id: string, parent?: string): ViewNode {
  return {
    id,
    kind: parent ? 'process' : 'machine',
    label: id,
    ...(parent ? { parent } : {}),
    detail: id,
    seed: false,
    malicious: false,
    failed: false,
    expandable: !parent,
    expanded: false,
  };
}

function edge(source: string, target: string): ViewEdge {
  return {
    id: `${source}->${target}`,
    source,
    target,
    links: 1,
    failed: 0,
    bytes: 0,
    ports: [],
    malicious: false,
    failing: false,
    width: 1,
    tooltip: '',
  };
}

function fleet(machines: number, edges: [number, number][] = []): MapView {
  return {
    nodes: Array.from({ length: machines }, (_, i) => node(`m${i}`)),
    edges: edges.map(([a, b]) => edge(`m${a}`, `m${b}`)),
    hidden: 0,
  };
}

describe('large map graphs', () => {
  test('large from 60 nodes or 300 links; only thousands of links are hidden while panning', () => {
    assert.equal(isLarge(fleet(59)), false);
    assert.equal(isLarge(fleet(60)), true);
    const dense = fleet(
      30,
      Array.from({ length: 300 }, (_, i) => [i % 30, (i * 7 + 1) % 30] as [number, number]),
    );
    assert.equal(isLarge(dense), true);
    assert.equal(rendererOptions(fleet(300)).textureOnViewport, false);
    assert.equal(rendererOptions(fleet(300)).hideEdgesOnViewport, false);
    const many = Array.from({ length: 1500 }, (_, i) => [i % 300, (i * 7 + 1) % 300] as [number, number]);
    assert.equal(rendererOptions(fleet(300, many)).hideEdgesOnViewport, true);
  });

  test('the first placement puts every node in its own cell, the most linked first, and keeps known positions', () => {
    const view = fleet(100, [
      [7, 1],
      [7, 2],
      [7, 3],
      [2, 3],
    ]);
    const at = quickPlacement(view, { m50: { x: -999, y: -999 } });
    assert.equal(Object.keys(at).length, 100);
    assert.deepEqual(at.m50, { x: -999, y: -999 });
    const cells = new Set(Object.values(at).map((p) => `${p.x},${p.y}`));
    assert.equal(cells.size, 100, 'two nodes share a cell');
    assert.deepEqual(at.m7, { x: 0, y: 0 }, 'the most linked machine is not first');
    const xs = Object.values(at).map((p) => p.x);
    const ys = Object.values(at).map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs.filter((x) => x > -999));
    const height = Math.max(...ys) - Math.min(...ys.filter((y) => y > -999));
    assert.ok(width > height && width < 3 * height, `block ${width} × ${height} is not panel-shaped`);
  });

  test('children of an open machine start around it, not on one point', () => {
    const view: MapView = {
      nodes: [...fleet(70).nodes, node('m3/p1', 'm3'), node('m3/p2', 'm3')],
      edges: [],
      hidden: 0,
    };
    const at = quickPlacement(view, {});
    assert.notDeepEqual(at['m3/p1'], at['m3/p2']);
    assert.ok(Math.hypot(at['m3/p1']!.x - at.m3!.x, at['m3/p1']!.y - at.m3!.y) < 60);
  });

  test('the fitted viewport shows the whole box, centred, never past zoom 1', () => {
    const box = nodesBox([
      { x: 0, y: 0, w: 40, h: 30 },
      { x: 2000, y: 1000, w: 40, h: 30 },
    ]);
    assert.deepEqual(box, { x1: -20, y1: -15, x2: 2020, y2: 1037 });
    const vp = viewportToFit(box, 1400, 900, 30, 1);
    const screen = (x: number, y: number) => ({ x: x * vp.zoom + vp.pan.x, y: y * vp.zoom + vp.pan.y });
    const tl = screen(box.x1, box.y1);
    const br = screen(box.x2, box.y2);
    assert.ok(tl.x >= 29.9 && tl.y >= 29.9 && br.x <= 1370.1 && br.y <= 870.1, JSON.stringify({ tl, br }));
    assert.ok(Math.abs(tl.x + br.x - 1400) < 0.01 && Math.abs(tl.y + br.y - 900) < 0.01, 'not centred');
    assert.equal(viewportToFit(nodesBox([{ x: 5, y: 5, w: 40, h: 30 }]), 1400, 900, 30, 1).zoom, 1);
  });

  test('the worker refines every layout; only the page settles for the draft of a large graph', () => {
    const opts = (nodes: number, keep: boolean, onPage: boolean) =>
      layoutOptions(nodes, keep, onPage) as unknown as { quality: string; randomize: boolean };
    assert.equal(opts(310, false, false).quality, 'default');
    assert.equal(opts(310, false, false).randomize, true);
    assert.equal(opts(310, true, false).randomize, false);
    assert.equal(opts(310, false, true).quality, 'draft');
    assert.equal(opts(20, false, true).quality, 'default');
  });

  test('links come in a few slices, each link once, what a reader looks for and the heaviest first', () => {
    const plain = Array.from({ length: 1000 }, (_, i) => ({ ...edge(`m${i}`, `m${i + 1}`), width: 1 + (i % 5) }));
    const failing = { ...edge('a', 'b'), failing: true, width: 1 };
    const changed = { ...edge('c', 'd'), change: 'new' as const, width: 1 };
    const malicious = { ...edge('e', 'f'), malicious: true, width: 1 };
    const slices = edgeSlices([...plain, failing, changed, malicious]);
    assert.deepEqual(
      slices.map((s) => s.length),
      [EDGE_SLICE, EDGE_SLICE, EDGE_SLICE, 1003 - 3 * EDGE_SLICE],
    );
    const all = slices.flat();
    assert.equal(new Set(all.map((e) => e.id)).size, 1003);
    assert.deepEqual(
      all.slice(0, 3).map((e) => e.id),
      [malicious.id, changed.id, failing.id],
    );
    // Then by width, heaviest first; equal widths keep the view's order.
    const widths = all.slice(3).map((e) => e.width);
    assert.deepEqual(
      widths,
      [...widths].sort((a, b) => b - a),
    );
    assert.equal(all[3]!.id, plain[4]!.id);
  });

  test('thousands of links are cut into at most a few slices; a small graph is one', () => {
    assert.equal(sliceSize(100), EDGE_SLICE);
    assert.equal(sliceSize(8600), Math.ceil(8600 / MAX_SLICES));
    const many = Array.from({ length: 8600 }, (_, i) => edge(`m${i}`, `n${i}`));
    assert.equal(edgeSlices(many).length, MAX_SLICES);
    assert.equal(edgeSlices(many.slice(0, 120)).length, 1);
    assert.deepEqual(edgeSlices([]), []);
  });
});
