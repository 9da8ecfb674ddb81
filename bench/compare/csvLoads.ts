/**
 * Two checkouts' loading of the same CSV folder, in turns: this checkout's loader and another's (its
 * src/, a `git worktree add --detach` of the base), each bundled with its CSV worker as the product ships
 * them, each load in a fresh process, old and new alternating, split across 2 threads and on one
 * (KQL_LOAD_THREADS=2, =1). Prints medians of total CPU (process.cpuUsage: the main thread and the
 * workers) and wall time, the pairs' median new/old ratios with the sign test's 95% interval, and each
 * side's split/one-thread CPU (what the split costs on top of one thread). CPU is the figure to trust
 * on a busy machine; the wall clock there is mostly the wait for a core.
 *
 *   node --import tsx bench/compare/csvLoads.ts OLD_CHECKOUT CSV_DIR    (COMPARE_RUNS=5 pairs a mode)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { pairedRatio } from './pairedRatio';

interface Load {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rows: number;
  readonly rssMb: number;
}

/** The child: opens the folder, loads every table whole, prints its figures. Bundled per checkout. */
const CHILD = `
import { openDataFolder } from 'CHECKOUT/src/data/loaders';
const t0 = performance.now();
const opened = openDataFolder(process.argv[2]!, {});
let rows = 0;
for (const name of opened.database.tableNames) {
  rows += opened.database.table(name)!.rowCount;
}
const c = process.cpuUsage();
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, rows, rssMb: process.resourceUsage().maxRSS / 1024 }));
`;

/** The child and the CSV worker of `checkout`, side by side (csvSplit.ts finds the worker beside its bundle). */
function bundle(checkout: string, out: string): string {
  fs.mkdirSync(out, { recursive: true });
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@kusto/language-service-next', '@duckdb/node-api', 'esbuild'],
    mainFields: ['module', 'main'],
    nodePaths: [path.join(checkout, 'node_modules')],
    logLevel: 'warning',
  };
  esbuild.buildSync({
    ...common,
    stdin: { contents: CHILD.replace('CHECKOUT', checkout), loader: 'ts', resolveDir: checkout },
    outfile: path.join(out, 'child.js'),
  });
  esbuild.buildSync({
    ...common,
    entryPoints: [path.join(checkout, 'src/data/loaders/csvChunkWorker.ts')],
    outfile: path.join(out, 'csvChunkWorker.js'),
  });
  return path.join(out, 'child.js');
}

function load(child: string, dir: string, threads: number): Load {
  const r = spawnSync(process.execPath, [child, dir], {
    encoding: 'utf8',
    env: { ...process.env, KQL_LOAD_THREADS: String(threads) },
  });
  if (r.status !== 0) {
    throw new Error(`load failed: ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as Load;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function main(): void {
  const [oldCheckout, dir] = process.argv.slice(2);
  if (!oldCheckout || !dir) {
    throw new Error('usage: csvLoads.ts OLD_CHECKOUT CSV_DIR');
  }
  const runs = Math.max(1, Number(process.env.COMPARE_RUNS ?? 5));
  const out = path.resolve('dist/bench/compare-csv');
  const children = {
    old: bundle(path.resolve(oldCheckout), path.join(out, 'old')),
    new: bundle(path.resolve('.'), path.join(out, 'new')),
  };
  const cpu: Record<string, number[]> = {};
  for (const threads of [2, 1]) {
    const got: Record<'old' | 'new', Load[]> = { old: [], new: [] };
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      // old, new, new, old, …: a drift in the machine's load falls on both sides alike.
      for (const side of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
        got[side].push(load(children[side], dir, threads));
        loads.push(os.loadavg()[0]!);
      }
    }
    if (got.old.some((l, k) => l.rows !== got.new[k]!.rows)) {
      throw new Error('the two checkouts loaded different row counts');
    }
    console.log(
      `${threads === 1 ? 'one thread' : `split (${threads} threads)`}, ${runs} pairs, load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}, ${got.new[0]!.rows} rows:`,
    );
    for (const side of ['old', 'new'] as const) {
      const l = got[side];
      cpu[`${side}${threads}`] = l.map((x) => x.cpuMs);
      console.log(
        `  ${side}: CPU ${(median(l.map((x) => x.cpuMs)) / 1000).toFixed(2)} s, wall ${(median(l.map((x) => x.ms)) / 1000).toFixed(2)} s, peak RSS ${median(l.map((x) => x.rssMb)).toFixed(0)} MB (medians)`,
      );
    }
    for (const [what, pick] of [
      ['CPU', (x: Load) => x.cpuMs],
      ['wall', (x: Load) => x.ms],
    ] as const) {
      const r = pairedRatio(got.old.map(pick), got.new.map(pick));
      console.log(`  new/old ${what}: ${r.median.toFixed(3)}× (95%: ${r.low.toFixed(3)}–${r.high.toFixed(3)})`);
    }
  }
  for (const side of ['old', 'new']) {
    console.log(
      `${side}: split/one-thread CPU ${(median(cpu[`${side}2`]!) / median(cpu[`${side}1`]!)).toFixed(3)}× (medians)`,
    );
  }
}

main();
