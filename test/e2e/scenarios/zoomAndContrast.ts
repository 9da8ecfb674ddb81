/**
 * Scenario 99: the results panel on the user's screen. The results group dragged down to 150 px under
 * the editor, then 300 px wide; the window at zoom level 2 (144 %) and 3 (173 %); then High Contrast
 * Light and Light Modern, picked with Preferences: Color Theme:
 * - the status line, the tabs and the toolbar lie inside the panel; the grid shows its header and a
 *   row, scrolled to its end its last row is whole above the frame's bottom edge, its header cells line
 *   up with the cells below; the chart's canvas fits the panel;
 * - High Contrast Light: grid text, header text and the selected cell's text at least 4.5:1 on what
 *   they are drawn on, the chart's axis text 4.5:1 and its series colours 3:1;
 * - Light Modern: charts.orange (2.94:1 on white) is drawn in a darker shade that reaches 3:1.
 *
 * Code-server is VS Code for the web: `window.zoomLevel` and View: Zoom In do not exist there (the
 * browser zooms). Desktop VS Code at zoom level n lays a window out in 1/1.2^n of its CSS pixels at that
 * device scale, which is what the DevTools protocol's device metrics set here (Playwright's screenshot puts
 * its own viewport back, so the zoomed ones are taken through the same DevTools session). At level 3
 * the workbench is wider than the window and the results panel ran past its edge until the side bar is
 * closed, which the scenario does as a user would.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CDPSession, Frame } from 'playwright-core';
import { MIN_MARK_CONTRAST, readableOn, vegaThemeConfig } from '../../../src/render/chartTheme';
import { contrastRatio, parseHexColor } from '../../../src/render/colorMeasure';
import { runBlock } from '../queryFile';
import { crashNotices, resultsFrame, waitForGrid, withColumns } from '../resultsPanel';
import { SCREENSHOT_DIR, type Workbench, waitFor } from '../workbench';
import { layoutProblems, narrowPanelTo } from './screenAccess';
import { contrast, pickTheme, themeApplied } from './themes';

const FILE = 'chart-kinds.kql';
const QUERY = '// stacked columnchart';
/** The stacked column chart query's rows (top 12). */
const ROWS = 12;
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
  readonly dataset: Record<string, string | undefined>;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly width: number;
  readonly height: number;
  scrollTop: number;
  getBoundingClientRect(): Box;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
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
  getPropertyValue(name: string): string;
};
declare function requestAnimationFrame(f: () => void): void;

/** DevTools emulation lasts as long as the session that set it: it stays attached until unzoom. */
let zoomSession: CDPSession | undefined;

/** The window at VS Code zoom `level`: `WINDOW` device pixels, 1/1.2^level as many CSS pixels. */
async function zoomWindow(wb: Workbench, level: number): Promise<void> {
  const scale = 1.2 ** level;
  zoomSession ??= await wb.context.newCDPSession(wb.page);
  await zoomSession.send('Emulation.setDeviceMetricsOverride', {
    width: Math.round(WINDOW.width / scale),
    height: Math.round(WINDOW.height / scale),
    deviceScaleFactor: scale,
    mobile: false,
  });
  await waitFor(`the window laid out at zoom level ${level}`, async () =>
    (await wb.page.evaluate<number>('window.innerWidth')) === Math.round(WINDOW.width / scale) ? true : undefined,
  );
}

/**
 * A screenshot of the zoomed window, taken through the session that zoomed it: Playwright's own
 * screenshot puts back its 1440×900 viewport, which unzoomed the window for every check after it.
 */
