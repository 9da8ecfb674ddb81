/**
 * Draws a MapView with cytoscape: compound machines and groups, fcose layout (measured against dagre
 * and cose in bench/mapLayout.ts), edge tooltips as text, refit when the panel is resized, and
 * keyboard navigation (arrows move between nodes, Enter expands, O opens the query, +/−/0 zoom).
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { MapView } from '../../src/render/fleetView';
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
  /** The layout's wall time, for the status line. */
  laidOut(ms: number, nodes: number): void;
}

export function layoutOptions(nodeCount: number, keepPositions = false): cytoscape.LayoutOptions {
  // 'draft' (spectral placement only) is 2–3× faster than 'default' from 100 nodes on (bench/mapLayout.ts)
  // and must start from random positions; below that, a redraw after expanding a node starts from where
  // the nodes were, so the map stays put.
  const draft = nodeCount > 60;
  return {
    name: 'fcose', quality: draft ? 'draft' : 'default', animate: false, randomize: draft || !keepPositions, nodeDimensionsIncludeLabels: true,
    idealEdgeLength: 110, nodeRepulsion: 9000, nodeSeparation: 90, packComponents: true, tile: true,
  } as cytoscape.LayoutOptions;
}

export class GraphView {
  private cy: cytoscape.Core | undefined;
  private readonly tooltip: HTMLElement;
  private readonly busy: HTMLElement;

  constructor(private readonly container: HTMLElement, stage: HTMLElement, private readonly cb: GraphCallbacks) {
    preemptCytoscapeStylesheet();
    this.tooltip = stage.appendChild(document.createElement('div'));
    this.tooltip.id = 'tooltip';
    this.tooltip.classList.add('hidden');
    this.busy = stage.appendChild(document.createElement('div'));
    this.busy.id = 'busy';
    this.busy.classList.add('hidden');
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
    const previous = new Map<string, cytoscape.Position>();
    this.cy?.nodes().filter(() => keepPositions).forEach((n) => {
      previous.set(n.id(), { ...n.position() });
    });
    this.cy?.destroy();
    this.cy = undefined;
    this.container.replaceChildren();
    this.tooltip.classList.add('hidden');
    if (view.nodes.length === 0) {
      const note = this.container.appendChild(document.createElement('div'));
      note.id = 'empty';
      note.textContent = empty;
      return;
    }
    this.busy.textContent = `Laying out ${view.nodes.length} nodes and ${view.edges.length} links…`;
    this.busy.classList.remove('hidden');
    // Let the browser paint the progress note before the layout takes the thread.
    requestAnimationFrame(() => setTimeout(() => this.build(view, previous), 0));
  }

  private build(view: MapView, previous: ReadonlyMap<string, cytoscape.Position>): void {
    const started = performance.now();
    const cy = cytoscape({
      container: this.container,
      elements: [
        ...view.nodes.map((n) => ({ group: 'nodes' as const, data: { ...n, parent: n.parent }, position: previous.get(n.id) ?? (n.parent ? previous.get(n.parent) : undefined) })),
        ...view.edges.map((e) => ({ group: 'edges' as const, data: { ...e } })),
      ],
      style: mapStyles(palette()),
      layout: layoutOptions(view.nodes.length, previous.size > 0),
      minZoom: 0.05,
      maxZoom: 5,
      boxSelectionEnabled: true,
      textureOnViewport: view.edges.length > 3000,
      hideEdgesOnViewport: view.edges.length > 3000,
    });
    this.cy = cy;
    this.fit();
    this.busy.classList.add('hidden');
    this.cb.laidOut(performance.now() - started, view.nodes.length);
    cy.on('tap', 'node', (e) => this.cb.toggle(String(e.target.id())));
    cy.on('dbltap', 'node', (e) => this.cb.open(String(e.target.id())));
    cy.on('mouseover', 'node, edge', (e) => {
      const data = e.target.data() as { detail?: string; tooltip?: string };
      this.showTooltip(data.tooltip ?? data.detail ?? '', e.renderedPosition ?? { x: 0, y: 0 });
    });
    cy.on('mouseout', 'node, edge', () => this.tooltip.classList.add('hidden'));
    cy.on('viewport', () => this.tooltip.classList.add('hidden'));
  }

  private showTooltip(text: string, at: { x: number; y: number }): void {
    this.tooltip.textContent = text;
    this.tooltip.style.left = `${Math.round(at.x + 14)}px`;
    this.tooltip.style.top = `${Math.round(at.y + 14)}px`;
    this.tooltip.classList.toggle('hidden', text === '');
  }

  /** Fits the map to the panel, but never past the zoom where labels are drawn at their own size. */
  fit(): void {
    const cy = this.cy;
    if (cy) {
      cy.fit(undefined, 30);
      if (cy.zoom() > 1) {
        cy.zoom(1);
        cy.center();
      }
    }
  }

  /** Centres a node at a zoom where its label is readable, selects it and says so in its tooltip. */
  centre(id: string): boolean {
    const node = this.cy?.getElementById(id);
    if (!this.cy || !node || node.empty()) {
      return false;
    }
    this.cy.elements().unselect();
    node.select();
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
    const zoomBy = (f: number) => cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
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
