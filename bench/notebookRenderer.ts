/**
 * The notebook output renderer against the results panel, in a real browser (Debian's chromium,
 * headless), both from the built bundles: time from handing over a 100,000-row result to the first
 * painted grid. The panel receives it by postMessage (structured clone); the renderer as VS Code gives
 * it, JSON bytes parsed by `item.json()`. Printed as the renderer's time over the panel's, median of 3,
 * with the CSP violations the renderer's page saw (there must be none).
 * Run: `npx tsx bench/notebookRenderer.ts` (after `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { ResultTable, WireValue } from '../src/results/queryResult';
import { RESULT_MIME, type NotebookResultPayload } from '../src/notebook/notebookFile';
import { bundlePath, initScript, servePanel } from './webview/page';

const root = path.resolve(__dirname, '..');
const ROWS = 100_000;

function table(n: number): ResultTable {
  const rows: WireValue[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      `machine-${i % 97}`,
      'nginx',
      `10.0.${(i >> 8) & 255}.${i & 255}`,
      443,
      i % 3 ? 'outbound' : 'inbound',
      (i * 31) % 5_000_000,
      (i * 17) % 9_000_000,
      { tags: ['a', i % 7] },
    ]);
  }
  return {
    name: 'PrimaryResult',
    columns: [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'Computer', type: 'string' },
      { name: 'ProcessName', type: 'string' },
      { name: 'RemoteIp', type: 'string' },
      { name: 'DestinationPort', type: 'int' },
      { name: 'Direction', type: 'string' },
      { name: 'BytesSent', type: 'long' },
      { name: 'BytesReceived', type: 'long' },
      { name: 'AdditionalInformation', type: 'dynamic' },
    ],
    rows,
  };
}

/** A page that loads the renderer bundle as VS Code does (an ES module exporting activate), under a strict CSP. */
async function serveRenderer(bundle: string): Promise<{ url: string; close(): Promise<void> }> {
  const code = fs.readFileSync(bundle);
  const server = http.createServer((req, res) => {
    if (req.url === '/renderer.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(code);
      return;
    }
    const nonce = Math.random().toString(36).slice(2);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}' ${origin}; style-src 'unsafe-inline'; img-src data:; font-src ${origin}">
<script type="module" nonce="${nonce}">import { activate } from '/renderer.js'; window.__renderer = activate(); window.__ready = true;</script></head>
<body><div id="out" style="width:1100px"></div></body></html>`);
  });
  let origin = '';
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: `${origin}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function rendererMs(page: Page, json: string): Promise<number> {
  await page.evaluate((text) => ((globalThis as unknown as { __json: string }).__json = text), json);
  return page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    new PerformanceObserver((list, obs) => {
      if (list.getEntriesByName('kql-notebook-grid-painted').length) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }
    }).observe({ entryTypes: ['mark'] });
    window.__renderer.renderOutputItem({ id: 'o1', mime: ${JSON.stringify(RESULT_MIME)}, json: () => JSON.parse(window.__json) }, document.getElementById('out'));
  })`);
}

async function panelMs(page: Page, msgJson: string): Promise<number> {
  await page.evaluate((text) => ((globalThis as unknown as { __msg: unknown }).__msg = JSON.parse(text)), msgJson);
  return page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    new PerformanceObserver((list, obs) => {
      if (list.getEntriesByName('kql-grid-painted').length) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      }
    }).observe({ entryTypes: ['mark'] });
    window.postMessage(window.__msg, '*');
  })`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const rendererBundle = path.join(root, 'dist/webview/notebookRenderer.js');
  if (!fs.existsSync(rendererBundle) || !fs.existsSync(bundlePath(root))) {
    spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    console.error(`No browser at ${executablePath}: install Debian's chromium or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  const t = table(ROWS);
  const result = {
    tables: [t],
    stats: { backend: 'local' as const, durationMs: 80, rowCount: ROWS, truncated: false },
    warnings: [],
  };
  const payload: NotebookResultPayload = { result, rowsReturned: ROWS };
  const payloadJson = JSON.stringify(payload);
  const msgJson = JSON.stringify({
    type: 'showResult',
    documentUri: 'file:///x.kql',
    queryText: 'x',
    blockStartLine: 0,
    options: { maxChartPoints: 20_000 },
    result,
  });
  const panel = await servePanel(bundlePath(root));
  const renderer = await serveRenderer(rendererBundle);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const nb: number[] = [];
    const ref: number[] = [];
    let violations: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await browser.newPage({ viewport: { width: 1200, height: 700 } });
      await p.addInitScript(initScript());
      await p.goto(panel.url);
      await p.waitForFunction('window.__posted.some((m) => m.type === "ready")');
      ref.push(await panelMs(p, msgJson));
      await p.close();
      const n = await browser.newPage({ viewport: { width: 1200, height: 700 } });
      n.on('pageerror', (e) => console.error(`page error: ${e.message}`));
      await n.addInitScript(initScript());
      await n.goto(renderer.url);
      await n.waitForFunction('window.__ready === true');
      nb.push(await rendererMs(n, payloadJson));
      violations = violations.concat((await n.evaluate('window.__cspViolations')) as string[]);
      await n.close();
    }
    const a = median(nb);
    const b = median(ref);
    console.log('notebook output renderer (chromium headless, built bundles, median of 3):');
    console.log(
      `  first grid paint, ${ROWS.toLocaleString('en-US')} rows: ${a.toFixed(0)} ms  (${(a / b).toFixed(2)}× the results panel's: ${b.toFixed(0)} ms)`,
    );
    console.log(
      `  CSP violations:                    ${violations.length}${violations.length ? ` (${[...new Set(violations)].join('; ')})` : ''}`,
    );
    if (violations.length) process.exitCode = 1;
  } finally {
    await browser.close();
    await panel.close();
    await renderer.close();
  }
}

void main();
