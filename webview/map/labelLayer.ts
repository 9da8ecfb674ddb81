/**
 * A large map's labels, drawn on a canvas of their own above cytoscape's: cytoscape draws a label at
 * the zoom's size and leaves it out under 7 px, so a fleet of 60+ machines zoomed out or fitted showed
 * no names at all, and zoomed in it drew them all on top of each other. Here each frame places the
 * labels with labelPlacement.ts (legible size, most important first, no overlap) and draws those.
 * What is drawn is written on the container for tests: data-labels (how many), data-label-px, and
 * data-label-boxes (each drawn label's id and screen box, a moment after the drawing settles), and
 * data-hovered (the node under the pointer, whose label is drawn first).
 */
import type cytoscape from 'cytoscape';
import type { Box } from './largeGraph';
import {
  insists,
  type LabelCandidate,
  labelPriority,
  labelPx,
  type PlacedLabel,
  placeLabels,
  shortenTo,
} from './labelPlacement';
import type { Palette } from './styles';

/** A label's widest on screen: a name is recognised by its start; the tooltip names the node in full. */
const MAX_LABEL_PX = 180;

interface NodeEntry {
  readonly id: string;
  readonly node: cytoscape.NodeSingular;
  readonly text: string;
  readonly container: boolean;
  readonly priority: number;
  readonly insist: boolean;
}

export class LabelLayer {
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private entries: NodeEntry[] | undefined;
  /** Shortened text and width per node, for the label size they were measured at. */
  private measured = new Map<string, { text: string; width: number }>();
  private measuredPx = 0;
  private hovered: string | undefined;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private last: PlacedLabel[] = [];
  /** Bumped when a node moves; with the viewport and the entries, what the last drawing was of. */
  private moved = 0;
  private drawnFor = '';
  private drawnEntries: NodeEntry[] | undefined;

  constructor(
    private readonly container: HTMLElement,
    private readonly cy: cytoscape.Core,
    private readonly palette: Palette,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'label-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext('2d')!;
    const stale = () => {
      this.entries = undefined;
    };
    // What changes the order: the nodes, their links (degree), selection and data; positions are read each frame.
    cy.on('add remove data select unselect', stale);
    cy.on('position', () => {
      this.moved++;
    });
    cy.on('render', () => this.draw());
  }

  /** The node under the pointer (or none): its label is drawn first, wherever it fits. */
  hover(id: string | undefined): void {
    if (id !== this.hovered) {
      this.hovered = id;
      if (id === undefined) {
        delete this.container.dataset.hovered;
      } else {
        this.container.dataset.hovered = id;
      }
      this.entries = undefined;
      this.draw();
    }
  }

  destroy(): void {
    clearTimeout(this.reportTimer);
    this.canvas.remove();
  }

  private nodes(): NodeEntry[] {
    if (!this.entries) {
      this.entries = [];
      this.cy.nodes().forEach((node) => {
        const text = String(node.data('label') ?? '');
        if (text === '') {
          return;
        }
        const id = node.id();
        const importance = {
          selected: node.selected(),
          hovered: id === this.hovered,
          match: node.hasClass('match'),
          seed: Boolean(node.data('seed')),
          malicious: Boolean(node.data('malicious')),
          failed: Boolean(node.data('failed')),
          degree: node.degree(false),
          kind: String(node.data('kind') ?? ''),
        };
        this.entries!.push({
          id,
          node,
          text,
          container: node.isParent(),
          priority: labelPriority(importance),
          insist: insists(importance),
        });
      });
    }
    return this.entries;
  }

  private font(px: number): string {
    return `${px}px ${this.palette.font}`;
  }

  private label(e: NodeEntry, px: number): { text: string; width: number } {
    if (px !== this.measuredPx) {
      this.measured = new Map();
      this.measuredPx = px;
    }
    let m = this.measured.get(e.id);
    if (!m) {
      this.ctx.font = this.font(px);
      const measure = (s: string) => this.ctx.measureText(s).width;
      const text = shortenTo(e.text, MAX_LABEL_PX, measure);
      m = { text, width: Math.ceil(measure(text)) + 4 };
      this.measured.set(e.id, m);
    }
    return m;
  }

