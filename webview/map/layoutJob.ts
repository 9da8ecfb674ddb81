/**
 * What the map's layout worker is asked and answers, and how a view becomes a layout job. Shared by
 * the page and the worker (no DOM here): the worker runs cytoscape headless, where labels cannot be
 * measured, so each node's box is estimated here with its label (13 px font, label under the node).
 */
import type cytoscape from 'cytoscape';
import type { MapView, ViewNodeKind } from '../../src/render/fleetView';

export interface Position {
  x: number;
  y: number;
}

export interface LayoutNode {
  readonly id: string;
  readonly parent?: string;
  /** Box including the label; ignored for expanded (compound) nodes, which fit their children. */
  readonly w: number;
  readonly h: number;
}

export interface LayoutRequest {
  readonly job: number;
  readonly nodes: readonly LayoutNode[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string }[];
  /** Where nodes still on screen were: the layout starts from there so the map stays put. */
  readonly previous: Readonly<Record<string, Position>>;
}

export type LayoutReply =
  | { readonly job: number; readonly ok: true; readonly positions: Record<string, Position>; readonly ms: number }
  | { readonly job: number; readonly ok: false; readonly error: string };

const NODE_BOX: Record<ViewNodeKind, [number, number]> = {
  machine: [38, 28],
  process: [22, 22],
  group: [30, 26],
  endpoint: [22, 22],
};
/** Average advance of a 13 px sans-serif character, and the label's cap (styles.ts: text-max-width). */
const CHAR_PX = 7.2;
const LABEL_MAX_PX = 260;
const LABEL_LINE_PX = 21;

export function layoutRequest(job: number, view: MapView, previous: Readonly<Record<string, Position>>): LayoutRequest {
  return {
    job,
    nodes: view.nodes.map((n) => {
      const [w, h] = NODE_BOX[n.kind];
      return {
        id: n.id,
        ...(n.parent ? { parent: n.parent } : {}),
        w: Math.max(w, Math.min(LABEL_MAX_PX, n.label.length * CHAR_PX + 4)),
        h: h + LABEL_LINE_PX,
      };
    }),
    edges: view.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    previous,
  };
}

/**
 * fcose's options for a graph of this size, laid out in the worker or on the page. 'draft' quality
 * (spectral placement only) is 2–3× faster than 'default' from 100 nodes on (bench/mapLayout.ts) but
 * leaves a large graph's nodes piled on each other (310 machines in a 430 px square), so it is used
 * only where the page would wait for it (no worker); the worker, which holds nothing up while the
 * page shows its first placement, always refines with CoSE. A redraw after expanding a node starts
 * from where the nodes were, so the map stays put.
 */
export function layoutOptions(nodeCount: number, keepPositions: boolean, onPage: boolean): cytoscape.LayoutOptions {
  const draft = onPage && nodeCount > 60;
  return {
    name: 'fcose',
    quality: draft ? 'draft' : 'default',
    animate: false,
    randomize: draft || !keepPositions,
    // On the page labels can be measured; the worker's node boxes already include them.
    nodeDimensionsIncludeLabels: onPage,
    idealEdgeLength: 110,
    nodeRepulsion: 9000,
    nodeSeparation: 90,
    packComponents: true,
    tile: true,
  } as cytoscape.LayoutOptions;
}

/**
 * Where a node starts: where it was, or — newly shown inside an expanded machine or group — around
 * where its parent was, each child a little apart (from one shared point the layout cannot part them).
 */
export function startPosition(
  previous: Readonly<Record<string, Position>>,
  id: string,
  parent: string | undefined,
  index: number,
): Position | undefined {
  const own = previous[id];
  if (own) {
    return own;
  }
  const at = parent ? previous[parent] : undefined;
  if (!at) {
    return undefined;
  }
  const angle = index * 2.399963; // the golden angle: children spread evenly however many there are
  const r = 18 * Math.sqrt(index + 1);
  return { x: at.x + r * Math.cos(angle), y: at.y + r * Math.sin(angle) };
}
