/**
 * The built results webview (dist/webview/results.js) in headless Chromium, as VS Code shows it: the
 * panel's own HTML under its CSP, VS Code's theme variables, an acquireVsCodeApi stub that records what
 * the page posts. Tests post host messages to it and read what is on screen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ResultTable } from '../../src/results/queryResult';
import type { HostMessage, ShowResultMessage } from '../../src/protocol/messages';
import type { RenderInfo } from '../../src/results/queryResult';
import {
  bundlePath,
  initScript,
  pageJson,
  servePanel,
  type PageServer,
  type PageTheme,
} from '../../bench/webview/page';
import { toColumnar } from '../../src/protocol/columnar';

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
