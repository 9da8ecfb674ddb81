/**
 * Scenario 99: the user's screen. A 1024×700 window at VS Code zoom level 2 (144 %) and 3 (173 %), the
 * results panel as a narrow side editor (300 px) and as a short bottom group (150 px), then High
 * Contrast Light:
 * - every control of the results panel (status, tabs, toolbar) lies inside the panel, none overlaps
 *   another, the grid shows its header and at least a row and scrolls, the header names its column
 *   whole or in a tooltip, the chart fits the panel;
 * - in High Contrast Light the grid, the value view, the chart and the walkthrough's page are drawn in
 *   that theme's colours: text readable on the background, borders in the theme's contrast colour.
 *
 * Code-server is VS Code for the web, where `window.zoomLevel` does nothing: the browser zooms. Chromium
 * zoomed by 1.2^level lays a 1024×700 window out in 1024/1.2^level CSS pixels at that device scale,
 * which is what the DevTools protocol's device metrics set here.
 */
import assert from 'node:assert/strict';
import type { CDPSession, Frame } from 'playwright-core';
import { vegaThemeConfig } from '../../../src/render/chartTheme';
import { contrastRatio, parseHexColor } from '../../../src/render/colorMeasure';
import { runBlock } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { UI_TIMEOUT_MS, type Workbench, waitFor } from '../workbench';
import { mediaHeading } from './firstTenMinutes';
import { layoutProblems, narrowPanelTo } from './screenAccess';
import { contrast, pickTheme, themeApplied } from './themes';

