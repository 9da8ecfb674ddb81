/**
 * A Vega config built from VS Code's theme variables, so charts match light, dark and high-contrast
 * themes. The webview reads the variables with getComputedStyle and passes a lookup in.
 */
import { blend, contrastRatio, parseHexColor, toHex, withContrast } from './colorMeasure';
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
/** WCAG 1.4.11: a chart's marks stand out at least 3:1 from the background they are drawn on. */
export const MIN_MARK_CONTRAST = 3;
/** WCAG 1.4.3: the axis labels and titles, as text, at least 4.5:1. */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * `colour` darkened (light background) or lightened (dark background) just enough to contrast `min`:1
 * with `background`: Light Modern's charts.orange (#d18616) is 2.94:1 on white. Computed for any theme
 * rather than listed per theme; a colour already readable, or one that is not hex, is kept as written.
 */
export function readableOn(colour: string, background: string, min: number): string {
  const c = parseHexColor(colour);
  const under = parseHexColor(background);
  if (!c || !under || (c.a === 1 && contrastRatio(c, under) >= min)) return colour;
  return toHex(withContrast(c, under, min));
}

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
  const background = v('--vscode-editor-background', '#1e1e1e');
  const foreground = readableOn(
    v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc')),
    background,
    MIN_TEXT_CONTRAST,
  );
  const grid = v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040'));
  const font = v('--vscode-font-family', 'sans-serif');
  const themed = CHART_COLORS.map((c) => read(c).trim()).filter((c) => c !== '');
  // Adjacent series get colours that can be told apart as thin lines (seriesColors.ts says the rule).
  // Each series colour as drawn: readable on this background (adjusted first, so the order below weighs
  // the colours the user sees).
  const marks = (colors: readonly string[]): string[] =>
    colors.map((c) => readableOn(c, background, MIN_MARK_CONTRAST));
  const category =
    themed.length === CHART_COLORS.length
      ? [...seriesColorOrder(marks(themed)), ...marks(FALLBACK_COLORS.slice(6))]
      : marks(FALLBACK_COLORS);
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
