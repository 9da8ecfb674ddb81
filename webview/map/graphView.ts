/**
 * Draws a MapView with cytoscape: compound machines and groups, fcose layout (measured against dagre
 * and cose in bench/mapLayout.ts) run in a Web Worker so the page stays responsive, edge tooltips as
 * text, refit when the panel is resized, and keyboard navigation (arrows move between nodes, Enter
 * expands, O opens the query, +/−/0 zoom).
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { MapView } from '../../src/render/fleetView';
import { type Box, edgeSlices, isLarge, nodesBox, quickPlacement, rendererOptions, viewportToFit } from './largeGraph';
import { declutter, fitWithLabels, LABEL_MAX_PX, labelStyle, overhang, SMALLEST_FONT_PX } from './labelFit';
import { LabelLayer } from './labelLayer';
import { LayoutClient } from './layoutClient';
import { layoutOptions, layoutRequest, type Position, startPosition } from './layoutJob';
import { describeShown } from './shownList';
import { mapStyles, palette } from './styles';

cytoscape.use(fcose);

/** Cytoscape adds this stylesheet itself unless it exists; ours carries the nonce the CSP asks for. */
function preemptCytoscapeStylesheet(): void {
  const sheet = document.createElement('style');
  sheet.id = '__________cytoscape_stylesheet';
  sheet.nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
  sheet.textContent = '.__________cytoscape_container { position: relative; }';
  document.head.prepend(sheet);
}

export interface GraphCallbacks {
  /** Click or Enter on a node: expand or collapse it. */
  toggle(id: string): void;
  /** Double click or O: open the node's query. */
  open(id: string): void;
  /** The layout's wall time and where it ran, for the status line. */
  laidOut(ms: number, nodes: number, where: 'worker' | 'page'): void;
}

export class GraphView {
  private cy: cytoscape.Core | undefined;
  private readonly tooltip: HTMLElement;
  private readonly busy: HTMLElement;
  private readonly shown: HTMLElement;
  private readonly layouts = new LayoutClient();
  /** The draw whose layout is awaited; older layouts' answers are dropped. */
  private job = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** Drawn the large way (largeGraph.ts): fitted from positions, snapshots while panning. */
  private large = false;
  /** The ends of the drawing's changed links (a comparison), which the first fit shows. */
  private changedEnds = new Set<string>();
  /** Stops a screen-reader list still being written for a drawing that is gone. */
  private stopDescribing: () => void = () => undefined;
  /** The label sizes the stylesheet has now (labelFit.ts), and the frame that follows a zoom with them. */
  private labels = { scale: 1, maxWidth: LABEL_MAX_PX };
  private relabelFrame = 0;
  /** A large map's labels (labelLayer.ts); a small map's are cytoscape's own. */
  private labelLayer: LabelLayer | undefined;