const FILE = 'chart-kinds.kql';
const QUERY = '// stacked columnchart';
const WINDOW = { width: 1024, height: 700 };

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly width: number;
  readonly height: number;
}
interface PageElement {
  readonly textContent: string | null;
  readonly title: string;
  readonly hidden: boolean;
  readonly className: string;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  scrollTop: number;
  getBoundingClientRect(): Box;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
declare const document: {
  readonly body: PageElement;
  readonly documentElement: PageElement & {
    readonly style: { readonly length: number; item(i: number): string; getPropertyValue(name: string): string };
  };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
};
declare function getComputedStyle(el: PageElement): {
  color: string;
  backgroundColor: string;
  borderBottomColor: string;
  borderBottomStyle: string;
  borderTopColor: string;
  getPropertyValue(name: string): string;
};

/**
 * The window at VS Code zoom `level` (0: unzoomed), `size` device pixels. DevTools emulation lasts as
 * long as the session that set it: the session stays attached until unzoom.
 */
let zoomSession: CDPSession | undefined;
async function zoomWindow(wb: Workbench, level: number, size = WINDOW): Promise<void> {
  const scale = 1.2 ** level;
  zoomSession ??= await wb.context.newCDPSession(wb.page);
  await zoomSession.send('Emulation.setDeviceMetricsOverride', {
    width: Math.round(size.width / scale),
    height: Math.round(size.height / scale),
    deviceScaleFactor: scale,
    mobile: false,
  });
  await wb.page.waitForTimeout(800);
  const cssWidth = await wb.page.evaluate<number>('window.innerWidth');
  assert.equal(cssWidth, Math.round(size.width / scale), `the window at zoom level ${level}`);
}

async function unzoom(wb: Workbench, original: { width: number; height: number }): Promise<void> {
  if (zoomSession) {
    await zoomSession.send('Emulation.clearDeviceMetricsOverride');
    await zoomSession.detach();
    zoomSession = undefined;
  }
  await wb.page.setViewportSize(original);
}

/**
 * What a user could not reach or read in the results panel as laid out now: controls outside the panel
 * (right or below) or overlapping (layoutProblems), a grid with no room for its header and a row, a
 * header cut with no tooltip naming the column.
 */
async function panelProblems(frame: Frame, where: string): Promise<string[]> {
  const toolbar = await layoutProblems(frame);
  const rest = await frame.evaluate(() => {
    const problems: string[] = [];
    const height = document.documentElement.clientHeight;
    const shown = [
      document.querySelector('.status')!,
      ...document.querySelectorAll('vscode-tab-header'),
      ...document.querySelectorAll('.panel-results .toolbar > *'),
    ];
    for (const el of shown) {
      const r = el.getBoundingClientRect();
      if (r.bottom > height + 1) {
        problems.push(`${el.textContent?.trim() || el.className} ends at y ${Math.round(r.bottom)} of ${height} px`);
      }
    }
    const viewport = document.querySelector('.grid-viewport');
    const header = document.querySelector('.grid-header');
    if (!viewport || !header) {
      return [...problems, 'no grid'];
    }
    const v = viewport.getBoundingClientRect();
    const shownHeight = Math.min(v.bottom, height) - v.top;
    const rowHeight = header.getBoundingClientRect().height;
    if (shownHeight < 2 * rowHeight) {
      problems.push(`the grid shows ${Math.round(shownHeight)} px, less than its header and a row`);
    }
    if (v.bottom > height + 1) {
      problems.push(`the grid runs ${Math.round(v.bottom - height)} px below the panel`);
    }
    for (const h of document.querySelectorAll('[role=columnheader]')) {
      const name = h.querySelector('.head-name');
      const cut = h.scrollWidth > h.clientWidth || h.scrollHeight > h.clientHeight;
      if (name && cut && !h.title.startsWith(name.textContent ?? '')) {
        problems.push(`header ${name.textContent} is cut without a tooltip`);
      }
    }
    return problems;
  });
  return [...toolbar.problems, ...rest].map((p) => `${where}: ${p}`);
}

/** The grid scrolls by the wheel: its rows move under the header. */
async function gridScrolls(wb: Workbench, frame: Frame): Promise<boolean> {
  const viewport = frame.locator('.grid-viewport');
  await viewport.evaluate((v: PageElement) => {
    v.scrollTop = 0;
  });
  await viewport.hover();
  await wb.page.mouse.wheel(0, 120);
  await wb.page.waitForTimeout(300);
  return viewport.evaluate((v: PageElement) => v.scrollTop > 0);
}

async function showTab(frame: Frame, name: 'Results' | 'Chart'): Promise<void> {
  await frame.locator('vscode-tab-header', { hasText: name }).first().click();
}

/** The chart's canvas fits the panel: no part of it is past the right or bottom edge. */
async function chartFits(frame: Frame): Promise<string | undefined> {
  await showTab(frame, 'Chart');
  const fit = await waitFor('the chart drawn', () =>
    frame.evaluate(() => {
      const canvas = document.querySelector('.chart-host canvas');
      if (!canvas) return undefined;
      const c = canvas.getBoundingClientRect();
      const w = document.documentElement.clientWidth;
      const h = document.documentElement.clientHeight;
      return c.right <= w + 1 && c.bottom <= h + 1 ? '' : `canvas ${c.right}×${c.bottom} in ${w}×${h}`;
    }),
  );
  return fit || undefined;
}

/** The stacked result groups: the second group below the first; the results group made `px` tall. */
async function resultsBelow(wb: Workbench, frame: Frame, px: number): Promise<void> {
  await wb.runCommand('Toggle Vertical/Horizontal Editor Layout');
  await wb.page.waitForTimeout(800);
  for (let i = 0; i < 4; i++) {
    const box = (await (await frame.frameElement()).boundingBox())!;
    if (Math.abs(box.height - px) <= 8) return;
    // The sash between the groups lies just above the results group's tab bar.
    const sash = await wb.page.evaluate((top: number) => {
      let best: { x: number; y: number } | undefined;
      for (const s of document.querySelectorAll('.editor .monaco-sash.horizontal')) {
        const r = s.getBoundingClientRect();
        const y = (r.top + r.bottom) / 2;
        if (y < top && (!best || y > best.y)) best = { x: (r.left + r.right) / 2, y };
      }
      return best;
    }, box.y);
    assert.ok(sash, 'no sash between the editor groups');
    await wb.page.mouse.move(sash.x, sash.y);
    await wb.page.mouse.down();
    await wb.page.mouse.move(sash.x, sash.y + (box.height - px), { steps: 5 });
    await wb.page.mouse.up();
    await wb.page.waitForTimeout(500);
  }
}

/** The theme's colour variable as the webview has it, and what it computes to on an element. */
async function hcColours(
  frame: Frame,
): Promise<
  Record<
    'background' | 'contrastBorder' | 'headerBorder' | 'headerText' | 'cellText' | 'detailBorder' | 'detailText',
    string
  >
> {
  return frame.evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    const header = document.querySelector('.grid-header');
    const cell = document.querySelector('.grid-body [role=gridcell]');
    const detail = document.querySelector('.detail');
    const detailText = document.querySelector('.detail-text');
    return {
      background: getComputedStyle(document.body).backgroundColor,
      contrastBorder: root.getPropertyValue('--vscode-contrastBorder').trim(),
      headerBorder: header ? getComputedStyle(header).borderBottomColor : '',
      headerText: header ? getComputedStyle(header).color : '',
      cellText: cell ? getComputedStyle(cell).color : '',
      detailBorder: detail && !detail.hidden ? getComputedStyle(detail).borderTopColor : '',
      detailText: detailText ? getComputedStyle(detailText).color : '',
    };
  });
}

