/**
 * Labels a narrow map can still read, as a map tool draws them: when the zoom that fits the map to its
 * panel would draw labels below a legible size (cytoscape then drops them: min-zoomed-font-size), they
 * keep a legible size on screen instead, shortened with an ellipsis to a width the panel affords (the
 * tooltip names the node in full), and where two would overlap the less important one is left out. At
 * the zoom a wide panel fits (labels at their own size or larger) nothing changes. No DOM here, so the
 * unit tests check it.
 */
import type { Box } from './largeGraph';

/** The smallest label, in screen pixels, a narrow map draws (VS Code's own smallest UI text). */
export const LEGIBLE_PX = 11;
/** The smallest label font at zoom 1 (processes and endpoints; styles.ts). */
export const SMALLEST_FONT_PX = 12;
/** A label's widest, in model pixels at its own size (styles.ts: text-max-width). */
export const LABEL_MAX_PX = 260;

/** How much larger than their own size labels are drawn at `zoom`: 1 while they are legible already. */
export function labelScale(zoom: number): number {
  return zoom * SMALLEST_FONT_PX >= LEGIBLE_PX ? 1 : LEGIBLE_PX / (SMALLEST_FONT_PX * Math.max(zoom, 1e-3));
}

/** A scaled label's widest on screen: under half the panel, so two neighbours' labels can both show. */
export function labelWidthOnScreen(panelWidth: number): number {
  return Math.max(72, Math.min(LABEL_MAX_PX, Math.round(panelWidth * 0.42)));
}

/** Label sizes for the stylesheet at `zoom` in a panel `panelWidth` wide (model pixels). */
export function labelStyle(zoom: number, panelWidth: number): { scale: number; maxWidth: number } {
  const scale = labelScale(zoom);
  return scale === 1 ? { scale, maxWidth: LABEL_MAX_PX } : { scale, maxWidth: labelWidthOnScreen(panelWidth) / zoom };
}

/** How far labels reach past the node bodies on each side, in screen pixels (never negative). */
export interface Overhang {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function overhang(bodies: Box, withLabels: Box, zoom: number): Overhang {
  return {
    left: Math.max(0, (bodies.x1 - withLabels.x1) * zoom),
    right: Math.max(0, (withLabels.x2 - bodies.x2) * zoom),
    top: Math.max(0, (bodies.y1 - withLabels.y1) * zoom),
    bottom: Math.max(0, (withLabels.y2 - bodies.y2) * zoom),
  };
}

/**
 * The zoom and pan that show the node bodies (model box) with labels of a fixed screen size around them
 * (`over`, screen pixels) in a `width` × `height` panel with `padding` around, never past `maxZoom`. When
 * the labels alone would leave the bodies less than a third of the panel, they get that third: a tiny
 * panel shows the nodes, and the labels at its edges may be cut.
 */
export function fitWithLabels(
  bodies: Box,
  over: Overhang,
  width: number,
  height: number,
  padding: number,
  maxZoom: number,
): { zoom: number; pan: { x: number; y: number } } {
  const w = Math.max(1, bodies.x2 - bodies.x1);
  const h = Math.max(1, bodies.y2 - bodies.y1);
  const roomX = Math.max(width / 3, width - 2 * padding - over.left - over.right);
  const roomY = Math.max(height / 3, height - 2 * padding - over.top - over.bottom);
  const zoom = Math.max(1e-3, Math.min(maxZoom, roomX / w, roomY / h));
  // Centre what is drawn (bodies and labels), not the bodies alone.
  const cx = (bodies.x1 + bodies.x2) / 2 + (over.right - over.left) / 2 / zoom;
  const cy = (bodies.y1 + bodies.y2) / 2 + (over.bottom - over.top) / 2 / zoom;
  return { zoom, pan: { x: width / 2 - zoom * cx, y: height / 2 - zoom * cy } };
}

export interface PlacedLabel {
  readonly id: string;
  /** Screen box of the label. */
  readonly box: Box;
  /** Lower first: the one kept when two overlap. */
  readonly rank: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

/**
 * Which labels to leave out so none overlaps another or another node's body: the most important
 * first (lowest rank, then as given), each kept if it is clear of those kept and of the bodies.
 * Bodies are keyed by their node id, so a label never counts as covering its own node.
 */
export function declutter(labels: readonly PlacedLabel[], bodies: ReadonlyMap<string, Box>): Set<string> {
  const order = labels.map((l, i) => [l, i] as const).sort(([a, i], [b, j]) => a.rank - b.rank || i - j);
  const kept: Box[] = [];
  const left = new Set<string>();
  for (const [label] of order) {
    let clear = !kept.some((k) => overlaps(k, label.box));
    if (clear) {
      for (const [id, body] of bodies) {
        if (id !== label.id && overlaps(body, label.box)) {
          clear = false;
          break;
        }
      }
    }
    if (clear) {
      kept.push(label.box);
    } else {
      left.add(label.id);
    }
  }
  return left;
}