async function zoomedScreenshot(wb: Workbench, level: number, name: string): Promise<void> {
  const shot = (await zoomSession!.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
  fs.writeFileSync(path.join(SCREENSHOT_DIR, `e2e-99-${name}.png`), Buffer.from(shot.data, 'base64'));
  const width = await wb.page.evaluate<number>('window.innerWidth');
  assert.equal(width, Math.round(WINDOW.width / 1.2 ** level), `still at zoom level ${level} after the screenshot`);
}

async function unzoom(wb: Workbench, original: { width: number; height: number }): Promise<void> {
  if (zoomSession) {
    await zoomSession.send('Emulation.clearDeviceMetricsOverride');
    await zoomSession.detach();
    zoomSession = undefined;
  }
  await wb.page.setViewportSize(original);
}

async function showTab(frame: Frame, name: 'Results' | 'Chart'): Promise<void> {
  await frame.locator('vscode-tab-header', { hasText: name }).first().click();
}

/**
 * What a user could not reach or read in the Results tab as laid out now: toolbar controls overlapping or
 * past the right edge (layoutProblems), the status line or tabs below the frame, the status line's text
 * cut off at its top or bottom, a grid with no room for its header and a row or running below the frame,
 * header cells not over their column's cells.
 */
async function panelProblems(frame: Frame, where: string): Promise<string[]> {
  const toolbar = await layoutProblems(frame);
  const rest = await frame.evaluate(() => {
    const problems: string[] = [];
    const height = document.documentElement.clientHeight;
    const status = document.querySelector('.status')!;
    for (const el of [status, ...document.querySelectorAll('vscode-tab-header')]) {
      const r = el.getBoundingClientRect();
      if (r.bottom > height + 1) problems.push(`${el.textContent?.trim()} ends at y ${r.bottom} of ${height} px`);
    }
    if (status.scrollHeight > status.clientHeight + 1 || status.clientHeight < 14) {
      problems.push(`the status line shows ${status.clientHeight} px of its ${status.scrollHeight} px text`);
    }
    const viewport = document.querySelector('.grid-viewport');
    const header = document.querySelector('.grid-header');
    if (!viewport || !header) return [...problems, 'no grid'];
    const v = viewport.getBoundingClientRect();
    const rowHeight = header.getBoundingClientRect().height;
    if (Math.min(v.bottom, height) - v.top < 2 * rowHeight) {
      problems.push(
        `the grid shows ${Math.round(Math.min(v.bottom, height) - v.top)} px, less than its header and a row`,
      );
    }
    if (v.bottom > height + 1) problems.push(`the grid runs ${Math.round(v.bottom - height)} px below the frame`);
    const heads = [...document.querySelectorAll('[role=columnheader]')].map((h) => h.getBoundingClientRect());
    const row = document.querySelector('.grid-body [role=row]:not([hidden])');
    const cells = row ? [...row.querySelectorAll('[role=gridcell]')].map((c) => c.getBoundingClientRect()) : [];
    if (cells.length !== heads.length) problems.push(`${heads.length} header cells over ${cells.length} cells`);
    heads.forEach((h, i) => {
      const c = cells[i];
      if (c && (Math.abs(h.left - c.left) > 1 || Math.abs(h.right - c.right) > 1)) {
        problems.push(`header ${i} spans ${h.left}-${h.right}, its cells ${c.left}-${c.right}`);
      }
    });
    return problems;
  });
  return [...toolbar.problems, ...rest].map((p) => `${where}: ${p}`);
}

/**
 * The grid scrolled to its end as a user drags its scrollbar down: its last row must be painted and whole
 * above both the grid's bottom (a horizontal scrollbar) and the frame's. Returns what is wrong, if anything.
 */
async function lastRowProblem(frame: Frame, where: string): Promise<string | undefined> {
  const seen = await waitFor(`${where}: the grid scrolled to its end`, () =>
    frame.evaluate(async (rows) => {
      const v = document.querySelector('.grid-viewport')!;
      v.scrollTop = v.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))));
      const last = [...document.querySelectorAll('.grid-body [role=row]')].find(
        (r) => !r.hidden && r.dataset.row === String(rows - 1),
      );
      if (!last) return undefined;
      const shown = Math.min(v.getBoundingClientRect().top + v.clientHeight, document.documentElement.clientHeight);
      return { bottom: last.getBoundingClientRect().bottom, shown };
    }, ROWS),
  );
  return seen.bottom <= seen.shown + 0.5
    ? undefined
    : `${where}: the last row ends at ${seen.bottom}, the grid shows down to ${seen.shown}`;
}

/** The chart's canvas inside the frame, once drawn at the panel's size (it redraws after a resize). */
async function chartFitProblem(frame: Frame, where: string): Promise<string | undefined> {
  await showTab(frame, 'Chart');
  const measure = (): Promise<string | undefined> =>
    frame.evaluate(() => {
      const canvas = document.querySelector('.chart-host canvas');
      if (!canvas || canvas.width === 0) return 'no canvas';
      const c = canvas.getBoundingClientRect();
      const w = document.documentElement.clientWidth;
      const h = document.documentElement.clientHeight;
      return c.right <= w + 1 && c.bottom <= h + 1 && c.width > 50 && c.height > 50
        ? undefined
        : `canvas ${c.width}×${c.height} to ${c.right}×${c.bottom} in ${w}×${h}`;
    });
  const fits = await waitFor(`${where}: the chart drawn inside the panel`, async () =>
    (await measure()) === undefined ? true : undefined,
  ).catch(() => false);
  return fits ? undefined : `${where}: the chart does not fit (${await measure()})`;
}