  /** Places and draws the labels for the frame cytoscape has just drawn. */
  draw(): void {
    const cy = this.cy;
    if (cy.destroyed()) {
      return;
    }
    const width = cy.width();
    const height = cy.height();
    const dpr = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * dpr) || this.canvas.height !== Math.round(height * dpr)) {
      this.canvas.width = Math.round(width * dpr);
      this.canvas.height = Math.round(height * dpr);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const zoom = cy.zoom();
    const pan = cy.pan();
    // Cytoscape redraws now and then with nothing changed (building its caches zoomed out, some 9
    // times a second): the labels drawn are still right.
    const entries = this.nodes();
    const key = `${zoom} ${pan.x} ${pan.y} ${width} ${height} ${dpr} ${this.moved}`;
    if (key === this.drawnFor && entries === this.drawnEntries) {
      return;
    }
    this.drawnFor = key;
    this.drawnEntries = entries;
    const px = labelPx(zoom);
    const lineHeight = Math.ceil(px * 1.35);
    const candidates: LabelCandidate[] = [];
    for (const e of entries) {
      const n = e.node;
      if (n.removed()) {
        continue;
      }
      let body: Box;
      if (e.container) {
        body = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
      } else {
        // From the position and size: cytoscape's bounding boxes measure the labels it no longer draws.
        const p = n.position();
        const hw = (n.outerWidth() * zoom) / 2;
        const hh = (n.outerHeight() * zoom) / 2;
        const x = p.x * zoom + pan.x;
        const y = p.y * zoom + pan.y;
        body = { x1: x - hw, y1: y - hh, x2: x + hw, y2: y + hh };
      }
      const { width: w } = this.label(e, px);
      candidates.push({
        id: e.id,
        body,
        width: w,
        height: lineHeight,
        priority: e.priority,
        container: e.container,
        insist: e.insist,
      });
    }
    const placed = placeLabels(candidates, { width, height });
    this.paint(placed, px, lineHeight, dpr);
    this.last = placed;
    this.container.dataset.labels = String(placed.length);
    this.container.dataset.labelPx = px.toFixed(1);
    // At most every 100 ms, and always the latest drawing.
    this.reportTimer ??= setTimeout(() => {
      this.reportTimer = undefined;
      this.report();
    }, 100);
  }

  private paint(placed: readonly PlacedLabel[], px: number, lineHeight: number, dpr: number): void {
    const ctx = this.ctx;
    const p = this.palette;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = this.font(px);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const byId = new Map(this.nodes().map((e) => [e.id, e]));
    for (const l of placed) {
      const e = byId.get(l.id);
      if (!e) {
        continue;
      }
      const { text } = this.label(e, px);
      const w = l.box.x2 - l.box.x1;
      ctx.globalAlpha = 0.8;
      ctx.fillStyle = p.bg;
      ctx.fillRect(l.box.x1, l.box.y1, w, lineHeight);
      ctx.globalAlpha = 1;
      if (p.contrastBorder) {
        ctx.strokeStyle = p.contrastBorder;
        ctx.lineWidth = 1;
        ctx.strokeRect(l.box.x1 + 0.5, l.box.y1 + 0.5, w - 1, lineHeight - 1);
      }
      ctx.fillStyle = p.fg;
      ctx.fillText(text, l.box.x1 + 2, l.box.y1 + lineHeight / 2 + 0.5);
    }
  }

  /** The drawn labels' ids and boxes, for tests: written once the drawing has settled, not every frame. */
  private report(): void {
    const round = (b: Box) => [b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v * 10) / 10);
    this.container.dataset.labelBoxes = JSON.stringify(this.last.map((l) => [l.id, ...round(l.box)]));
  }
}
