import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_GRID_CONTRAST, vegaThemeConfig } from '../../src/render/chartTheme';
import { blend, contrastRatio, parseHexColor } from '../../src/render/colorMeasure';

test('builds the Vega config from the editor theme variables', () => {
  const vars: Record<string, string> = {
    '--vscode-editor-foreground': ' #111111',
    '--vscode-editor-background': '#fafafa',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-font-family': 'Segoe UI',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-green': '#388a34',
    '--vscode-charts-red': '#e51400',
    '--vscode-charts-purple': '#652d90',
    '--vscode-charts-yellow': '#bf8803',
  };
  const config = vegaThemeConfig((n) => vars[n] ?? '') as Record<string, Record<string, unknown>>;
  assert.equal(config.background, '#fafafa');
  assert.equal(config.axis!.labelColor, '#111111');
  assert.equal(config.axis!.gridColor, '#c8c8c8');
  assert.equal(config.font, 'Segoe UI');
  assert.deepEqual((config.range!.category as string[]).slice(0, 2), ['#1a85ff', '#d18616']);
});

test('falls back to readable defaults when the theme lacks chart colours', () => {
  const config = vegaThemeConfig(() => '') as Record<string, Record<string, unknown>>;
  assert.equal(config.background, '#1e1e1e');
  assert.equal((config.range!.category as string[])[0], '#4c78a8');
});

test("High Contrast Light's grid is drawn faint: its border colour at an opacity that stays under the grid contrast", () => {
  // High Contrast Light (VS Code 1.100): editorWidget.border is contrastBorder, the theme's dark blue.
  const vars: Record<string, string> = {
    '--vscode-editor-background': '#ffffff',
    '--vscode-editorWidget-border': '#0F4A85',
  };
  const axis = (vegaThemeConfig((n) => vars[n] ?? '') as { axis: { gridColor: string; gridOpacity: number } }).axis;
  assert.equal(axis.gridColor, '#0F4A85');
  const white = parseHexColor('#ffffff')!;
  const drawn = contrastRatio(blend(parseHexColor('#0F4A85')!, axis.gridOpacity, white), white);
  assert.ok(drawn <= MAX_GRID_CONTRAST, `grid contrast ${drawn.toFixed(2)}`);
  assert.ok(drawn > 1.4, `still visible: ${drawn.toFixed(2)}`);
  // At the old fixed 0.6 it stood out 3.3:1, as much as a data line.
  assert.ok(contrastRatio(blend(parseHexColor('#0F4A85')!, 0.6, white), white) > 3);
});

test('a light grid keeps its usual opacity', () => {
  const config = vegaThemeConfig((n) =>
    n === '--vscode-editor-background' ? '#fafafa' : n === '--vscode-editorWidget-border' ? '#c8c8c8' : '',
  ) as { axis: { gridOpacity: number } };
  assert.equal(config.axis.gridOpacity, 0.6);
});