/** The results group below the query's, dragged to `px` tall by the sash between them. */
async function resultsBelow(wb: Workbench, frame: Frame, px: number): Promise<number> {
  await wb.runCommand('Toggle Vertical/Horizontal Editor Layout');
  const height = async (): Promise<number> => (await (await frame.frameElement()).boundingBox())?.height ?? 0;
  await waitFor('the results group under the editor', async () => ((await height()) < 600 ? true : undefined));
  for (let i = 0; i < 4 && Math.abs((await height()) - px) > 8; i++) {
    const box = (await (await frame.frameElement()).boundingBox())!;
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
    const before = box.height;
    await waitFor('the results group resized', async () => ((await height()) !== before ? true : undefined)).catch(
      () => undefined,
    );
  }
  return height();
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

/**
 * Pixels of the chart's canvas within `tolerance` per channel of `hex` (0: that colour exactly, as a bar's
 * inside is filled; the darker orange is only 2 apart from the theme's).
 */
async function canvasPixels(frame: Frame, hex: string, tolerance = 3): Promise<number> {
  const c = parseHexColor(hex)!;
  return frame.evaluate(
    ([r, g, b, t]) => {
      const canvas = document.querySelector('.chart-host canvas');
      if (!canvas) return 0;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - r!) <= t! && Math.abs(data[i + 1]! - g!) <= t! && Math.abs(data[i + 2]! - b!) <= t!)
          n++;
      }
      return n;
    },
    [c.r, c.g, c.b, tolerance],
  );
}

