/**
 * Draws a chart plan with vega-embed under the webview's CSP: Vega parses expressions to an AST and
 * runs them through vega-interpreter, so nothing is compiled with eval/new Function. vega-embed's
 * injected stylesheet is turned off (the CSP would block it); ours styles the tooltip instead. The
 * tooltip's content comes from our own formatter (src/render/chartTooltip.ts): every field a key/value
 * row of escaped text, so a column named `image` or `title` builds no <img> and no heading from data.
 */
import embed, { type Result as EmbedResult } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { vegaThemeConfig } from '../../src/render/chartTheme';
import { tooltipHtml } from '../../src/render/chartTooltip';
import type { VegaLiteSpec } from '../../src/render/chartSpec';
import { themeVariable } from '../shared/dom';

export class ChartView {
  private current: EmbedResult | undefined;

  constructor(private readonly container: HTMLElement) {}

  /** Draws the spec (replacing any earlier chart) and resolves once the view has rendered. */
  async draw(spec: VegaLiteSpec): Promise<void> {
    this.finalize();
    this.current = await embed(this.container, spec as never, {
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
  }
}
