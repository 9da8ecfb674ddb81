/**
 * A Vega config built from VS Code's theme variables, so charts match light, dark and high-contrast
 * themes. The webview reads the variables with getComputedStyle and passes a lookup in.
 */
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

export function vegaThemeConfig(read: ThemeLookup): Record<string, unknown> {
  const v = (name: string, fallback: string): string => read(name).trim() || fallback;
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', '#cccccc'));
  const background = v('--vscode-editor-background', '#1e1e1e');
  const grid = v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040'));
  const font = v('--vscode-font-family', 'sans-serif');
  const themed = CHART_COLORS.map((c) => read(c).trim()).filter((c) => c !== '');
  const category = themed.length === CHART_COLORS.length ? [...themed, ...FALLBACK_COLORS.slice(6)] : FALLBACK_COLORS;
  const text = { labelColor: foreground, titleColor: foreground, labelFont: font, titleFont: font };
  return {
    background,
    font,
    title: { color: foreground, font },
    axis: { ...text, domainColor: grid, tickColor: grid, gridColor: grid, gridOpacity: 0.6 },
    legend: { ...text },
    header: { ...text },
    view: { stroke: grid },
    range: { category },
    text: { color: foreground },
    arc: { stroke: background },
  };
}
