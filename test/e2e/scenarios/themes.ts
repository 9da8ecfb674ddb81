/**
 * Scenario 18: the results grid and a chart in the light, dark and both high-contrast themes. The webview
 * takes VS Code's theme colours: its text and background change with the theme, the text stays readable
 * on its background (WCAG contrast), a selected cell and the focused grid are marked visibly, and the
 * chart is drawn again with its axis labels in the new theme's text colour.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { DomCanvas, DomDocument } from '../browserTypes';
import { runBlock } from '../queryFile';
import { crashNotices, readChart, resultsFrame } from '../resultsPanel';
import { escapeRegExp, UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';

declare const document: DomDocument & {
  readonly documentElement: unknown;
  readonly activeElement: unknown;
};
declare function getComputedStyle(el: unknown): {
  color: string;
  backgroundColor: string;
  outlineColor: string;
  outlineStyle: string;
  getPropertyValue(name: string): string;
};

const THEMES = [
  { setting: 'Default Light Modern', file: 'light', kind: 'vscode-light' },
  { setting: 'Default High Contrast', file: 'high-contrast', kind: 'vscode-high-contrast' },
  { setting: 'Default High Contrast Light', file: 'high-contrast-light', kind: 'vscode-high-contrast-light' },
  { setting: 'Default Dark Modern', file: 'dark', kind: 'vscode-dark' },
] as const;

/** Dark, light and high contrast: the themes a scenario draws its screen in (the dark one first, as code-server starts). */
export const SCREEN_THEMES = [
  { name: 'Default Dark Modern', file: 'dark' },
  { name: 'Default Light Modern', file: 'light' },
  { name: 'Default High Contrast', file: 'high-contrast' },
] as const;

interface Colours {
  readonly bodyKind: string;
  readonly text: string;
  readonly background: string;
  readonly header: string;
  readonly chartLabel: string;
}

