/**
 * Dependency map at fleet scale, in headless Chromium: (1) layout candidates (dagre, cose, fcose) on the
 * collapsed fleet view; (2) the shipped map bundle: message → first picture, → a wheel zoom answered,
 * the longest main-thread task, → laid out, and the main-thread CPU time until the picture and until
 * the zoom is answered, which the machine's load does not inflate (bench/map/shippedRun.ts). Synthetic fleets of 100 and 300
 * machines (10 processes each) with 1,000 and 10,000 connections; every figure is also printed as a
 * ratio to a 10-machine, 100-connection fleet of the same run. Goal: the 300-machine map interactive
 * within 2 s. Run: `npx tsx bench/mapLayout.ts` after `npm run build`; `--shipped` for the shipped
 * bundle only, `--on-page` adds its no-worker fallback; MAP_BENCH_RUNS (default 3) and
 * MAP_BENCH_SIZES (e.g. 10x100,300x1000) shorten it; MAP_BENCH_TIMELINE=1 prints the first run's
 * long tasks.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { visibleGraph } from '../src/render/fleetView';
import { webviewPageHtml } from '../src/webviewHtml/resultsPanelHtml';
import { CHROMIUM, closeMap, MAP_BUNDLE, renderMap } from '../test/map/mapPage';
import { fleetMessage } from './map/fleet';
import { type ShippedRun, shippedRun } from './map/shippedRun';

/** Machines × connections; the first is the reference. MAP_BENCH_SIZES=10x100,300x1000 picks some. */
const SIZES: readonly [number, number][] = process.env.MAP_BENCH_SIZES
  ? process.env.MAP_BENCH_SIZES.split(',').map((s) => s.split('x').map(Number) as [number, number])
  : [
      [10, 100],
      [100, 1_000],
      [300, 1_000],
      [300, 10_000],
    ];
const CANDIDATES = ['dagre', 'cose', 'fcose-default', 'fcose-draft'];
const RUNS = Number(process.env.MAP_BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
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
    const view = visibleGraph(fleetMessage(machines, connections).graph, {
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

const fmt = (ms: number, ref: number): string => `${ms.toFixed(0)} ms (${(ms / ref).toFixed(1)}×)`;

/**
 * The shipped bundle, per fleet: message → first picture, → a wheel zoom answered, → laid out, and the
 * longest main-thread task meanwhile, each also as a ratio to the 10-machine map of the same run.
 * `withWorker` false removes Worker first, so the map lays out on the page's thread (its fallback).
 */
async function shipped(withWorker: boolean): Promise<void> {
  console.log(
    `\nShipped map, layout ${withWorker ? 'in a Web Worker' : 'on the page (no Worker)'} (median of ${RUNS}; ratio to the 10-machine map):`,
  );
  let ref: ShippedRun | undefined;
  for (const [machines, connections] of SIZES) {
    const m = fleetMessage(machines, connections);
    const runs: ShippedRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const map = await renderMap({ type: 'mapLoading', note: 'waiting' }, { width: 1400, height: 900 }, false);
      runs.push(await shippedRun(map.page, m, withWorker));
      if (map.problems.length) {
        throw new Error(map.problems.join('; '));
      }
      await closeMap(map);
    }
    const med = (f: (r: ShippedRun) => number) => median(runs.map(f));
    const run: ShippedRun = {
      firstPicture: med((r) => r.firstPicture),
      answered: med((r) => r.answered),
      wheeled: med((r) => r.wheeled),
      longestTask: med((r) => r.longestTask),
      blocking: med((r) => r.blocking),
      laidOut: med((r) => r.laidOut),
      cpuPicture: med((r) => r.cpuPicture),
      cpuAnswered: med((r) => r.cpuAnswered),
      where: runs[0]!.where,
      tasks: runs[0]!.tasks,
    };
    ref ??= run;
    const goal = machines === 300 ? ` — goal (answers input ≤ 2 s): ${run.answered <= 2000 ? 'met' : 'NOT met'}` : '';
    console.log(
      `  ${machines} machines, ${connections} connections (${m.graph.processes.length} processes), laid out in the ${run.where}:\n` +
        `    first picture ${fmt(run.firstPicture, ref.firstPicture)}, answers a zoom ${fmt(run.answered, ref.answered)} (sent at ${run.wheeled.toFixed(0)} ms), ` +
        `longest task ${fmt(run.longestTask, ref.longestTask)}, blocking ${run.blocking.toFixed(0)} ms, ` +
        `laid out ${fmt(run.laidOut, ref.laidOut)}${goal}\n` +
        `    main-thread CPU until the picture ${fmt(run.cpuPicture, ref.cpuPicture)}, until the zoom is answered ${fmt(run.cpuAnswered, ref.cpuAnswered)}`,
    );
    if (process.env.MAP_BENCH_TIMELINE) {
      const t = runs[0]!;
      const at = (ms: number) => `${ms.toFixed(0)}`;
      console.log(
        `    first run: picture ${at(t.firstPicture)}, zoom answered ${at(t.answered)}, laid out ${at(t.laidOut)}; long tasks (start+ms): ` +
          t.tasks.map(([s, d]) => `${at(s)}+${at(d)}`).join(' '),
      );
    }
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
  // `--on-page`: also the fallback that lays out on the page's thread (no Worker).
  if (process.argv.includes('--on-page')) {
    await shipped(false);
  }
}

void main();
