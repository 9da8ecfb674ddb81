/**
 * Which labels a large map draws, and where, at the zoom it is at: the way Service Map, Gephi and
 * Cytoscape's label layers keep a wide fleet readable. Labels keep a legible size on screen whatever
 * the zoom; the most important nodes (selected, hovered, searched, seeds, failing, most linked) are
 * labelled first, each at the first of several spots around its node that is clear of the labels
 * already placed and of the other nodes; a label with no clear spot is left out (the tooltip names its
 * node on hover or focus). Zooming in spreads the nodes, so more spots are clear and more labels show.
 * No DOM here, so the unit tests check it; a grid of buckets keeps 600 nodes to about a millisecond.
 */
import type { Box } from './largeGraph';

export interface LabelCandidate {
  readonly id: string;
  /** The node's body on screen (pixels). */
  readonly body: Box;
  /** The label's size on screen, already shortened to its widest. */
  readonly width: number;
  readonly height: number;
  /** Higher first (labelPriority). */
  readonly priority: number;
  /** An open machine or group: its name goes above its box first, where the box's own title goes. */
  readonly container?: boolean;
  /** Asked for (selected, searched, under the pointer): labelled even over other nodes' bodies. */
  readonly insist?: boolean;
}

export type Spot = 'below' | 'above' | 'right' | 'left' | 'below-right' | 'below-left' | 'above-right' | 'above-left';

export interface PlacedLabel {
  readonly id: string;
  readonly box: Box;
  readonly spot: Spot;
}

/** The spots tried, in order: under the node (where the map's labels are drawn), then around it. */
export const SPOTS: readonly Spot[] = [
  'below',
  'above',
  'right',
  'left',
  'below-right',
  'below-left',
  'above-right',
  'above-left',
];
const CONTAINER_SPOTS: readonly Spot[] = ['above', ...SPOTS.filter((s) => s !== 'above')];

/** Room between a label and its node, in screen pixels. */
const GAP = 2;