/** The text colours of the grid and what each is drawn on (a translucent fill composited over the page). */
async function gridColours(frame: Frame): Promise<Record<'cell' | 'header' | 'selected', [string, string]>> {
  return frame.evaluate(() => {
    const page = getComputedStyle(document.body).backgroundColor;
    const over = (fill: string, under: string): string => {
      const f = /rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?/.exec(fill)!;
      const u = /rgba?\((\d+), (\d+), (\d+)/.exec(under)!;
      const a = f[4] === undefined ? 1 : Number(f[4]);
      return `rgb(${[1, 2, 3].map((i) => Math.round(Number(f[i]) * a + Number(u[i]) * (1 - a))).join(', ')})`;
    };
    const pair = (el: PageElement, under: string): [string, string] => [
      getComputedStyle(el).color,
      over(getComputedStyle(el).backgroundColor, under),
    ];
    const header = document.querySelector('.grid-header')!;
    const headerBackground = over(getComputedStyle(header).backgroundColor, page);
    return {
      cell: pair(document.querySelector('.grid-body [role=gridcell]:not(.selected)')!, page),
      header: [getComputedStyle(document.querySelector('.head-name')!).color, headerBackground],
      selected: pair(document.querySelector('.grid-body .cell.selected')!, page),
    };
  });
}

export async function zoomAndContrastScenario(wb: Workbench, workspace: string): Promise<void> {
  const original = wb.page.viewportSize() ?? { width: 1440, height: 900 };
  await wb.openFile(FILE);
  await runBlock(wb, workspace, FILE, QUERY);
  const frame = await resultsFrame(wb, 90_000);
  // A query that renders a chart opens on its chart: the grid is one tab away.
  await waitFor('the chart of the stacked column chart query', async () =>
    (await frame.locator('.chart-host[role=img]').count()) > 0 ? true : undefined,
  );
  await showTab(frame, 'Results');
  await waitForGrid(wb, 'the stacked column chart query', withColumns('Computer', 'Direction', 'Links'));
  const problems: string[] = [];
  const check = (problem: string | undefined): void => {
    if (problem) problems.push(problem);
  };
  let below = false;
  let sideBarClosed = false;
  try {
    // A short group under the editor: the grid keeps its header, a row, and shows its last row.
    below = true;
    const short = await resultsBelow(wb, frame, 150);
    assert.ok(Math.abs(short - 150) <= 12, `the results group is ${short} px tall, not about 150`);
    await frame.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').first().waitFor();
    problems.push(...(await panelProblems(frame, `${Math.round(short)} px tall`)));
    check(await lastRowProblem(frame, `${Math.round(short)} px tall`));
    await wb.screenshot(99, 'short-150');
    await wb.runCommand('Toggle Vertical/Horizontal Editor Layout');
    below = false;

    // A narrow side editor.
    const narrow = await narrowPanelTo(wb, frame, 300, original);
    problems.push(...(await panelProblems(frame, `${Math.round(narrow)} px wide`)));
    check(await lastRowProblem(frame, `${Math.round(narrow)} px wide`));
    await wb.screenshot(99, 'narrow-300');
    await wb.page.setViewportSize(original);

    // The window zoomed. At level 3 the workbench (side bar, two editor groups at their least widths) is
    // wider than the window's 593 CSS px and runs past its right edge, the results panel with it: the
    // user closes the side bar, as they would.
    for (const level of [2, 3]) {
      await zoomWindow(wb, level);
      if (level === 3) {
        await wb.runCommand('View: Close Primary Side Bar');
        sideBarClosed = true;
      }
      await showTab(frame, 'Results');
      const box = await waitFor(`zoom level ${level}: the results panel inside the window`, async () => {
        const b = (await (await frame.frameElement()).boundingBox())!;
        return b.x + b.width <= Math.round(WINDOW.width / 1.2 ** level) + 1 ? b : undefined;
      }).catch((e: Error) => e);
      if (box instanceof Error) problems.push(box.message);
      problems.push(...(await panelProblems(frame, `zoom level ${level}`)));
      check(await lastRowProblem(frame, `zoom level ${level}`));
      await zoomedScreenshot(wb, level, `zoom-${level}-grid`);
      check(await chartFitProblem(frame, `zoom level ${level}`));
      await zoomedScreenshot(wb, level, `zoom-${level}-chart`);
      await showTab(frame, 'Results');
    }
    await unzoom(wb, original);

    // High Contrast Light: the grid's texts, the selection, the chart's text and marks.
    await pickTheme(wb, 'Default High Contrast Light');
    await themeApplied(wb, 'highContrastLight', frame);
    await showTab(frame, 'Results');
    await frame.locator('.grid-body [role=row][data-row="0"] [role=gridcell]').first().click();
    const hc = await gridColours(frame);
    for (const [what, [text, under]] of Object.entries(hc)) {
      const ratio = contrast(text, under);
      if (ratio < 4.5) problems.push(`High Contrast Light: ${what} text ${text} on ${under} is ${ratio.toFixed(2)}:1`);
    }
    await wb.screenshot(99, 'high-contrast-light-grid');
    const hcVars = await themeLookup(frame);
    const hcConfig = vegaThemeConfig((n) => hcVars[n] ?? '') as {
      background: string;
      axis: { labelColor: string };
      range: { category: string[] };
    };
    const white = parseHexColor(hcConfig.background)!;
    const axisRatio = contrastRatio(parseHexColor(hcConfig.axis.labelColor)!, white);
    if (axisRatio < 4.5) problems.push(`High Contrast Light: axis text ${axisRatio.toFixed(2)}:1`);
    for (const colour of hcConfig.range.category.slice(0, 6)) {
      const ratio = contrastRatio(parseHexColor(colour)!, white);
      if (ratio < MIN_MARK_CONTRAST) problems.push(`High Contrast Light: series ${colour} ${ratio.toFixed(2)}:1`);
    }
    check(await chartFitProblem(frame, 'High Contrast Light'));
    // The chart is drawn with those colours: its axis labels and its first two series are on the canvas.
    for (const colour of [hcConfig.axis.labelColor, ...hcConfig.range.category.slice(0, 2)]) {
      await waitFor(`High Contrast Light: the chart drawn in ${colour}`, async () =>
        (await canvasPixels(frame, colour)) > 20 ? true : undefined,
      );
    }
    await wb.screenshot(99, 'high-contrast-light-chart');

    // Light Modern: its orange is too light for a chart mark on white; the chart draws a darker shade.
    await pickTheme(wb, 'Default Light Modern');
    await themeApplied(wb, 'light', frame);
    const vars = await themeLookup(frame);
    const background = vars['--vscode-editor-background']!;
    const orange = vars['--vscode-charts-orange']!;
    assert.ok(
      contrastRatio(parseHexColor(orange)!, parseHexColor(background)!) < MIN_MARK_CONTRAST,
      `Light Modern's orange ${orange} on ${background} already reaches 3:1: nothing to show here`,
    );
    const drawn = readableOn(orange, background, MIN_MARK_CONTRAST);
    const ratio = contrastRatio(parseHexColor(drawn)!, parseHexColor(background)!);
    assert.ok(ratio >= MIN_MARK_CONTRAST, `${drawn} is ${ratio.toFixed(2)}:1`);
    await showTab(frame, 'Chart');
    await waitFor(`Light Modern: the chart's orange series drawn in ${drawn}, not ${orange}`, async () =>
      (await canvasPixels(frame, drawn, 0)) > 100 && (await canvasPixels(frame, orange, 0)) === 0 ? true : undefined,
    );
    await wb.screenshot(99, 'light-modern-chart');
    await showTab(frame, 'Results');
  } finally {
    await unzoom(wb, original).catch(() => undefined);
    if (below) await wb.runCommand('Toggle Vertical/Horizontal Editor Layout').catch(() => undefined);
    if (sideBarClosed) await wb.runCommand('View: Toggle Primary Side Bar Visibility').catch(() => undefined);
    await wb.page.keyboard.press('Escape');
    await pickTheme(wb, 'Default Dark Modern');
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(await crashNotices(wb), []);
}
