/**
 * Renders the built dependency-map bundle (dist/webview/map.js) in headless Chromium, as the webview
 * would: the page from dependencyMapHtml under its CSP, with acquireVsCodeApi stubbed and VS Code's
 * dark theme variables set. Used by the map test and to take the README screenshot.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runLocalQuery } from '../../src/backends/local';
import { generateSampleWorkspace } from '../../src/data/sample';
import { buildDependencyGraph, type DependencyGraph } from '../../src/render/dependencyGraph';
import { dependencyMapHtml } from '../../src/webviewHtml/dependencyMapHtml';
import { dependencyMapQuery } from '../../src/ui/machines/fleetQueries';
import { mapConnectionRows } from '../../src/ui/machines/fleetRows';

export const CHROMIUM = '/usr/bin/chromium';
export const MAP_BUNDLE = path.resolve('dist/webview/map.js');
export const SAMPLE_NOW = '2026-11-23T12:00:00Z';

/** The sample workspace's map of the named machines (by computer name). */
export function sampleGraph(computers: readonly string[]): DependencyGraph {
  const ws = generateSampleWorkspace({ now: new Date(SAMPLE_NOW) });
  const ids = computers.map((c) => {
    const m = ws.fleet.machines.find((x) => x.name === c);
    if (!m) {
      throw new Error(`no machine ${c} in the sample workspace`);
    }
    return m.resourceName;
  });
  const result = runLocalQuery(ws.database, dependencyMapQuery(ids), { timeRange: { duration: 'PT24H' }, nowMs: Date.parse(SAMPLE_NOW) });
  return buildDependencyGraph(mapConnectionRows(result), { maxEndpoints: 150 });
}

const DARK_THEME = `body {
  --vscode-editor-background: #1f1f1f; --vscode-foreground: #cccccc; --vscode-errorForeground: #f85149;
  --vscode-charts-blue: #3794ff; --vscode-charts-purple: #b180d7; --vscode-charts-green: #89d185;
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

export async function renderMap(graph: DependencyGraph, title: string, size = { width: 1400, height: 900 }): Promise<RenderedMap> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'map-page-'));
  fs.copyFileSync(MAP_BUNDLE, path.join(dir, 'map.js'));
  const nonce = 'testnonce0123456789';
  const html = dependencyMapHtml({ cspSource: 'file:', scriptUri: 'map.js', nonce, title, graph }).replace(
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
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--allow-file-access-from-files'] });
  const page = await browser.newPage({ viewport: size, deviceScaleFactor: 1 });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') {
      problems.push(m.text());
    }
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  await page.waitForSelector('#map canvas');
  // Cytoscape draws on the next animation frames.
  await page.waitForTimeout(500);
  problems.push(...(await page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations)));
  return { browser, page, problems, dir };
}

export async function closeMap(map: RenderedMap): Promise<void> {
  await map.browser.close();
  fs.rmSync(map.dir, { recursive: true, force: true });
}