/** Every theme variable VS Code set on the webview's root (the chart is configured from them). */
async function themeLookup(frame: Frame): Promise<Record<string, string>> {
  return frame.evaluate(() => {
    const style = document.documentElement.style;
    const vars: Record<string, string> = {};
    for (let i = 0; i < style.length; i++) {
      const name = style.item(i);
      if (name.startsWith('--vscode-')) vars[name] = style.getPropertyValue(name).trim();
    }
    return vars;
  });
}

/** A colour the page computed (`rgb(…)`) against a theme variable (`#rrggbb`): the same colour. */
function sameColour(computed: string, hex: string): boolean {
  const c = parseHexColor(hex);
  return c !== undefined && computed.replace(/\s/g, '') === `rgb(${c.r},${c.g},${c.b})`;
}

export async function zoomAndContrastScenario(wb: Workbench, workspace: string): Promise<void> {
  const original = wb.page.viewportSize() ?? { width: 1440, height: 900 };
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, QUERY);
  // A query that renders a chart opens on its chart: the grid is one tab away.
  const frame = await resultsFrame(wb, 90_000);
  await waitFor('the chart of the stacked column chart query', async () =>
    (await frame.locator('.chart-host[role=img]').count()) > 0 ? true : undefined,
  );
  await showTab(frame, 'Results');
  await waitForGrid(wb, 'the stacked column chart query', withColumns('Computer', 'Direction', 'Links'));
  const problems: string[] = [];
  try {
    for (const level of [2, 3]) {
      await zoomWindow(wb, level);
      await showTab(frame, 'Results');
      await wb.page.waitForTimeout(300);
      problems.push(...(await panelProblems(frame, `zoom level ${level}`)));
      if (!(await gridScrolls(wb, frame))) problems.push(`zoom level ${level}: the grid does not scroll`);
      await wb.screenshot(99, `zoom-${level}-grid`);
      const chart = await chartFits(frame);
      if (chart) problems.push(`zoom level ${level}: the chart does not fit (${chart})`);
      await wb.screenshot(99, `zoom-${level}-chart`);
      await showTab(frame, 'Results');
    }
    await unzoom(wb, original);

    // The panel as a narrow side editor, then as a short group under the query.
    const narrow = await narrowPanelTo(wb, frame, 300, original);
    problems.push(...(await panelProblems(frame, `${Math.round(narrow)} px wide`)));
    await wb.screenshot(99, 'narrow-300');
    await wb.page.setViewportSize(original);
    await resultsBelow(wb, frame, 150);
    const short = (await (await frame.frameElement()).boundingBox())!.height;
    assert.ok(Math.abs(short - 150) <= 12, `the results group is ${short} px tall, not about 150`);
    problems.push(...(await panelProblems(frame, `${Math.round(short)} px tall`)));
    if (!(await gridScrolls(wb, frame))) problems.push('150 px tall: the grid does not scroll');
    await wb.screenshot(99, 'short-150');
    await wb.runCommand('Toggle Vertical/Horizontal Editor Layout');

    // High Contrast Light: the grid, the value view, the chart.
    await pickTheme(wb, 'Default High Contrast Light');
    await themeApplied(wb, 'highContrastLight', frame);
    await frame.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').nth(0).dblclick();
    await frame.locator('.detail-text').waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const hc = await hcColours(frame);
    assert.equal(hc.background, 'rgb(255, 255, 255)', JSON.stringify(hc));
    assert.ok(contrast(hc.cellText, hc.background) >= 4.5, `grid text ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.headerText, hc.background) >= 4.5, `header text ${JSON.stringify(hc)}`);
    assert.ok(contrast(hc.detailText, hc.background) >= 4.5, `value text ${JSON.stringify(hc)}`);
    // High Contrast Light draws its edges in contrastBorder: the header's rule and the value view's.
    assert.ok(sameColour(hc.headerBorder, hc.contrastBorder), `header border ${JSON.stringify(hc)}`);
    assert.ok(sameColour(hc.detailBorder, hc.contrastBorder), `value view border ${JSON.stringify(hc)}`);
    await wb.screenshot(99, 'high-contrast-light-grid');
    await frame.locator('.detail').getByText('Close').first().click();

    // Every series colour the chart is given stands out from the background as a graphic must (3:1).
    const vars = await themeLookup(frame);
    const config = vegaThemeConfig((n) => vars[n] ?? '') as { range: { category: string[] }; background: string };
    const background = parseHexColor(config.background)!;
    for (const colour of config.range.category.slice(0, 6)) {
      const ratio = contrastRatio(parseHexColor(colour)!, background);
      assert.ok(ratio >= 3, `series colour ${colour} on ${config.background}: ${ratio.toFixed(2)}:1`);
    }
    await showTab(frame, 'Chart');
    await waitFor('the chart in High Contrast Light', async () =>
      (await frame.locator('.chart-host[role=img]').count()) > 0 ? true : undefined,
    );
    await wb.page.waitForTimeout(300);
    await wb.screenshot(99, 'high-contrast-light-chart');
    await showTab(frame, 'Results');

    // The walkthrough's page in the same theme, wide enough to show its step's media beside the steps.
    await wb.runCommand('View: Close All Editors', false);
    await wb.runCommand('Welcome: Open Walkthrough...');
    const row = wb.page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Connection Analytics' })
      .first();
    await row.click({ timeout: UI_TIMEOUT_MS });
    const media = await mediaHeading(wb, 'Your first query');
    await themeApplied(wb, 'highContrastLight', media);
    const page = await media.evaluate(() => ({
      text: getComputedStyle(document.querySelector('h1')!).color,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    const steps = await wb.page
      .locator('.gettingStartedContainer')
      .first()
      .evaluate((c: PageElement) => ({
        text: getComputedStyle(c.querySelector('.step-title') ?? c).color,
        background: getComputedStyle(c).backgroundColor,
      }));
    assert.ok(contrast(page.text, page.background) >= 4.5, `walkthrough media ${JSON.stringify(page)}`);
    assert.ok(contrast(steps.text, steps.background) >= 4.5, `walkthrough steps ${JSON.stringify(steps)}`);
    assert.equal(steps.background, 'rgb(255, 255, 255)', `the walkthrough is not light: ${JSON.stringify(steps)}`);
    await wb.screenshot(99, 'high-contrast-light-walkthrough');
  } finally {
    await unzoom(wb, original).catch(() => undefined);
    await wb.page.keyboard.press('Escape');
    await pickTheme(wb, 'Default Dark Modern');
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await crashNotices(wb), []);
}
