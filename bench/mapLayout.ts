/**
 * Dependency map at fleet scale, in headless Chromium: (1) layout candidates (dagre, cose, fcose) on the
 * collapsed fleet view; (2) the shipped map bundle from receiving the host's message to its first
 * interactive frame. Synthetic fleets of 100 and 300 machines (10 processes each) with 1,000 and 10,000
 * connections; every figure is also printed as a ratio to a 10-machine, 100-connection fleet of the
 * same run. Goal: the 300-machine map interactive within 2 s. Run: `npx tsx bench/mapLayout.ts` after
 * `npm run build` (`--shipped` for the shipped bundle only).
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { MapGraphMessage } from '../src/protocol/mapMessages';
import { buildFleetGraph, type FleetConnection } from '../src/render/fleetGraph';
import { visibleGraph } from '../src/render/fleetView';
import { webviewPageHtml } from '../src/webviewHtml/resultsPanelHtml';
import { CHROMIUM, MAP_BUNDLE, renderMap, closeMap } from '../test/map/mapPage';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PORTS = [443, 80, 1433, 5432, 6379, 9092, 8080, 389, 53, 22];

/** A fleet: machines on 10.x, each with 10 processes; 70% of connections to other machines, the rest to the internet. */
function fleet(machines: number, connections: number): FleetConnection[] {
  const r = rng(machines * 7919 + connections);
  const rows: FleetConnection[] = [];
  for (let i = 0; i < connections; i++) {
    const m = Math.floor(r() * machines);
    const p = Math.floor(r() * 10);
    const internal = r() < 0.7;
    const target = Math.floor(r() * machines);
    const port = PORTS[Math.floor(r() * PORTS.length)]!;
    rows.push({
      machine: `m-${m}`,
      computer: `host-${String(m).padStart(3, '0')}`,
      process: `m-${m}/p-${p}`,
      processName: `proc-${p}`,
      remoteIp: internal
        ? `10.${target >> 8}.${target & 255}.10`
        : `${20 + Math.floor(r() * 200)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
      port,
      protocol: 'tcp',
      remoteMachine: internal ? `m-${target}` : '',
      remoteComputer: internal ? `host-${String(target).padStart(3, '0')}` : '',
      bytesSent: Math.floor(r() * 1e6),
      bytesReceived: Math.floor(r() * 1e7),
      linksEstablished: 1 + Math.floor(r() * 100),
      linksFailed: r() < 0.05 ? Math.floor(r() * 20) : 0,
      maliciousIps: [],
      threats: [],
    });
  }
  return rows;
}

const SIZES: readonly [number, number][] = [
  [10, 100],
  [100, 1_000],
  [300, 1_000],
  [300, 10_000],
];
const CANDIDATES = ['dagre', 'cose', 'fcose-default', 'fcose-draft'];
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function message(machines: number, connections: number): MapGraphMessage {
  const graph = buildFleetGraph(fleet(machines, connections));
  const range = { start: '2026-11-22T12:00:00.000Z', end: '2026-11-23T12:00:00.000Z' };
  return { type: 'mapGraph', title: `${machines} machines`, graph, mode: 'fleet', focus: [], range, window: range };
}

async function candidates(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'map-layout-'));
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'map/layoutPage.ts')],
    bundle: true,
    outfile: path.join(dir, 'layout.js'),
    format: 'iife',
    platform: 'browser',
    logLevel: 'warning',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    webviewPageHtml({ cspSource: 'file:', scriptUri: 'layout.js', nonce: 'n0nce', title: 'layout' }).replace(
      "style-src file: 'nonce-n0nce'",
      "style-src file: 'unsafe-inline'",
    ),
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--allow-file-access-from-files'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  console.log('Layout + first frame of the collapsed fleet view (median of 3), ms and ratio to 10 machines:');
  console.log(['fleet'.padEnd(28), ...CANDIDATES.map((c) => c.padStart(20))].join(''));
  const reference: Record<string, number> = {};
  for (const [machines, connections] of SIZES) {
    const view = visibleGraph(message(machines, connections).graph, {
      mode: 'fleet',
      focus: [],
      expanded: new Set(),
      grown: new Set(),
      weight: 'links',
      externals: true,
    });
    const elements = [
      ...view.nodes.map((n) => ({ group: 'nodes', data: { id: n.id } })),
      ...view.edges.map((e) => ({ group: 'edges', data: { id: e.id, source: e.source, target: e.target } })),
    ];
    const cells: string[] = [];
    for (const c of CANDIDATES) {
      if (c === 'dagre' && view.edges.length > 500) {
        cells.push('skipped (≥ 80 s)'.padStart(20));
        continue;
      }
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        times.push(
          await page.evaluate(
            ([els, name]) =>
              (globalThis as unknown as { __layout(e: unknown, n: string): Promise<number> }).__layout(
                els,
                name as string,
              ),
            [elements, c] as const,
          ),
        );
      }
      const ms = median(times);
      reference[c] ??= ms;
      cells.push(`${ms.toFixed(0)} (${(ms / reference[c]!).toFixed(1)}×)`.padStart(20));
    }
    console.log(
      [`${machines} m, ${connections} c: ${view.nodes.length}n/${view.edges.length}e`.padEnd(28), ...cells].join(''),
    );
  }
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

interface ShippedRun {
  /** Message posted → the map's first frame with nodes on it (pannable, hoverable; faded while placed). */
  drawn: number;
  /** Message posted → the final layout drawn and the progress note gone. */
  laidOut: number;
  /** The longest the page's thread was busy in one go meanwhile (gaps between 10 ms timer ticks). */
  stall: number;
  where: string;
}

/**
 * The shipped bundle: host message posted → first frame, layout done, and how long the page froze;
 * `onPage` removes Worker first, so the map falls back to laying out on the page's thread (as before).
 */
async function shipped(onPage: boolean): Promise<void> {
  console.log(
    `\nShipped map, fcose ${onPage ? 'on the page (no Worker)' : 'in a Web Worker'}: message → first frame / laid out, and the longest freeze of the page (median of ${RUNS}):`,
  );
  let reference = 0;
  for (const [machines, connections] of SIZES) {
    const m = message(machines, connections);
    const runs: ShippedRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const map = await renderMap({ type: 'mapLoading', note: 'waiting' }, { width: 1400, height: 900 }, false);
      // tsx names the page function's inner arrows with a helper the page does not have.
      await map.page.evaluate(`globalThis.__name = (f) => f;${onPage ? ' delete globalThis.Worker;' : ''}`);
      const run = await map.page.evaluate(
        (msg) =>
          new Promise<ShippedRun>((resolve) => {
            type El = { classList: { contains(c: string): boolean }; getAttribute(n: string): string | null };
            const g = globalThis as unknown as {
              postMessage(m: unknown, o: string): void;
              document: { getElementById(id: string): El | null; querySelector(s: string): unknown };
              requestAnimationFrame(f: () => void): void;
            };
            const started = performance.now();
            let drawn = 0;
            let last = started;
            let stall = 0;
            const beat = setInterval(() => {
              const now = performance.now();
              stall = Math.max(stall, now - last);
              last = now;
            }, 10);
            g.postMessage(msg, '*');
            const poll = () => {
              const busy = g.document.getElementById('busy');
              const canvas = g.document.querySelector('#map canvas');
              if (canvas && !drawn) {
                drawn = performance.now() - started;
              }
              if (busy?.classList.contains('hidden') && canvas) {
                g.requestAnimationFrame(() => {
                  clearInterval(beat);
                  const laidOut = performance.now() - started;
                  resolve({
                    drawn: drawn || laidOut,
                    laidOut,
                    stall,
                    where: g.document.getElementById('map')?.getAttribute('data-layout') ?? '?',
                  });
                });
              } else {
                setTimeout(poll, 5);
              }
            };
            setTimeout(poll, 5);
          }),
        m,
      );
      if (map.problems.length) {
        throw new Error(map.problems.join('; '));
      }
      await closeMap(map);
      runs.push(run);
    }
    const drawn = median(runs.map((r) => r.drawn));
    const laidOut = median(runs.map((r) => r.laidOut));
    const stall = median(runs.map((r) => r.stall));
    reference ||= laidOut;
    const goal =
      machines === 300
        ? drawn <= 2000
          ? ' (goal: interactive ≤ 2 s: met)'
          : ' (goal: interactive ≤ 2 s: NOT met)'
        : '';
    console.log(
      `  ${machines} machines, ${connections} connections (${m.graph.processes.length} processes): first frame ${drawn.toFixed(0)} ms, ` +
        `laid out ${laidOut.toFixed(0)} ms (${(laidOut / reference).toFixed(1)}× the 10-machine map, in the ${runs[0]!.where}), longest freeze ${stall.toFixed(0)} ms${goal}`,
    );
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync(MAP_BUNDLE)) {
    console.log('needs /usr/bin/chromium and `npm run build`');
    return;
  }
  // `--shipped`: only the shipped bundle (the candidates' table takes minutes).
  if (!process.argv.includes('--shipped')) {
    await candidates();
  }
  await shipped(true);
  await shipped(false);
}

void main();
