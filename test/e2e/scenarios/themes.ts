/**
 * Scenario 18: the results grid and a chart in the light, dark and high-contrast themes. The webview
 * takes VS Code's theme colours: its text and background change with the theme, the text stays readable
 * on its background (WCAG contrast), and the chart is drawn again in the new colours.
 */
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { DomDocument } from '../browserTypes';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { runBlock } from '../queryFile';
import { UI_TIMEOUT_MS, waitFor, type Workbench } from '../workbench';

declare const document: DomDocument;
declare function getComputedStyle(el: unknown): { color: string; backgroundColor: string };

const THEMES = [
  { setting: 'Default Light Modern', file: 'light', kind: 'vscode-light' },
  { setting: 'Default High Contrast', file: 'high-contrast', kind: 'vscode-high-contrast' },
  { setting: 'Default Dark Modern', file: 'dark', kind: 'vscode-dark' },
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

/** Preferences: Color Theme, as a user picks one (the list previews; Enter keeps it). */
async function pickTheme(wb: Workbench, name: string): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await input.fill(name);
  // Rows read "Dark Modern  Default Dark Modern": the setting's name is the row's description.
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

async function showTab(frame: Frame, name: 'Results' | 'Chart'): Promise<void> {
  await frame.locator('vscode-tab-header', { hasText: name }).first().click();
}

export async function themesScenario(wb: Workbench, workspace: string): Promise<void> {
  await wb.openFile('chart-kinds.kql');
  await runBlock(wb, workspace, 'chart-kinds.kql', '// timechart');
  await waitForGrid(wb, 'the timechart query', withColumns('TimeGenerated', 'Computer', 'Links'), 60_000).catch(
    () => undefined,
  );
  const frame = await resultsFrame(wb, 60_000);
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
      await wb.screenshot(18, `${theme.file}-grid`);
      await showTab(frame, 'Chart');
      await waitFor(`the chart in ${theme.setting}`, async () =>
        (await colours(frame)).chartLabel.includes('line') ? true : undefined,
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