function rgb(css: string): [number, number, number] {
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  assert.ok(m, `not an rgb colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** WCAG 2 contrast ratio of two sRGB colours. */
export function contrast(a: string, b: string): number {
  const lum = (c: [number, number, number]): number => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

async function colours(frame: Frame): Promise<Colours> {
  return frame.evaluate(() => {
    const cell = document.querySelector('.grid-body [role=gridcell]');
    const head = document.querySelector('[role=columnheader]');
    return {
      bodyKind: document.body.className,
      text: cell ? getComputedStyle(cell).color : '',
      background: getComputedStyle(document.body).backgroundColor,
      header: head ? getComputedStyle(head).color : '',
      chartLabel: document.querySelector('.chart-host')?.getAttribute('aria-label') ?? '',
    };
  });
}

/** The selected cell and the focused grid as drawn: what tells the user where they are. */
interface Selection {
  readonly text: string;
  /** The selection's fill as seen over the page (none or translucent in the high-contrast themes). */
  readonly background: string;
  readonly outline: string;
  readonly gridFocused: boolean;
  readonly focusOutline: string;
}

async function selection(frame: Frame): Promise<Selection | undefined> {
  return frame.evaluate(() => {
    const cell = document.querySelector('.grid-body .cell.selected');
    const viewport = document.querySelector('.grid-viewport');
    if (!cell || !viewport) {
      return undefined;
    }
    const style = getComputedStyle(cell);
    // A translucent selection (high contrast light tints it 10%) is seen over the page's background.
    const page = /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(document.body).backgroundColor)!;
    const fill = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?/.exec(style.backgroundColor)!;
    const alpha = fill[4] === undefined ? 1 : Number(fill[4]);
    const seen = [1, 2, 3].map((i) => Math.round(Number(fill[i]) * alpha + Number(page[i]) * (1 - alpha)));
    const focus = getComputedStyle(viewport);
    return {
      text: style.color,
      background: `rgb(${seen.join(', ')})`,
      outline: style.outlineStyle === 'none' ? '' : style.outlineColor,
      gridFocused: document.activeElement === viewport,
      focusOutline: focus.outlineStyle === 'none' ? '' : focus.outlineColor,
    };
  });
}

/**
 * Pixels of the chart's canvas in the theme's text colour (the axis labels and titles Vega draws with
 * it), and that colour: a chart drawn in the previous theme's colours has none of them.
 */
async function chartText(frame: Frame): Promise<{ foreground: string; pixels: number }> {
  return frame.evaluate(() => {
    const hex = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-foreground').trim();
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
    const canvas = document.querySelector('.chart-host canvas') as DomCanvas | null;
    if (!m || !canvas) {
      return { foreground: hex, pixels: 0 };
    }
    const [r, g, b] = [m[1], m[2], m[3]].map((x) => Number.parseInt(x!, 16));
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let pixels = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 24) {
        pixels++;
      }
    }
    return { foreground: `rgb(${r}, ${g}, ${b})`, pixels };
  });
}

/** Preferences: Color Theme, as a user picks one (the list previews; Enter keeps it). */
export async function pickTheme(wb: Workbench, name: string): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(name);
  // Rows read "Dark Modern  Default Dark Modern": the setting's name is the row's description.
  // "Default High Contrast" is also the start of "Default High Contrast Light" (a group's first row
  // ends with the group's name, so the name cannot be matched at the row's end).
  const row = wb.page
    .locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`${escapeRegExp(name)}(?! Light)`) })
    .first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/**
 * The workbench's class for each kind of theme (`.monaco-workbench.vs`, `.vs-dark`, `.hc-black`,
 * `.hc-light`) and the class VS Code gives a webview's body in it.
 */
export const THEME_KINDS = {
  light: { workbench: 'vs', webview: 'vscode-light' },
  dark: { workbench: 'vs-dark', webview: 'vscode-dark' },
  highContrast: { workbench: 'hc-black', webview: 'vscode-high-contrast' },
  highContrastLight: { workbench: 'hc-light', webview: 'vscode-high-contrast-light' },
} as const;
export type ThemeKind = keyof typeof THEME_KINDS;

/**
 * Waits until the workbench is drawn in a theme of `kind`: the quick pick closes before the theme's
 * colours reach the workbench (and later still each webview), so a screenshot taken at once shows the
 * previous theme.
 */
export async function themeApplied(wb: Workbench, kind: ThemeKind, webview?: Frame): Promise<void> {
  const want = THEME_KINDS[kind];
  await waitFor(`the workbench in a ${kind} theme`, async () => {
    const classes = ((await wb.page.locator('.monaco-workbench').first().getAttribute('class')) ?? '').split(/\s+/);
    return classes.includes(want.workbench) ? true : undefined;
  });
  if (webview) {
    await waitFor(`a webview in a ${kind} theme`, async () => {
      const classes = (await webview.evaluate(() => document.body.className)).split(/\s+/);
      return classes.includes(want.webview) ? true : undefined;
    });
  }
  // The new colours are set; one more frame paints them.
  await wb.page.waitForTimeout(300);
}

async function showTab(frame: Frame, name: 'Results' | 'Chart'): Promise<void> {
  await frame.locator('vscode-tab-header', { hasText: name }).first().click();
}

export async function themesScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile('chart-kinds.kql');
  await runBlock(wb, workspace, 'chart-kinds.kql', '// timechart');
  const frame = await resultsFrame(wb, 60_000);
  // A render opens the panel on its Chart tab, where the grid is hidden: wait for the chart the user sees
  // (waiting for the grid here always ran out, 60 s of every run).
  await waitFor(
    'the timechart drawn',
    async () => {
      const chart = await readChart(frame);
      return chart && chart.colours > 5 && chart.note.startsWith('timechart') ? chart : undefined;
    },
    60_000,
  );
  const seen: Colours[] = [];
  try {
    for (const theme of THEMES) {
      await pickTheme(wb, theme.setting);
      await showTab(frame, 'Results');
      const c = await waitFor(`the results panel in ${theme.setting}`, async () => {
        const now = await colours(frame);
        return now.bodyKind.includes(theme.kind) && now.text ? now : undefined;
      });
      const ratio = contrast(c.text, c.background);
      assert.ok(
        ratio >= 4.5,
        `${theme.setting}: grid text ${c.text} on ${c.background} has contrast ${ratio.toFixed(2)}`,
      );
      assert.ok(contrast(c.header, c.background) >= 3, `${theme.setting}: header text ${c.header} on ${c.background}`);
      for (const other of seen) {
        assert.notEqual(
          `${c.text} on ${c.background}`,
          `${other.text} on ${other.background}`,
          `${theme.setting} looks like an earlier theme`,
        );
      }
      seen.push(c);
      // A selected cell stands out, its text readable; the focused grid shows a focus outline.
      // A click selects; the focus ring is for the keyboard (:focus-visible), so a key moves the selection.
      await frame.locator('.grid-body [role=row][data-row="2"] [role=gridcell]').nth(1).click();
      await frame.locator('.grid-viewport').press('ArrowDown');
      const sel = await waitFor(`the selected cell in ${theme.setting}`, async () => {
        const now = await selection(frame);
        return now?.gridFocused ? now : undefined;
      });
      assert.ok(
        contrast(sel.text, sel.background) >= 4.5,
        `${theme.setting}: selected text ${sel.text} on ${sel.background}`,
      );
      const marked =
        sel.background !== c.background || (sel.outline !== '' && contrast(sel.outline, c.background) >= 3);
      assert.ok(marked, `${theme.setting}: the selected cell looks like the others (${JSON.stringify(sel)})`);
      assert.ok(
        sel.focusOutline !== '' && contrast(sel.focusOutline, c.background) >= 3,
        `${theme.setting}: the focused grid has no visible outline (${sel.focusOutline || 'none'})`,
      );
      await wb.screenshot(18, `${theme.file}-grid`);
      await showTab(frame, 'Chart');
      await waitFor(`the chart in ${theme.setting}`, async () =>
        (await colours(frame)).chartLabel.includes('line') ? true : undefined,
      );
      // Its axis labels are drawn in this theme's text colour, readable on its background.
      const labels = await waitFor(`the chart's labels in ${theme.setting}'s text colour`, async () => {
        const t = await chartText(frame);
        return t.pixels >= 20 ? t : undefined;
      });
      assert.ok(
        contrast(labels.foreground, c.background) >= 4.5,
        `${theme.setting}: chart text ${labels.foreground} on ${c.background}`,
      );
      await wb.page.waitForTimeout(300);
      await wb.screenshot(18, `${theme.file}-chart`);
    }
  } finally {
    if (seen.length < THEMES.length) {
      await wb.page.keyboard.press('Escape');
      await pickTheme(wb, 'Default Dark Modern');
    }
  }
  assert.deepEqual(await crashNotices(wb), []);
}
