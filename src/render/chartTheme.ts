/**
 * A Vega config built from VS Code's theme variables, so charts match light, dark and high-contrast
 * themes. The webview reads the variables with getComputedStyle and passes a lookup in.
 */
import { blend, contrastRatio, parseHexColor } from './colorMeasure';
import { seriesColorOrder } from './seriesColors';

export type ThemeLookup = (cssVariable: string) => string;

const CHART_COLORS = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-red',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
];
/** Used when a theme does not define the chart colours (Vega's own category10 subset). */
const FALLBACK_COLORS = [
  '#4c78a8',
  '#f58518',
  '#54a24b',
  '#e45756',
  '#b279a2',
  '#eeca3b',
  '#72b7b2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

/** Grid lines are drawn at this opacity unless that would make them heavier than MAX_GRID_CONTRAST. */
const GRID_OPACITY = 0.6;
/**
 * How far grid lines may stand out from the background (WCAG contrast ratio): enough to be followed,
 * well under the series' own contrast. The high-contrast themes' border colour (High Contrast Light's
 * is #0F4A85, 3.3:1 on white at 0.6) would otherwise draw a grid as heavy as the data.
 */
export const MAX_GRID_CONTRAST = 1.6;

/** The grid's opacity: GRID_OPACITY, or less where the grid colour would contrast more than MAX_GRID_CONTRAST. */
export function gridOpacity(grid: string, background: string): number {
  const line = parseHexColor(grid);
  const under = parseHexColor(background);
  if (!line || !under) return GRID_OPACITY;
  // The colour's own alpha (#rrggbbaa) multiplies the opacity Vega applies.
  const contrastAt = (opacity: number): number => contrastRatio(blend(line, opacity * line.a, under), under);
  if (contrastAt(GRID_OPACITY) <= MAX_GRID_CONTRAST) return GRID_OPACITY;
  let [low, high] = [0, GRID_OPACITY];
  for (let i = 0; i < 20; i++) {
    const mid = (low + high) / 2;
    if (contrastAt(mid) > MAX_GRID_CONTRAST) high = mid;
    else low = mid;
  }
  // Rounded down: the rounded opacity must not pass the limit either.
  return Math.floor(low * 100) / 100;
}

export function vegaThemeConfig(read: ThemeLookup): Record<string, unknown> {
  const v = (name: string, fallback: string): string => read(name).trim() || fallback;
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc'));
  const background = v('--vscode-editor-background', '#1e1e1e');
  const grid = v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040'));
  const font = v('--vscode-font-family', 'sans-serif');
  const themed = CHART_COLORS.map((c) => read(c).trim()).filter((c) => c !== '');
  // Adjacent series get colours that can be told apart as thin lines (seriesColors.ts says the rule).
  const category =
    themed.length === CHART_COLORS.length
      ? [...seriesColorOrder(themed), ...FALLBACK_COLORS.slice(6)]
      : FALLBACK_COLORS;
  const text = { labelColor: foreground, titleColor: foreground, labelFont: font, titleFont: font };
  return {
    background,
    font,
    title: { color: foreground, font },
    axis: { ...text, domainColor: grid, tickColor: grid, gridColor: grid, gridOpacity: gridOpacity(grid, background) },
    legend: { ...text },
    header: { ...text },
    view: { stroke: grid },
    range: { category },
    text: { color: foreground },
    arc: { stroke: background },
  };
}
