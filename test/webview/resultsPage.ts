/**
 * The built results webview (dist/webview/results.js) in headless Chromium, as VS Code shows it: the
 * panel's own HTML under its CSP, VS Code's theme variables, an acquireVsCodeApi stub that records what
 * the page posts. Tests post host messages to it and read what is on screen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  bundlePath,
  initScript,
  type PageServer,
  type PageTheme,
  pageJson,
  servePanel,
} from '../../bench/webview/page';
import { toColumnar } from '../../src/protocol/columnar';
import type { HostMessage, ShowResultMessage } from '../../src/protocol/messages';
import type { RenderInfo, ResultTable, WireValue } from '../../src/results/queryResult';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_BUNDLE = bundlePath(path.resolve(__dirname, '../..'));
export const canRenderResults = fs.existsSync(CHROMIUM) && fs.existsSync(RESULTS_BUNDLE);
export const SKIP_WITHOUT_CHROMIUM = canRenderResults ? false : 'needs /usr/bin/chromium and `npm run build`';

export interface ResultsPage {
  readonly page: Page;
  /** Page errors and CSP violations seen so far. */
  problems(): Promise<string[]>;
  /** Posts a host message as VS Code would deliver it (structured clone, transferables moved). */
  post(message: HostMessage): Promise<void>;
  /** What the page posted to the host. */
  posted(): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

let browser: Browser | undefined;
let server: PageServer | undefined;
let users = 0;

/** Opens the panel in a fresh page of a browser shared by the tests of one file. */
export async function openResultsPage(
  size = { width: 1000, height: 600 },
  theme: PageTheme = 'dark',
  /** The browser's time zone (IANA name), e.g. to prove charts do not shift UTC times to it. */
  timezoneId?: string,
): Promise<ResultsPage> {
  users++;
  server ??= await servePanel(RESULTS_BUNDLE);
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: size, ...(timezoneId ? { timezoneId } : {}) });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.addInitScript(initScript(theme));
  await page.goto(server.url);
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  return {
    page,
    problems: async () => [...errors, ...(await page.evaluate<string[]>('window.__cspViolations'))],
    post: async (message) => {
      await page.evaluate((json) => {
        const g = globalThis as unknown as { __postHost(m: unknown): void; __revive(j: string): unknown };
        g.__postHost(g.__revive(json));
      }, pageJson(message));
      // Let the handler run and the next frame paint.
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(undefined))))');
    },
    posted: () => page.evaluate('window.__posted'),
    close: async () => {
      await page.close();
      if (--users === 0) {
        await browser?.close();
        await server?.close();
        browser = undefined;
        server = undefined;
      }
    },
  };
}

/** A result message for one table, as the query runner sends it. */
export function resultMessage(
  table: ResultTable,
  render?: RenderInfo,
  extra: Partial<ShowResultMessage> = {},
): ShowResultMessage {
  return {
    type: 'showResult',
    documentUri: 'file:///w/q.kql',
    queryText: 'VMConnection | take 10',
    blockStartLine: 0,
    options: { maxChartPoints: 20_000 },
    result: {
      tables: [toColumnar(table)],
      render,
      stats: { backend: 'local', durationMs: 12, rowCount: table.rows.length, truncated: false },
      warnings: [],
    },
    ...extra,
  };
}

/** The rows the grid shows on screen, top to bottom, each cell's text (rows hidden or off screen excluded). */
export async function paintedRows(page: Page): Promise<string[][]> {
  return page.evaluate(`(() => {
    const vp = document.querySelector('.grid-viewport').getBoundingClientRect();
    const rows = [...document.querySelectorAll('.grid-body [role=row]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return getComputedStyle(r).display !== 'none' && b.height > 0 && b.bottom > vp.top && b.top < vp.bottom;
    });
    rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    return rows.map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent));
  })()`);
}

const HOUR_MS = 3_600_000;
/** The hourly series' first hour: 23 November 2026, 00:00 UTC. */
export const SERIES_START = Date.UTC(2026, 10, 23);

/** `points` hours of TimeGenerated, Computer (one series a name) and Ports, for the chart tests. */
export function hourlySeries(
  names: readonly string[],
  points: number,
  value: (s: number, t: number) => number | null,
): ResultTable {
  const rows: WireValue[][] = [];
  for (let t = 0; t < points; t++) {
    names.forEach((n, s) => rows.push([new Date(SERIES_START + t * HOUR_MS).toISOString(), n, value(s, t)]));
  }
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'Ports', type: 'long' },
    ],
    rows,
  };
}

/** Posts a result with its render and waits until the page says its chart is drawn. */
export async function drawChart(p: ResultsPage, table: ResultTable, render: RenderInfo): Promise<void> {
  await p.page.evaluate('performance.clearMarks("kql-chart-drawn")');
  await p.post(resultMessage(table, render));
  for (let i = 0; i < 200; i++) {
    if (await p.page.evaluate('performance.getEntriesByName("kql-chart-drawn").length > 0')) {
      return;
    }
    await p.page.waitForTimeout(50);
  }
  throw new Error(`the chart was not drawn: ${await p.page.textContent('.chart-note')}`);
}
