/**
 * Draws a chart plan with vega-embed under the webview's CSP: Vega parses expressions to an AST and
 * runs them through vega-interpreter, so nothing is compiled with eval/new Function. vega-embed's
 * injected stylesheet is turned off (the CSP would block it); ours styles the tooltip instead. The
 * tooltip's content comes from our own formatter (src/render/chartTooltip.ts): every field a key/value
 * row of escaped text, so a column named `image` or `title` builds no <img> and no heading from data.
 */
import embed, { type Result as EmbedResult } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { VegaLiteSpec } from '../../src/render/chartSpec';
import { vegaThemeConfig } from '../../src/render/chartTheme';
import { tooltipHtml } from '../../src/render/chartTooltip';
import { themeVariable } from '../shared/dom';

/**
 * A faceted spec (ysplit=panels) sizes each pane, not the whole: share the panel's space between the
 * panes so the chart fits without being stretched or scrolled.
 */
export function fitPanels(spec: VegaLiteSpec, width: number, height: number): VegaLiteSpec {
  const inner = spec.spec as VegaLiteSpec | undefined;
  if (!('facet' in spec) || !inner || width <= 0 || height <= 0) {
    return spec;
  }
  const filter = (spec.transform as { filter?: { oneOf?: unknown[] } }[] | undefined)?.[0]?.filter?.oneOf;
  const panes = Math.max(1, filter?.length ?? 1);
  // Room for the y axis and the pane's header on the left, the x axis under the last pane.
  const paneWidth = Math.max(200, Math.floor(width - 16 - 190));
  const paneHeight = Math.max(60, Math.floor((height - 16 - 60) / panes) - 20);
  return { ...spec, spec: { ...inner, width: paneWidth, height: paneHeight } };
}

export class ChartView {
  private current: EmbedResult | undefined;
  /** The size signals ("width", "height") the drawn spec takes from its container. */
  private containerSized: readonly ('width' | 'height')[] = [];

  constructor(private readonly container: HTMLElement) {
    keepTooltipInView();
    // Vega-Lite re-reads a "container" size only on window resize: a panel resized while the Chart tab
    // is hidden reads a 0×0 container and keeps it when the tab is shown again. The host's own size
    // changes (shown, hidden, resized) refit the chart instead.
    new ResizeObserver(() => this.fitContainer()).observe(container);
  }

  /** Draws the spec (replacing any earlier chart) and resolves once the view has rendered. */
  async draw(spec: VegaLiteSpec): Promise<void> {
    this.finalize();
    // A tab panel being shown may not be laid out yet: fall back to the window's size then.
    const box = this.container.getBoundingClientRect();
    const width = box.width > 0 ? box.width : window.innerWidth - 16;
    const height = box.height > 0 ? box.height : window.innerHeight - 120;
    this.containerSized = (['width', 'height'] as const).filter((size) => spec[size] === 'container');
    this.current = await embed(this.container, fitPanels(spec, width, height) as never, {
      mode: 'vega-lite',
      renderer: 'canvas',
      actions: false,
      defaultStyle: false,
      ast: true,
      expr: expressionInterpreter,
      config: vegaThemeConfig(themeVariable) as never,
      tooltip: { theme: 'custom', disableDefaultStyle: true, formatTooltip: tooltipHtml },
      logLevel: 1,
    });
    await this.current.view.runAsync();
    this.describe(this.current);
  }

  /** Sets the container-sized signals to the container's size, unless it is hidden (0 wide or tall). */
  private fitContainer(): void {
    const view = this.current?.view;
    const box = view?.container();
    if (!view || !box || box.clientWidth === 0 || box.clientHeight === 0 || this.containerSized.length === 0) {
      return;
    }
    let changed = false;
    for (const size of this.containerSized) {
      const value = size === 'width' ? box.clientWidth : box.clientHeight;
      if (view.signal(size) !== value) {
        view.signal(size, value);
        changed = true;
      }
    }
    if (changed) {
      void view.runAsync().then(() => this.current && this.describe(this.current));
    }
  }

  /**
   * A canvas is opaque to screen readers (and to tests): name the kinds of marks Vega actually drew,
   * read from its scenegraph, e.g. "Chart: line marks (3 series)".
   */
  private describe(result: EmbedResult): void {
    const root = (result.view.scenegraph() as unknown as { root: SceneNode }).root;
    const kinds = drawnMarkKinds(root);
    this.container.setAttribute('role', 'img');
    this.container.dataset.marks = kinds.join(' ');
    // The x axis's labels as drawn (a canvas hides them from tests and tools that read the page).
    this.container.dataset.xLabels = shownAxisLabels(root, 'bottom').join(' | ');
    // The legend's entries as drawn (a pie's slices: every one it draws should be here).
    this.container.dataset.legendLabels = legendLabels(root).join(' | ');
    this.container.setAttribute(
      'aria-label',
      kinds.length ? `Chart: ${kinds.join(', ')} marks` : 'Chart: nothing drawn',
    );
  }

