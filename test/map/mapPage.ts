/**
 * Renders the built dependency-map bundle (dist/webview/map.js) in headless Chromium, as the webview
 * would: the shared webview page under its CSP, acquireVsCodeApi stubbed, VS Code's dark theme
 * variables set, and the host's mapGraph message posted once the page says it is ready. Used by the
 * map test, the layout benchmark and the screenshots in docs/screenshots.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runLocalQuery } from '../../src/backends/local';
import { generateSampleWorkspace } from '../../src/data/sample';
import type { MapGraphMessage } from '../../src/protocol/mapMessages';
import { buildFleetGraph, type FleetGraph } from '../../src/render/fleetGraph';
import { webviewPageHtml } from '../../src/webviewHtml/resultsPanelHtml';
import { dependencyMapQuery } from '../../src/ui/machines/fleetQueries';
import { mapConnectionRows } from '../../src/ui/machines/fleetRows';
import { coveringRange, mapDiffQuery, type TimeWindow } from '../../src/ui/map/mapDiffQuery';
import { diffRows, withChanges } from '../../src/ui/map/mapDiffRows';

export const CHROMIUM = '/usr/bin/chromium';
export const MAP_BUNDLE = path.resolve('dist/webview/map.js');
export const SAMPLE_NOW = '2026-11-23T12:00:00Z';
export const SAMPLE_RANGE: TimeWindow = { start: '2026-11-22T12:00:00.000Z', end: '2026-11-23T12:00:00.000Z' };
export const YESTERDAY: TimeWindow = { start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' };
export const TODAY: TimeWindow = { start: '2026-11-23T00:00:00.000Z', end: SAMPLE_RANGE.end };

let workspace: ReturnType<typeof generateSampleWorkspace> | undefined;
const messages = new Map<string, MapGraphMessage>();

type SampleOptions = {
  window?: TimeWindow;
  focus?: readonly string[];
  compare?: { before: TimeWindow; after: TimeWindow };
};

/** The sample workspace's whole-fleet map over a window, with the diff of two windows when given (cached: tests ask often). */
export function sampleMessage(o: SampleOptions = {}): MapGraphMessage {
  const key = JSON.stringify(o);
  const cached = messages.get(key);
  if (cached) {
    return cached;
  }
  const message = buildSampleMessage(o);
  messages.set(key, message);
  return message;
}

function buildSampleMessage(o: SampleOptions): MapGraphMessage {
  workspace ??= generateSampleWorkspace({ now: new Date(SAMPLE_NOW) });
  const ws = workspace;
  const run = (q: string, range: TimeWindow) =>
    runLocalQuery(ws.database, q, { timeRange: range, nowMs: Date.parse(SAMPLE_NOW) });
  const window = o.compare?.after ?? o.window ?? SAMPLE_RANGE;
  let connections = mapConnectionRows(run(dependencyMapQuery([]), window));
  let diff: MapGraphMessage['diff'];
  if (o.compare) {
    const rows = diffRows(
      run(mapDiffQuery(o.compare.before, o.compare.after), coveringRange(o.compare.before, o.compare.after)),
    );
    connections = withChanges(connections, rows);
    diff = { before: o.compare.before, after: o.compare.after, rows };
  }
  const focusIds = (o.focus ?? []).map((c) => {
    const m = ws.fleet.machines.find((x) => x.name === c);
    if (!m) {
      throw new Error(`no machine ${c} in the sample workspace`);
    }
    return m.resourceName;
  });
  const graph = buildFleetGraph(connections, { seeds: focusIds });
  return {
    type: 'mapGraph',
    title: focusIds.length ? `Dependency map: ${(o.focus ?? []).join(', ')}` : 'Dependency map: all machines',
    graph,
    mode: focusIds.length ? 'focus' : 'fleet',
    focus: focusIds.map((id) => `machine:${id}`),
    range: SAMPLE_RANGE,
    window,
    ...(diff ? { diff } : {}),
  };
}

export function sampleGraph(): FleetGraph {
  return sampleMessage().graph;
}

const DARK_THEME = `body {
  --vscode-editor-background: #1f1f1f; --vscode-foreground: #cccccc; --vscode-errorForeground: #f85149;
  --vscode-charts-blue: #3794ff; --vscode-charts-purple: #b180d7; --vscode-charts-green: #89d185;
  --vscode-charts-orange: #d18616; --vscode-charts-yellow: #cca700; --vscode-disabledForeground: #8b8b8b;
  --vscode-editorLineNumber-foreground: #6e7681; --vscode-panel-border: #2b2b2b;
  --vscode-font-family: "DejaVu Sans", system-ui, sans-serif; --vscode-font-size: 13px;
}`;

export interface RenderedMap {
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors and CSP violations the page reported. */
  readonly problems: string[];
  readonly dir: string;
}

/** Opens the map page and posts `message`; with `wait` false (a message that draws nothing), returns without waiting for a layout. */
export async function renderMap(
  message: unknown,
  size = { width: 1400, height: 900 },
  wait = true,
): Promise<RenderedMap> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'map-page-'));
  fs.copyFileSync(MAP_BUNDLE, path.join(dir, 'map.js'));
  fs.writeFileSync(path.join(dir, 'message.json'), JSON.stringify(message));
  const nonce = 'testnonce0123456789';
  const html = webviewPageHtml({
    cspSource: 'file:',
    scriptUri: 'map.js',
    nonce,
    title: 'map',
    blobWorkers: true,
  }).replace(
    '</head>',
    `<style nonce="${nonce}">${DARK_THEME}</style>
<script nonce="${nonce}">
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
</script>
</head>`,
  );
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--allow-file-access-from-files'],
  });
  const page = await browser.newPage({ viewport: size, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') {
      problems.push(m.text());
    }
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  if (wait) {
    await postToMap(page, message);
  } else {
    await page.evaluate(
      (m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'),
      message,
    );
  }
  problems.push(...(await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations)));
  return { browser, page, problems, dir };
}

/** Posts a host message as VS Code would and waits until the map has laid it out. */
export async function postToMap(page: Page, message: unknown): Promise<void> {
  await page.evaluate(
    (m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'),
    message,
  );
  await waitForLayout(page);
}

/** Waits until the map's layout is done and drawn. */
export async function waitForLayout(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          getElementById(id: string): { classList: { contains(c: string): boolean } } | null;
          querySelector(s: string): unknown;
        };
      }
    ).document;
    return !!doc.getElementById('busy')?.classList.contains('hidden') && !!doc.querySelector('#map canvas, #empty');
  });
  await page.waitForTimeout(300);
}

export async function closeMap(map: RenderedMap): Promise<void> {
  await map.browser.close();
  fs.rmSync(map.dir, { recursive: true, force: true });
}
