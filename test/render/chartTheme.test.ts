import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_GRID_CONTRAST, MIN_MARK_CONTRAST, readableOn, vegaThemeConfig } from '../../src/render/chartTheme';
import { blend, cieLab, contrastRatio, parseHexColor, toHex, withContrast } from '../../src/render/colorMeasure';

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
  // Blue is kept; orange (2.82:1 on #fafafa) is drawn darker, just enough for 3:1.
  const [blue, orange] = config.range!.category as string[];
  assert.equal(blue, '#1a85ff');
  assert.notEqual(orange, '#d18616');
  assert.ok(contrastRatio(parseHexColor(orange!)!, parseHexColor('#fafafa')!) >= 3, orange);
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

const rgba = (hex: string) => parseHexColor(hex)!;
const hue = (hex: string): number => {
  const { a, b } = cieLab(rgba(hex));
  return (Math.atan2(b, a) * 180) / Math.PI;
};

test("withContrast: Light Modern's orange on white is darkened just to 3:1, keeping its hue", () => {
  const white = rgba('#ffffff');
  assert.ok(contrastRatio(rgba('#d18616'), white) < 2.95, 'the theme colour as given: 2.94:1');
  const darker = withContrast(rgba('#d18616'), white, 3);
  const ratio = contrastRatio(darker, white);
  assert.ok(ratio >= 3, `reaches 3:1 (${ratio.toFixed(3)})`);
  assert.ok(ratio < 3.1, `no darker than needed (${ratio.toFixed(3)})`);
  assert.ok(cieLab(darker).l < cieLab(rgba('#d18616')).l, 'darker on a light background');
  assert.ok(Math.abs(hue(toHex(darker)) - hue('#d18616')) < 3, `still orange: ${toHex(darker)}`);
  // Written as #rrggbb, the colour measured is the colour drawn.
  assert.ok(contrastRatio(rgba(toHex(darker)), white) >= 3);
});

test('withContrast: on a dark background a colour is lightened; a readable colour is kept; the unreachable gives black or white', () => {
  const dark = rgba('#1f1f1f');
  const lighter = withContrast(rgba('#0F4A85'), dark, 3);
  assert.ok(contrastRatio(lighter, dark) >= 3);
  assert.ok(cieLab(lighter).l > cieLab(rgba('#0F4A85')).l, 'lighter on a dark background');
  assert.deepEqual(withContrast(rgba('#652D90'), rgba('#ffffff'), 3), rgba('#652D90'));
  assert.equal(toHex(withContrast(rgba('#777777'), rgba('#808080'), 25)), '#000000');
  // A translucent colour is measured as seen over the background.
  const seen = withContrast(rgba('#d1861680'), rgba('#ffffff'), 3);
  assert.equal(seen.a, 1);
  assert.ok(contrastRatio(seen, rgba('#ffffff')) >= 3);
});

test('readableOn keeps colours it cannot read and those already readable, as written', () => {
  assert.equal(readableOn('rgb(1, 2, 3)', '#ffffff', 3), 'rgb(1, 2, 3)');
  assert.equal(readableOn('#d18616', 'transparent', 3), '#d18616');
  assert.equal(readableOn('#E51400', '#ffffff', 3), '#E51400');
});

// VS Code 1.100's chart colours (blue, orange, green, red, purple, yellow) and editor background per theme.
const THEMES: Record<string, { background: string; colors: string[] }> = {
  'Light Modern': { background: '#ffffff', colors: ['#1a85ff', '#d18616', '#388A34', '#E51400', '#652D90', '#BF8803'] },
  'Dark Modern': { background: '#1f1f1f', colors: ['#3794FF', '#d18616', '#89D185', '#F14C4C', '#B180D7', '#CCA700'] },
  'High Contrast': {
    background: '#000000',
    colors: ['#3794FF', '#AB5A00', '#89D185', '#F48771', '#B180D7', '#FFD370'],
  },
  'High Contrast Light': {
    background: '#ffffff',
    colors: ['#1a85ff', '#0F4A85', '#374e06', '#B5200D', '#652D90', '#895503'],
  },
};

test('every series colour of every default theme, and of the fallback palette, stands 3:1 out from the background', () => {
  const names = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'];
  for (const [theme, { background, colors }] of Object.entries(THEMES)) {
    const config = vegaThemeConfig((n) => {
      if (n === '--vscode-editor-background') return background;
      if (n === '--vscode-editor-foreground') return background === '#ffffff' ? '#3b3b3b' : '#cccccc';
      const at = names.findIndex((c) => n === `--vscode-charts-${c}`);
      return at >= 0 ? colors[at]! : '';
    }) as { range: { category: string[] }; axis: { labelColor: string } };
    for (const c of config.range.category) {
      const ratio = contrastRatio(rgba(c), rgba(background));
      assert.ok(ratio >= MIN_MARK_CONTRAST, `${theme}: ${c} is ${ratio.toFixed(2)}:1 on ${background}`);
    }
    assert.ok(contrastRatio(rgba(config.axis.labelColor), rgba(background)) >= 4.5, `${theme}: axis text`);
    // Only Light Modern's orange needed a darker shade; every other theme colour is drawn as the theme gives it.
    const changed = colors.filter((c) => !config.range.category.includes(c));
    assert.deepEqual(changed, theme === 'Light Modern' ? ['#d18616'] : [], theme);
  }
  const fallback = (
    vegaThemeConfig((n) => (n === '--vscode-editor-background' ? '#ffffff' : '')) as {
      range: { category: string[] };
    }
  ).range.category;
  for (const c of fallback) assert.ok(contrastRatio(rgba(c), rgba('#ffffff')) >= 3, `fallback ${c} on white`);
});
