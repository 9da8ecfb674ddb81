/**
 * Series colours from the theme that can be told apart as thin lines: VS Code 1.100's chart colours for
 * each default theme (from its colour registry: charts.blue … charts.yellow), and the rule that orders them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vegaThemeConfig } from '../../src/render/chartTheme';
import { cieLab, contrastRatio, deltaE, parseHexColor } from '../../src/render/colorMeasure';
import { distinctSeriesColors, seriesColorOrder } from '../../src/render/seriesColors';

// blue, orange, green, red, purple, yellow, as VS Code defines them per theme.
const THEMES = {
  dark: ['#3794FF', '#d18616', '#89D185', '#F14C4C', '#B180D7', '#CCA700'],
  light: ['#1a85ff', '#d18616', '#388A34', '#E51400', '#652D90', '#BF8803'],
  highContrast: ['#3794FF', '#AB5A00', '#89D185', '#F48771', '#B180D7', '#FFD370'],
  highContrastLight: ['#1a85ff', '#0F4A85', '#374e06', '#B5200D', '#652D90', '#895503'],
};
const rgba = (hex: string) => parseHexColor(hex)!;

test('the measures: WCAG contrast and CIELAB as published', () => {
  assert.equal(contrastRatio(rgba('#000'), rgba('#ffffff')), 21);
  assert.equal(contrastRatio(rgba('#777777'), rgba('#777777')), 1);
  assert.ok(Math.abs(cieLab(rgba('#ffffff')).l - 100) < 0.01);
  assert.ok(deltaE(rgba('#ff0000'), rgba('#ff0000')) === 0);
  assert.deepEqual(parseHexColor('#29292980'), { r: 41, g: 41, b: 41, a: 128 / 255 });
  assert.equal(parseHexColor('rgb(1, 2, 3)'), undefined);
});

test('High Contrast Light: dark blue and dark olive are not adjacent series, and every adjacent pair is distinct', () => {
  // As the theme gives them, series 2 and 3 have the same lightness: 1.04:1 contrast.
  assert.ok(contrastRatio(rgba('#0F4A85'), rgba('#374e06')) < 1.1);
  assert.equal(distinctSeriesColors(rgba('#0F4A85'), rgba('#374e06')), false);
  const order = seriesColorOrder(THEMES.highContrastLight);
  assert.deepEqual([...order].sort(), [...THEMES.highContrastLight].sort(), 'the same theme colours');
  assert.equal(order[0], '#1a85ff');
  for (let i = 1; i < order.length; i++) {
    assert.ok(distinctSeriesColors(rgba(order[i - 1]!), rgba(order[i]!)), `${order[i - 1]} then ${order[i]}`);
  }
  // On the theme's own white background (the config's dark default would lighten its dark colours for 3:1).
  const config = vegaThemeConfig((n) => {
    if (n === '--vscode-editor-background') return '#ffffff';
    const at = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'].findIndex((c) => n === `--vscode-charts-${c}`);
    return at >= 0 ? THEMES.highContrastLight[at]! : '';
  }) as { range: { category: string[] } };
  assert.deepEqual(config.range.category.slice(0, 6), order);
});

test("the other default themes' orders already meet the rule and are kept", () => {
  for (const [name, colors] of Object.entries(THEMES)) {
    if (name === 'highContrastLight') continue;
    assert.deepEqual(seriesColorOrder(colors), colors, name);
  }
});

test('colours that are not hex are kept in the theme order', () => {
  assert.deepEqual(seriesColorOrder(['red', '#0F4A85', '#374e06']), ['red', '#0F4A85', '#374e06']);
  assert.deepEqual(seriesColorOrder([]), []);
});
