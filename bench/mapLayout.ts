/**
 * Dependency map at fleet scale, in headless Chromium: (1) layout candidates (dagre, cose, fcose) on the
 * collapsed fleet view; (2) the shipped map bundle from receiving the host's message to its first
 * interactive frame. Synthetic fleets of 100 and 300 machines (10 processes each) with 1,000 and 10,000
 * connections; every figure is also printed as a ratio to a 10-machine, 100-connection fleet of the
 * same run. Goal: the 300-machine map interactive within 2 s. Run: `npx tsx bench/mapLayout.ts` after
 * `npm run build`.
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
      machine: `m-${m}`, computer: `host-${String(m).padStart(3, '0')}`, process: `m-${m}/p-${p}`, processName: `proc-${p}`,
      remoteIp: internal ? `10.${target >> 8}.${target & 255}.10` : `${20 + Math.floor(r() * 200)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
      port, protocol: 'tcp', remoteMachine: internal ? `m-${target}` : '', remoteComputer: internal ? `host-${String(target).padStart(3, '0')}` : '',
      bytesSent: Math.floor(r() * 1e6), bytesReceived: Math.floor(r() * 1e7), linksEstablished: 1 + Math.floor(r() * 100),
      linksFailed: r() < 0.05 ? Math.floor(r() * 20) : 0, maliciousIps: [], threats: [],
    });
  }
  return rows;
}

const SIZES: readonly [number, number][] = [[10, 100], [100, 1_000], [300, 1_000], [300, 10_000]];
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
  await esbuild.build({ entryPoints: [path.join(__dirname, 'map/layoutPage.ts')], bundle: true, outfile: path.join(dir, 'layout.js'), format: 'iife', platform: 'browser', logLevel: 'warning' });
  fs.writeFileSync(path.join(dir, 'index.html'), webviewPageHtml({ cspSource: 'file:', scriptUri: 'layout.js', nonce: 'n0nce', title: 'layout' }).replace("style-src file: 'nonce-n0nce'", "style-src file: 'unsafe-inline'"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--allow-file-access-from-files'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  console.log('Layout + first frame of the collapsed fleet view (median of 3), ms and ratio to 10 machines:');
  console.log(['fleet'.padEnd(28), ...CANDIDATES.map((c) => c.padStart(20))].join(''));
  const reference: Record<string, number> = {};
  for (const [machines, connections] of SIZES) {
    const view = visibleGraph(message(machines, connections).graph, { mode: 'fleet', focus: [], expanded: new Set(), grown: new Set(), weight: 'links', externals: true });
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
        times.push(await page.evaluate(([els, name]) => (globalThis as unknown as { __layout(e: unknown, n: string): Promise<number> }).__layout(els, name as string), [elements, c] as const));
      }
      const ms = median(times);
      reference[c] ??= ms;
      cells.push(`${ms.toFixed(0)} (${(ms / reference[c]!).toFixed(1)}×)`.padStart(20));
    }
    console.log([`${machines} m, ${connections} c: ${view.nodes.length}n/${view.edges.length}e`.padEnd(28), ...cells].join(''));
  }
  await browser.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The shipped bundle: host message posted → layout done and a frame drawn. */
async function shipped(): Promise<void> {
  console.log('\nShipped map (fcose), message → interactive (median of 3):');
  let reference = 0;
  for (const [machines, connections] of SIZES) {
    const m = message(machines, connections);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const map = await renderMap({ type: 'mapLoading', note: 'waiting' }, { width: 1400, height: 900 });
      const ms = await map.page.evaluate(
        (msg) =>
          new Promise<number>((resolve) => {
            const g = globalThis as unknown as { postMessage(m: unknown, o: string): void; document: { getElementById(id: string): { classList: { contains(c: string): boolean } } | null; querySelector(s: string): unknown }; requestAnimationFrame(f: () => void): void };
            const started = performance.now();
            g.postMessage(msg, '*');
            const poll = () => {
              const busy = g.document.getElementById('busy');
              if (busy?.classList.contains('hidden') && g.document.querySelector('#map canvas')) {
                g.requestAnimationFrame(() => resolve(performance.now() - started));
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
      times.push(ms);
    }
    const ms = median(times);
    reference ||= ms;
    const goal = machines === 300 ? (ms <= 2000 ? ' (goal ≤ 2 s: met)' : ' (goal ≤ 2 s: NOT met)') : '';
    console.log(`  ${machines} machines, ${connections} connections (${m.graph.processes.length} processes): ${ms.toFixed(0)} ms, ${(ms / reference).toFixed(1)}× the 10-machine map${goal}`);
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync(MAP_BUNDLE)) {
    console.log('needs /usr/bin/chromium and `npm run build`');
    return;
  }
  await candidates();
  await shipped();
}

void main();
