import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vegaThemeConfig } from '../../src/render/chartTheme';

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