/** The label's box at `spot` around `body`. */
export function spotBox(body: Box, width: number, height: number, spot: Spot): Box {
  const cx = (body.x1 + body.x2) / 2;
  const cy = (body.y1 + body.y2) / 2;
  let x1: number;
  let y1: number;
  switch (spot) {
    case 'below':
      [x1, y1] = [cx - width / 2, body.y2 + GAP];
      break;
    case 'above':
      [x1, y1] = [cx - width / 2, body.y1 - GAP - height];
      break;
    case 'right':
      [x1, y1] = [body.x2 + GAP, cy - height / 2];
      break;
    case 'left':
      [x1, y1] = [body.x1 - GAP - width, cy - height / 2];
      break;
    case 'below-right':
      [x1, y1] = [body.x2, body.y2];
      break;
    case 'below-left':
      [x1, y1] = [body.x1 - width, body.y2];
      break;
    case 'above-right':
      [x1, y1] = [body.x2, body.y1 - height];
      break;
    case 'above-left':
      [x1, y1] = [body.x1 - width, body.y1 - height];
      break;
  }
  return { x1, y1, x2: x1 + width, y2: y1 + height };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/**
 * The screen in cells of CELL pixels, each counting the boxes that touch it: a box marks every cell it
 * touches, so two boxes that overlap share a marked cell and a check never misses an overlap (it may
 * see one where two boxes only share a cell, which leaves a label out, never draws two on each other).
 * A flat array beat lists of boxes per bucket 8× at 600 nodes zoomed out, where most tries fail.
 */
const CELL = 3;
class Occupancy {
  private readonly cols: number;
  private readonly rows: number;
  private readonly cells: Uint16Array;
  constructor(width: number, height: number) {
    this.cols = Math.max(1, Math.ceil(width / CELL));
    this.rows = Math.max(1, Math.ceil(height / CELL));
    this.cells = new Uint16Array(this.cols * this.rows);
  }

  // The cells a box's inside touches (a box's right and bottom edges end a cell, so boxes that only
  // touch share none), set by span(): fields, not an array, since this runs some 10,000 times a frame.
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  private span(b: Box): void {
    const lastCol = this.cols - 1;
    const lastRow = this.rows - 1;
    this.x1 = Math.max(0, Math.min(lastCol, Math.floor(b.x1 / CELL)));
    this.x2 = Math.max(this.x1, Math.min(lastCol, Math.ceil(b.x2 / CELL) - 1));
    this.y1 = Math.max(0, Math.min(lastRow, Math.floor(b.y1 / CELL)));
    this.y2 = Math.max(this.y1, Math.min(lastRow, Math.ceil(b.y2 / CELL) - 1));
  }

  /** Adds (by 1) or takes away (by -1) a box. */
  mark(b: Box, by: 1 | -1): void {
    this.span(b);
    for (let y = this.y1; y <= this.y2; y++) {
      const row = y * this.cols;
      for (let x = this.x1; x <= this.x2; x++) {
        this.cells[row + x] = this.cells[row + x]! + by;
      }
    }
  }

  hits(b: Box): boolean {
    this.span(b);
    for (let y = this.y1; y <= this.y2; y++) {
      const row = y * this.cols;
      for (let x = this.x1; x <= this.x2; x++) {
        if (this.cells[row + x] !== 0) {
          return true;
        }
      }
    }
    return false;
  }
}

export interface PlacementOptions {
  /** The visible screen: labels must lie inside it, nodes outside it get none. */
  readonly width: number;
  readonly height: number;
  /** At most this many labels (reading stops helping long before the screen is full); default all. */
  readonly budget?: number;
  /**
   * This many of the most important nodes that find no spot clear of other nodes try again, covering
   * nodes that have no label (never a labelled one): in a dense fleet the hubs sit in the middle,
   * among bodies, and would otherwise go unnamed while the edge is labelled. Default 20.
   */
  readonly crowdedTop?: number;
}

/** A body smaller than this on a side is a dot: far enough out that a label may cover it, unless it is labelled. */
export const DOT_PX = 8;

/**
 * The labels to draw and where: most important first (priority, then as given), each at the first
 * spot inside the screen clear of the labels placed, of the labelled nodes and of the nodes drawn
 * large enough to see (not dots: a fleet zoomed out is a carpet of dots, and labels only around its
 * edge would say nothing of its middle); none overlap, and none hides a labelled node. A node whose
 * body a label already covers gets none (its name would point at nothing). Containers' bodies (open
 * machines and groups, which hold other nodes) are no obstacles; an insisting node ignores bodies.
 */
export function placeLabels(candidates: readonly LabelCandidate[], o: PlacementOptions): PlacedLabel[] {
  const screen: Box = { x1: 0, y1: 0, x2: o.width, y2: o.height };
  const inside = (b: Box) => b.x1 >= 0 && b.y1 >= 0 && b.x2 <= o.width && b.y2 <= o.height;
  const seen = (c: LabelCandidate) => !c.container && overlaps(c.body, screen);
  const dot = (c: LabelCandidate) => c.body.x2 - c.body.x1 < DOT_PX || c.body.y2 - c.body.y1 < DOT_PX;
  // Bodies a label must not cover: those large enough to see now, and (below) each labelled one.
  const bodies = new Occupancy(o.width, o.height);
  for (const c of candidates) {
    if (seen(c) && !dot(c)) {
      bodies.mark(c.body, 1);
    }
  }
  // The labelled nodes' bodies: no label covers these, even the crowded top's.
  const labelled = new Occupancy(o.width, o.height);
  const labels = new Occupancy(o.width, o.height);
  const order = candidates
    .map((c, i) => [c, i] as const)
    .filter(([c]) => c.width > 0 && c.height > 0 && overlaps(c.body, screen))
    .sort(([a, i], [b, j]) => b.priority - a.priority || i - j);
  const placed: PlacedLabel[] = [];
  const budget = o.budget ?? Number.POSITIVE_INFINITY;
  const crowdedTop = o.crowdedTop ?? 20;
  const spotFor = (c: LabelCandidate, clear: (box: Box) => boolean): PlacedLabel | undefined => {
    for (const spot of c.container ? CONTAINER_SPOTS : SPOTS) {
      const box = spotBox(c.body, c.width, c.height, spot);
      if (inside(box) && !labels.hits(box) && clear(box)) {
        return { id: c.id, box, spot };
      }
    }
    return undefined;
  };
  for (const [rank, [c]] of order.entries()) {
    if (placed.length >= budget) {
      break;
    }
    if (!c.container && labels.hits(c.body)) {
      continue;
    }
    // Its own body is no obstacle to its label (a spot only touches it).
    const own = seen(c) && !dot(c);
    if (own) {
      bodies.mark(c.body, -1);
    }
    let at = spotFor(c, (box) => c.insist === true || !bodies.hits(box));
    if (!at && rank < crowdedTop) {
      at = spotFor(c, (box) => !labelled.hits(box));
    }
    if (own || (at && seen(c))) {
      // Labelled, or large enough to see: no later label covers it.
      bodies.mark(c.body, 1);
    }
    if (at) {
      labels.mark(at.box, 1);
      if (seen(c)) {
        labelled.mark(c.body, 1);
      }
      placed.push(at);
    }
  }
  return placed;
}

export interface NodeImportance {
  readonly selected: boolean;
  /** Under the pointer, or the node the keyboard is on. */
  readonly hovered: boolean;
  /** A search match. */
  readonly match: boolean;
  readonly seed: boolean;
  readonly malicious: boolean;
  readonly failed: boolean;
  readonly degree: number;
  readonly kind: string;
}

/**
 * Whether a node's label is drawn even over other nodes: the reader pointed at it or asked for it.
 */
export function insists(n: NodeImportance): boolean {
  return n.hovered || n.selected || n.match;
}

/**
 * A node's claim to a label: what the reader pointed at or asked for first, then what is wrong
 * (malicious, failed connections), then the hubs (degree); machines before processes and endpoints.
 */
export function labelPriority(n: NodeImportance): number {
  // Degree first among equals, then machines before groups before processes and endpoints.
  let p = Math.min(n.degree, 4_999) * 4 + (n.kind === 'machine' ? 2 : n.kind === 'group' ? 1 : 0);
  if (n.failed) {
    p += 20_000;
  }
  if (n.malicious) {
    p += 40_000;
  }
  if (n.seed) {
    p += 80_000;
  }
  if (n.match) {
    p += 160_000;
  }
  if (n.selected) {
    p += 320_000;
  }
  if (n.hovered) {
    p += 640_000;
  }
  return p;
}

/** The screen size of labels at `zoom`: legible however far out (11 px), at most 14 px however far in. */
export function labelPx(zoom: number): number {
  return Math.max(11, Math.min(14, 13 * zoom));
}

/**
 * `text` cut with an ellipsis to fit `maxWidth` as `measure` measures it (the longest prefix that fits,
 * by halving): a 300-character name costs some nine measurements, not 300.
 */
export function shortenTo(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) {
    return text;
  }
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('')}…`) <= maxWidth) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}
