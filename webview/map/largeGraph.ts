/**
 * How the map draws a large graph without holding the page (measured with bench/map/profileMap.ts):
 * the nodes go on screen at once in a placement computed in one pass (no layout, no label
 * measuring), the worker's positions replace it in one batch with the links, the viewport is fitted
 * from the positions (cytoscape's fit measures every label and every curved link's control points),
 * and pan/zoom of a graph with thousands of links draw no links until the gesture ends. No DOM here, so the unit tests check it.
 */
import type { MapView, ViewEdge } from '../../src/render/fleetView';
import { type LayoutNode, layoutRequest, type Position, startPosition } from './layoutJob';

/** From this many nodes, or links, a graph is drawn the large way. */
export const LARGE_NODES = 60;
export const LARGE_EDGES = 300;
/** From this many links, pan and zoom hide the links until the gesture ends. */
const HIDE_EDGES_FROM = 1500;

export function isLarge(view: MapView): boolean {
  return view.nodes.length >= LARGE_NODES || view.edges.length >= LARGE_EDGES;
}

/**
 * Links added per frame once a large graph's positions arrive: styling and drawing all of them in one
 * frame held the page for seconds (300 machines, 1,000–8,600 links); between slices the page answers
 * input. Measured with bench/mapLayout.ts (docs/benchmarks.md, map figures).
 */
export const EDGE_SLICE = 300;

/**
 * At most this many slices: each frame redraws the links already there, so 8,600 links in slices of
 * 300 took 29 frames and twice the time of one frame with all of them.
 */
export const MAX_SLICES = 6;

export function sliceSize(edges: number): number {
  return Math.max(EDGE_SLICE, Math.ceil(edges / MAX_SLICES));
}

/**
 * A large graph's links in the slices they are added in: what a reader looks for first (malicious,
 * changed, failing), then the heaviest, so the first frames already show the map's main roads.
 */
export function edgeSlices(edges: readonly ViewEdge[], size = sliceSize(edges.length)): ViewEdge[][] {
  const rank = (e: ViewEdge) => (e.malicious ? 3 : 0) + (e.change ? 2 : 0) + (e.failing ? 1 : 0);
  const ordered = edges
    .map((e, i) => [e, i] as const)
    .sort(([a, i], [b, j]) => rank(b) - rank(a) || b.width - a.width || i - j)
    .map(([e]) => e);
  const slices: ViewEdge[][] = [];
  for (let i = 0; i < ordered.length; i += Math.max(1, size)) {
    slices.push(ordered.slice(i, i + Math.max(1, size)));
  }
  return slices;
}

/** Cytoscape's renderer options for a graph of this size. */
export function rendererOptions(view: MapView): {
  textureOnViewport: boolean;
  hideEdgesOnViewport: boolean;
  motionBlur: boolean;
} {
  return {
    // Not a snapshot for pan/zoom: building it redraws the whole graph when the first gesture starts
    // (1.2 s of a 300-machine map under load, the gesture's answer waiting on it); cytoscape's layer
    // cache, built with the first picture, already makes a zoom cheap.
    textureOnViewport: false,
    hideEdgesOnViewport: view.edges.length >= HIDE_EDGES_FROM,
    motionBlur: false,
  };
}

/**
 * Where each node goes before the layout answers: where it was, next to its parent, or — top-level
 * nodes new on screen — row by row in a grid of cells as big as the largest node with its label, in a
 * square-ish block, most-linked first (the likely hubs at the top left, where a reader starts).
 */
export function quickPlacement(view: MapView, previous: Readonly<Record<string, Position>>): Record<string, Position> {
  const boxes = new Map<string, LayoutNode>(layoutRequest(0, view, {}).nodes.map((n) => [n.id, n]));
  const degree = new Map<string, number>();
  for (const e of view.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
  }
  const parentOf = new Map(view.nodes.map((n) => [n.id, n.parent]));
  const topOf = (id: string): string => {
    let at = id;
    for (let p = parentOf.get(at); p; p = parentOf.get(at)) {
      at = p;
    }
    return at;
  };
  // A collapsed node carries its links; an expanded one's are on its children: count them for it.
  const weight = new Map<string, number>();
  for (const [id, d] of degree) {
    const top = topOf(id);
    weight.set(top, (weight.get(top) ?? 0) + d);
  }
  const top = view.nodes.filter((n) => !n.parent && !previous[n.id]);
  top.sort((a, b) => (weight.get(b.id) ?? 0) - (weight.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
  let cellW = 0;
  let cellH = 0;
  for (const n of top) {
    const box = boxes.get(n.id)!;
    cellW = Math.max(cellW, box.w);
    cellH = Math.max(cellH, box.h);
  }
  cellW += 24;
  cellH += 24;
  // Columns so the block is about as wide as a 16:10 panel.
  const cols = Math.max(1, Math.ceil(Math.sqrt((top.length * 1.6 * cellH) / cellW)));
  const at: Record<string, Position> = {};
  top.forEach((n, i) => {
    at[n.id] = { x: (i % cols) * cellW, y: Math.floor(i / cols) * cellH };
  });
  const known = { ...at, ...previous };
  // Each child's place in its parent's spiral: its rank among its siblings, so the spiral stays tight.
  const siblings = new Map<string, number>();
  for (const n of view.nodes) {
    if (!at[n.id]) {
      const rank = n.parent ? (siblings.get(n.parent) ?? 0) : 0;
      if (n.parent) {
        siblings.set(n.parent, rank + 1);
      }
      at[n.id] = startPosition(known, n.id, n.parent, rank) ?? { x: 0, y: 0 };
      known[n.id] = at[n.id]!;
    }
  }
  return at;
}

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The zoom and pan that show `box` (model coordinates) in a `width` × `height` panel with `padding`
 * pixels around, never past `maxZoom` (where labels are drawn at their own size): centred.
 */
export function viewportToFit(
  box: Box,
  width: number,
  height: number,
  padding: number,
  maxZoom: number,
): { zoom: number; pan: Position } {
  const w = Math.max(1, box.x2 - box.x1);
  const h = Math.max(1, box.y2 - box.y1);
  const zoom = Math.max(1e-3, Math.min(maxZoom, (width - 2 * padding) / w, (height - 2 * padding) / h));
  return {
    zoom,
    pan: { x: width / 2 - zoom * (box.x1 + w / 2), y: height / 2 - zoom * (box.y1 + h / 2) },
  };
}

/** The box around node bodies (centre ± half size) plus room for a label under each. */
export function nodesBox(nodes: Iterable<{ x: number; y: number; w: number; h: number }>, labelRoom = 22): Box {
  const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (const n of nodes) {
    box.x1 = Math.min(box.x1, n.x - n.w / 2);
    box.x2 = Math.max(box.x2, n.x + n.w / 2);
    box.y1 = Math.min(box.y1, n.y - n.h / 2);
    box.y2 = Math.max(box.y2, n.y + n.h / 2 + labelRoom);
  }
  return Number.isFinite(box.x1) ? box : { x1: 0, y1: 0, x2: 0, y2: 0 };
}