  constructor(
    private readonly container: HTMLElement,
    stage: HTMLElement,
    private readonly cb: GraphCallbacks,
  ) {
    preemptCytoscapeStylesheet();
    this.layouts.warm();
    this.tooltip = stage.appendChild(document.createElement('div'));
    this.tooltip.id = 'tooltip';
    this.tooltip.classList.add('hidden');
    this.busy = stage.appendChild(document.createElement('div'));
    this.busy.id = 'busy';
    this.busy.setAttribute('role', 'status');
    this.busy.classList.add('hidden');
    this.shown = stage.appendChild(document.createElement('ul'));
    this.shown.id = 'shown';
    this.shown.className = 'sr-only';
    this.shown.setAttribute('aria-label', 'Nodes and links the map shows');
    container.tabIndex = 0;
    container.setAttribute('role', 'application');
    container.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => {
      if (this.cy) {
        this.cy.resize();
        this.fit();
      }
    }).observe(container);
  }

  get core(): cytoscape.Core | undefined {
    return this.cy;
  }

  /** Redraws; positions of nodes still on screen are kept unless a fresh layout is asked for. */
  draw(view: MapView, empty: string, keepPositions: boolean): void {
    const previous: Record<string, Position> = {};
    if (keepPositions) {
      this.cy?.nodes().forEach((n) => {
        previous[n.id()] = { ...n.position() };
      });
    }
    const job = ++this.job;
    this.unmount();
    if (view.nodes.length === 0) {
      this.setBusy(undefined);
      const note = this.container.appendChild(document.createElement('div'));
      note.id = 'empty';
      note.textContent = empty;
      return;
    }
    const started = performance.now();
    this.setBusy(`Laying out ${view.nodes.length} nodes and ${view.edges.length} links`, started);
    if (!this.layouts.available) {
      // Let the browser paint the progress note before the layout takes the thread.
      requestAnimationFrame(() => setTimeout(() => job === this.job && this.layOutOnPage(view, previous, started), 0));
      return;
    }
    if (isLarge(view)) {
      // Large graphs: the nodes at once, placed in one pass, to look at, pan, find and hover; the
      // worker's positions replace these, and the links (most of the drawing's cost) come with them.
      const at = quickPlacement(view, previous);
      this.mount(view, { name: 'preset', fit: false }, (id) => at[id], true);
    }
    this.layouts.layOut(layoutRequest(job, view, previous)).then(
      (positions) => {
        if (job !== this.job) {
          return;
        }
        const cy = this.cy;
        if (!cy) {
          this.mount(view, { name: 'preset', fit: false }, (id) => positions[id], false);
          this.finish(started, view.nodes.length, 'worker');
          return;
        }
        // One batch for the positions: cytoscape recomputes bounds and redraws once. The links
        // follow in slices, a frame each, so input is answered in between.
        cy.batch(() => {
          cy.nodes()
            .not(':parent')
            .forEach((n) => {
              const p = positions[n.id()];
              if (p) {
                n.position(p);
              }
            });
        });
        // Fitted before the links come: a fit afterwards would redraw them all once more. The nodes
        // are where they stay, so no longer dimmed; the progress note stays until the last link.
        this.fit(true);
        this.container.classList.remove('pending');
        void this.addEdgesInSlices(cy, view, job, started).then((complete) => {
          if (complete) {
            this.finish(started, view.nodes.length, 'worker', true);
          }
        });
      },
      (error: Error) => {
        if (job !== this.job) {
          return;
        }
        console.warn(`map: the layout worker failed (${error.message}); laying out on the page`);
        this.unmount();
        this.layOutOnPage(view, previous, started);
      },
    );
  }

  /** Adds the view's links a slice a frame; false if the drawing was replaced meanwhile. */
  private async addEdgesInSlices(cy: cytoscape.Core, view: MapView, job: number, started: number): Promise<boolean> {
    const slices = edgeSlices(view.edges);
    let drawn = 0;
    for (const slice of slices) {
      if (job !== this.job || cy.destroyed()) {
        return false;
      }
      this.setBusy(`Drawing links: ${drawn} of ${view.edges.length}`, started);
      cy.add(edgeElements({ nodes: view.nodes, edges: slice, hidden: view.hidden }));
      drawn += slice.length;
      // After cytoscape's frame with this slice, and after the input that came with it.
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    return job === this.job && !cy.destroyed();
  }

  private layOutOnPage(view: MapView, previous: Readonly<Record<string, Position>>, started: number): void {
    const index = new Map(view.nodes.map((n, i) => [n.id, [i, n.parent] as const]));
    const at = (id: string) => startPosition(previous, id, index.get(id)?.[1], index.get(id)?.[0] ?? 0);
    this.mount(view, layoutOptions(view.nodes.length, Object.keys(previous).length > 0, true), at, false);
    this.finish(started, view.nodes.length, 'page');
  }

  private finish(started: number, nodes: number, where: 'worker' | 'page', fitted = false): void {
    this.container.classList.remove('pending');
    this.container.dataset.layout = where;
    if (this.cy) {
      this.stopDescribing = describeShown(this.cy, this.shown);
    }
    if (!fitted) {
      this.fit(true);
    }
    this.setBusy(undefined);
    this.cb.laidOut(performance.now() - started, nodes, where);
  }

  /** The progress note, with the seconds it has taken so far (ticking shows the page is alive). */
  private setBusy(text: string | undefined, since = 0): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.busy.classList.toggle('hidden', text === undefined);
    if (text !== undefined) {
      const tick = () => {
        const s = (performance.now() - since) / 1000;
        this.busy.textContent = s < 0.5 ? `${text}…` : `${text}… ${s.toFixed(1)} s`;
      };
      tick();
      this.ticker = setInterval(tick, 100);
    }
  }

  private unmount(): void {
    this.stopDescribing();
    this.labelLayer?.destroy();
    this.labelLayer = undefined;
    this.cy?.destroy();
    this.cy = undefined;
    this.container.replaceChildren();
    this.shown.replaceChildren();
    delete this.container.dataset.selected;
    this.container.classList.remove('pending');
    this.tooltip.classList.add('hidden');
  }

  /** Draws the view; a pending one (positions still to come) without its links, which come with the positions. */
  private mount(
    view: MapView,
    layout: cytoscape.LayoutOptions,
    at: (id: string) => Position | undefined,
    pending: boolean,
  ): void {
    const cy = cytoscape({
      container: this.container,
      elements: [
        ...view.nodes.map((n) => ({ group: 'nodes' as const, data: { ...n, parent: n.parent }, position: at(n.id) })),
        ...(pending ? [] : edgeElements(view)),
      ],
      style: mapStyles(palette(), isLarge(view)),
      layout,
      minZoom: 0.05,
      maxZoom: 5,
      boxSelectionEnabled: true,
      ...rendererOptions(view),
    });
    this.cy = cy;
    this.large = isLarge(view);
    this.labelLayer = this.large ? new LabelLayer(this.container, cy, palette()) : undefined;
    this.labels = { scale: 1, maxWidth: LABEL_MAX_PX };
    this.changedEnds = new Set(view.edges.filter((e) => e.change).flatMap((e) => [e.source, e.target]));
    this.container.classList.toggle('pending', pending);
    if (pending) {
      this.fit();
    }
    cy.on('tap', 'node', (e) => this.cb.toggle(String(e.target.id())));
    cy.on('dbltap', 'node', (e) => this.cb.open(String(e.target.id())));
    cy.on('mouseover', 'node, edge', (e) => {
      const data = e.target.data() as { detail?: string; tooltip?: string };
      this.showTooltip(data.tooltip ?? data.detail ?? '', e.renderedPosition ?? { x: 0, y: 0 });
    });
    cy.on('mouseout', 'node, edge', () => this.tooltip.classList.add('hidden'));
    // A large map's label left out where it had no room shows while the pointer is on its node.
    cy.on('mouseover', 'node', (e) => this.labelLayer?.hover(String(e.target.id())));
    cy.on('mouseout', 'node', () => this.labelLayer?.hover(undefined));
    cy.on('viewport', () => this.tooltip.classList.add('hidden'));
    // A zoom by wheel, keys or centring: labels follow it a frame later (fit sets them itself).
    cy.on('zoom', () => {
      if (!this.large && !this.relabelFrame) {
        this.relabelFrame = requestAnimationFrame(() => {
          this.relabelFrame = 0;
          if (this.cy === cy && !cy.destroyed()) {
            this.relabel(cy);
          }
        });
      }
    });
  }

  /** Sets the stylesheet's label sizes, restyling only when they change. */
  private setLabelStyle(cy: cytoscape.Core, labels: { scale: number; maxWidth: number }): void {
    const same = (a: number, b: number) => Math.abs(a - b) <= 0.005 * Math.max(a, b);
    if (same(labels.scale, this.labels.scale) && same(labels.maxWidth, this.labels.maxWidth)) {
      return;
    }
    this.labels = labels;
    cy.style(mapStyles(palette(), this.large, labels));
  }

  /**
   * Labels for the zoom now: at their own size when that is legible; else legible on screen, shortened,
   * and only those clear of more important ones. What is drawn goes on the container for the tests.
   */
  private relabel(cy: cytoscape.Core): void {
    if (this.large) {
      return;
    }
    const zoom = cy.zoom();
    this.setLabelStyle(cy, labelStyle(zoom, cy.width()));
    const nodes = cy.nodes();
    let quiet = new Set<string>();
    if (this.labels.scale > 1) {
      const bodies = new Map<string, Box>();
      nodes.not(':parent').forEach((n) => {
        bodies.set(n.id(), n.renderedBoundingBox({ includeLabels: false, includeOverlays: false }));
      });
      const rank = (n: cytoscape.NodeSingular): number =>
        n.selected()
          ? 0
          : n.data('seed')
            ? 1
            : n.isParent()
              ? 2
              : n.data('kind') === 'machine'
                ? 3
                : n.data('kind') === 'group'
                  ? 4
                  : 5;
      const placed = nodes
        .filter((n) => String(n.data('label') ?? '') !== '')
        .map((n: cytoscape.NodeSingular) => ({
          id: n.id(),
          box: n.renderedBoundingBox({
            includeNodes: false,
            includeEdges: false,
            includeLabels: true,
            includeOverlays: false,
          }) as Box,
          rank: rank(n) * 1000 - Math.min(999, n.degree(false)),
        }));
      quiet = declutter(placed, bodies);
    }
    cy.batch(() => {
      nodes.forEach((n) => {
        if (quiet.has(n.id()) !== n.hasClass('quiet')) {
          n.toggleClass('quiet', quiet.has(n.id()));
        }
      });
    });
    // The smallest label drawn, in screen pixels: cytoscape leaves out labels under min-zoomed-font-size (7).
    const px = SMALLEST_FONT_PX * this.labels.scale * zoom;
    const drawn = px >= 7 ? nodes.filter((n) => String(n.data('label') ?? '') !== '').length - quiet.size : 0;
    this.container.dataset.labels = String(drawn);
    this.container.dataset.labelPx = px.toFixed(1);
  }

  private showTooltip(text: string, at: { x: number; y: number }): void {
    this.tooltip.textContent = text;
    this.tooltip.style.left = `${Math.round(at.x + 14)}px`;
    this.tooltip.style.top = `${Math.round(at.y + 14)}px`;
    this.tooltip.classList.toggle('hidden', text === '');
  }

  /**
   * Fits the map to the panel, but never past the zoom where labels are drawn at their own size. A
   * comparison first shows what changed (the changed links and their ends, readable); Fit or 0 shows all.
   */
  fit(changesFirst = false): void {
    const cy = this.cy;
    if (!cy) {
      return;
    }
    if (this.large) {
      // From the nodes' positions and sizes: cytoscape's fit would measure every label and link.
      // The changed links' ends come from the view: the links may still be on their way.
      const ends = changesFirst && this.changedEnds.size > 0 ? this.changedEnds : undefined;
      const nodes = (ends ? cy.nodes().filter((n) => ends.has(n.id())) : cy.nodes()).not(':parent');
      const box = nodesBox(
        nodes.map((n) => ({ ...(n as cytoscape.NodeSingular).position(), w: n.width(), h: n.height() })),
      );
      cy.viewport(viewportToFit(box, cy.width(), cy.height(), 30, 1));
      return;
    }
    const changed = changesFirst ? cy.edges('[change]').filter((e) => e.data('change') !== undefined) : cy.collection();
    const target = changed.nonempty() ? changed.union(changed.connectedNodes()) : undefined;
    // First as a wide panel fits: labels at their own size, measured in the fit.
    this.setLabelStyle(cy, { scale: 1, maxWidth: LABEL_MAX_PX });
    cy.fit(target, 30);
    if (cy.zoom() > 1) {
      cy.zoom(1);
      cy.center(target);
    }
    if (labelStyle(cy.zoom(), cy.width()).scale > 1) {
      // Too narrow for labels at their own size: fit the node bodies with legible labels around them.
      // The labels' reach on screen barely changes with the zoom, so two rounds settle it.
      const shown = target ? target.nodes() : cy.nodes();
      const bodies = shown.boundingBox({ includeLabels: false, includeOverlays: false });
      for (let round = 0; round < 2; round++) {
        this.setLabelStyle(cy, labelStyle(cy.zoom(), cy.width()));
        const all = shown.boundingBox({ includeLabels: true, includeOverlays: false });
        cy.viewport(fitWithLabels(bodies, overhang(bodies, all, cy.zoom()), cy.width(), cy.height(), 20, 1));
      }
    }
    this.relabel(cy);
  }

  /** Centres a node at a zoom where its label is readable, selects it and says so in its tooltip. */
  centre(id: string): boolean {
    const node = this.cy?.getElementById(id);
    if (!this.cy || !node || node.empty()) {
      return false;
    }
    this.cy.elements().unselect();
    node.select();
    // Which node the keyboard acts on, for assistive technology and the end-to-end tests.
    this.container.dataset.selected = id;
    this.cy.zoom(Math.max(this.cy.zoom(), 1.2));
    this.cy.center(node);
    const p = node.renderedPosition();
    this.showTooltip(String(node.data('detail') ?? ''), p);
    this.container.focus();
    return true;
  }

  selectedIds(): string[] {
    return this.cy ? this.cy.nodes(':selected').map((n) => n.id()) : [];
  }

  private onKey(e: KeyboardEvent): void {
    const cy = this.cy;
    if (!cy) {
      return;
    }
    const selected = cy.nodes(':selected').first();
    const zoomBy = (f: number) =>
      cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    if (e.key in arrows) {
      const [dx, dy] = arrows[e.key]!;
      const from = selected.nonempty() ? selected.position() : { x: cy.extent().x1, y: cy.extent().y1 };
      let best: cytoscape.NodeSingular | undefined;
      let bestScore = Infinity;
      cy.nodes().forEach((n) => {
        if (selected.nonempty() && n.id() === selected.id()) {
          return;
        }
        const vx = n.position().x - from.x;
        const vy = n.position().y - from.y;
        const along = vx * dx + vy * dy;
        if (selected.nonempty() && along <= 0) {
          return;
        }
        const score = Math.hypot(vx, vy) + 2 * Math.abs(vx * dy - vy * dx);
        if (score < bestScore) {
          bestScore = score;
          best = n;
        }
      });
      if (best) {
        this.centre(best.id());
      }
    } else if (e.key === 'Enter' && selected.nonempty()) {
      this.cb.toggle(selected.id());
    } else if ((e.key === 'o' || e.key === 'O') && selected.nonempty()) {
      this.cb.open(selected.id());
    } else if (e.key === '+' || e.key === '=') {
      zoomBy(1.25);
    } else if (e.key === '-') {
      zoomBy(0.8);
    } else if (e.key === '0') {
      this.fit();
    } else {
      return;
    }
    e.preventDefault();
  }
}

/** The view's links as cytoscape elements; `open` marks a link that ends on an open machine or group. */
function edgeElements(view: MapView): cytoscape.ElementDefinition[] {
  const open = new Set(view.nodes.filter((n) => n.expanded).map((n) => n.id));
  return view.edges.map((e) => ({ group: 'edges', data: { ...e, open: open.has(e.source) || open.has(e.target) } }));
}