  get hasChart(): boolean {
    return this.current !== undefined;
  }

  async png(): Promise<string> {
    if (!this.current) {
      throw new Error('No chart is drawn.');
    }
    return this.current.view.toImageURL('png', 2);
  }

  async svg(): Promise<string> {
    if (!this.current) {
      throw new Error('No chart is drawn.');
    }
    return this.current.view.toSVG();
  }

  finalize(): void {
    this.current?.finalize();
    this.current = undefined;
    this.container.replaceChildren();
    delete this.container.dataset.marks;
    delete this.container.dataset.xLabels;
    delete this.container.dataset.legendLabels;
    this.container.removeAttribute('aria-label');
    this.container.removeAttribute('role');
  }
}

/**
 * vega-tooltip puts its tooltip beside the pointer, on the first side where it fits, and where none
 * does (a tall tooltip, such as a pie's "Other" slice naming a hundred slices, in a narrow panel) above
 * and left of it, cut at the panel's edges. Each time it places the tooltip, this moves it back inside
 * the page (the tooltip takes no pointer events, so covering the pointer is harmless).
 */
let tooltipWatched = false;
function keepTooltipInView(): void {
  if (tooltipWatched) {
    return;
  }
  tooltipWatched = true;
  const clamp = (tip: HTMLElement): void => {
    const box = tip.getBoundingClientRect();
    const left = Math.max(0, Math.min(box.left, window.innerWidth - box.width));
    const top = Math.max(0, Math.min(box.top, window.innerHeight - box.height));
    // Written only when it moves: the write is itself a change of the style this observes.
    if (left !== box.left || top !== box.top) {
      tip.style.left = `${left}px`;
      tip.style.top = `${top}px`;
    }
  };
  const placed = new MutationObserver((records) => {
    for (const r of records) {
      if (r.target instanceof HTMLElement && r.target.classList.contains('visible')) {
        clamp(r.target);
      }
    }
  });
  const watch = (): boolean => {
    const tip = document.getElementById('vg-tooltip-element');
    if (tip) {
      placed.observe(tip, { attributes: true, attributeFilter: ['style', 'class'] });
    }
    return tip !== null;
  };
  // vega-tooltip adds its element to the page on the first chart's first hover.
  if (!watch()) {
    const added = new MutationObserver(() => watch() && added.disconnect());
    added.observe(document.body, { childList: true });
  }
}

/** The part of Vega's scenegraph read here: marks (with a type and role) hold items, groups hold marks. */
interface SceneNode {
  readonly marktype?: string;
  readonly role?: string;
  readonly items?: readonly SceneNode[];
  /** An axis group's side; a label's text and opacity (0 when Vega hid it for overlapping). */
  readonly orient?: string;
  readonly text?: unknown;
  readonly opacity?: number;
}

/** The labels of the axes on one side that Vega left shown (overlap removal sets opacity 0), in order. */
export function shownAxisLabels(root: SceneNode, orient: string): string[] {
  const labels: string[] = [];
  const walk = (node: SceneNode, inAxis: boolean): void => {
    const here = inAxis || (node.role === 'axis' && node.items?.[0]?.orient === orient);
    if (here && node.role === 'axis-label') {
      for (const item of node.items ?? []) {
        if (item.opacity !== 0 && item.text !== undefined) labels.push(String(item.text));
      }
      return;
    }
    for (const child of node.items ?? []) walk(child, here);
  };
  walk(root, false);
  return labels;
}

/** The legends' entry labels as Vega drew them, in order (a "…n entries" line would be a label too). */
export function legendLabels(root: SceneNode): string[] {
  const labels: string[] = [];
  const walk = (node: SceneNode): void => {
    if (node.role === 'legend-label') {
      for (const item of node.items ?? []) if (item.text !== undefined) labels.push(String(item.text));
      return;
    }
    node.items?.forEach(walk);
  };
  walk(root);
  return labels;
}

/**
 * The data mark types with at least one item, in scenegraph order. Axes, legends and titles are Vega
 * marks too, but their roles name them (axis-tick, legend-symbol…): only role "mark" is data.
 */
export function drawnMarkKinds(root: SceneNode): string[] {
  const kinds = new Set<string>();
  const walk = (node: SceneNode): void => {
    if (node.role === 'mark' && node.marktype && node.marktype !== 'group' && (node.items?.length ?? 0) > 0) {
      kinds.add(node.marktype);
    }
    node.items?.forEach(walk);
  };
  walk(root);
  return [...kinds];
}
