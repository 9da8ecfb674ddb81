/**
 * The engine of two checkouts (e.g. before and after a refactoring) on the seed queries, same rows,
 * same machine. Both engines are loaded into this one process (bench/compare/runner.ts bundled against
 * each checkout's src/, as the extension bundles its engine) and every timed run alternates between
 * them (old, new, new, old, …), so a burst of load from other processes falls on both sides alike.
 * The query list is run COMPARE_REPEATS times (passes). Prints per query each side's minimum and median
 * over all passes, the ratio of the minimums new/old, and that ratio in each pass: a difference that holds
 * in every pass can be told from noise (on a shared machine a single pass can be off by ±50%).
 * Queries come from this checkout's sample list, so both engines run the same text.
 *
 *   COMPARE_REPEATS=3 BENCH_SCALE=10 BENCH_RUNS=10 nice node --max-old-space-size=12000 --import tsx bench/compare/engines.ts OLD_DIR [NEW_DIR]
 *
 * COMPARE_FILTER=a,b limits the queries to ids containing a or b; COMPARE_CLOCK=wall times wall-clock
 * instead of the process's CPU time. A query that answers in microseconds is timed in batches of runs
 * (each sample at least COMPARE_SAMPLE_MS, default 5 ms, the same batch on both sides): a single 20 µs
 * run is within the clock's and a background compile's noise, so its ratio swung 0.9–1.25× run to run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import type { EngineSide } from './runner';

const THRESHOLD = 1.05;
/** The least time one sample of a plan-reusing run takes: shorter queries are run this long in a batch. */
const SAMPLE_MS = Number(process.env.COMPARE_SAMPLE_MS ?? 5);

/**
 * Bundles runner.ts with its `../../src/…` imports pointing into `dir`, so the same runner times that
 * checkout's engine and data generator; the output goes under `dir`/dist (bare imports resolve there too).
 */
function bundleRunner(dir: string): string {
  const runner = path.resolve(__dirname, 'runner.ts');
  const source = fs.readFileSync(runner, 'utf8').replaceAll("from '../../src/", `from '${path.join(dir, 'src')}/`);
  const outfile = path.join(dir, 'dist', 'bench', 'compare-runner.js');
  esbuild.buildSync({
    stdin: { contents: source, loader: 'ts', resolveDir: path.join(dir, 'bench'), sourcefile: 'runner.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['@kusto/language-service-next', 'esbuild'],
    mainFields: ['module', 'main'],
    logLevel: 'warning',
  });
  return outfile;
}

interface Timings {
  /** The plan reused (as the extension's worker re-runs a query): the measure, in the clock chosen. */
  readonly cached: number[];
  /** The same runs in wall-clock time, shown beside CPU time. */
  readonly wall: number[];
  /** Parsed, bound and planned again. */
  readonly cold: number[];
  rows: number;
}

/** CPU time by default: on a machine shared with other work, wall-clock times of one run swing ±50%. */
const CLOCK: 'cpu' | 'wall' = process.env.COMPARE_CLOCK === 'wall' ? 'wall' : 'cpu';

const min = (xs: readonly number[]) => Math.min(...xs);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`);
const geo = (xs: readonly number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / Math.max(1, xs.length));

function main(): void {
  const [oldArg, newArg] = process.argv.slice(2);
  if (!oldArg) {
    console.log('usage: node --import tsx bench/compare/engines.ts OLD_CHECKOUT [NEW_CHECKOUT]');
    process.exitCode = 2;
    return;
  }
  const scale = Number(process.env.BENCH_SCALE ?? 10);
  const runs = Math.max(2, Number(process.env.BENCH_RUNS ?? 10));
  const warmup = Number(process.env.BENCH_WARMUP ?? 2);
  const filters = process.env.COMPARE_FILTER?.split(',').filter(Boolean);
  const queries = SAMPLE_QUERIES.filter((q) => !filters || filters.some((f) => q.id.includes(f)));
  const dirs = [path.resolve(oldArg), path.resolve(newArg ?? '.')] as const;
  const sides = dirs.map((dir) => require(bundleRunner(dir)) as EngineSide);
  console.log(
    `Engine of ${dirs[1]} (new) against ${dirs[0]} (old), in one process: ${queries.length} seed queries, scale ${scale}, ` +
      `${runs} timed runs per side alternating old/new after ${warmup} warm-up runs each; ${CLOCK === 'cpu' ? 'CPU' : 'wall-clock'} time ` +
      `(wall: the ratio of wall-clock minimums; 1st run: plan not reused).`,
  );
  const prints = sides.map((s) => s.load(scale));
  if (prints[0] !== prints[1]) {
    console.log(`WARNING: the checkouts generate different data:\n  old ${prints[0]}\n  new ${prints[1]}`);
  }
  const repeats = Math.max(1, Number(process.env.COMPARE_REPEATS ?? 2));
  // Per query, per repeat, per side: the timings of that pass.
  const passes = new Map<string, Timings[][]>();
  const errors = new Map<string, string>();
  for (let r = 0; r < repeats; r++) {
    for (const q of queries) {
      if (errors.has(q.id)) {
        continue;
      }
      try {
        const t = timeBoth(sides, sampleQueryText(q), warmup, runs);
        passes.set(q.id, [...(passes.get(q.id) ?? []), t]);
      } catch (e) {
        errors.set(q.id, e instanceof Error ? e.message.slice(0, 100) : String(e));
      }
    }
    console.error(`  pass ${r + 1} of ${repeats} done`);
  }
  console.log(
    `\n  ${'query'.padEnd(34)}${'old min'.padStart(10)}${'new min'.padStart(10)}${'new/old'.padStart(9)}  ${'each pass'.padEnd(6 * repeats)}` +
      `${'old med'.padStart(10)}${'new med'.padStart(10)}${'wall'.padStart(9)}${'1st run'.padStart(9)}  rows`,
  );
  const ratios: number[] = [];
  const coldRatios: number[] = [];
  const slower: string[] = [];
  for (const q of queries) {
    const p = passes.get(q.id);
    if (!p) {
      console.log(`  ${q.id.padEnd(34)}skipped: ${errors.get(q.id)}`);
      continue;
    }
    const all = (side: 0 | 1, k: 'cached' | 'wall' | 'cold') => p.flatMap((pass) => pass[side]![k]);
    const ratio = min(all(1, 'cached')) / min(all(0, 'cached'));
    const each = p.map((pass) => min(pass[1]!.cached) / min(pass[0]!.cached));
    const coldRatio = min(all(1, 'cold')) / min(all(0, 'cold'));
    ratios.push(ratio);
    coldRatios.push(coldRatio);
    const held = ratio > THRESHOLD && each.every((x) => x > THRESHOLD);
    if (held) {
      slower.push(q.id);
    }
    const rows = [p[0]![0]!.rows, p[0]![1]!.rows];
    console.log(
      `  ${q.id.padEnd(34)}${fmt(min(all(0, 'cached'))).padStart(10)}${fmt(min(all(1, 'cached'))).padStart(10)}` +
        `${`${ratio.toFixed(2)}×`.padStart(9)}${held ? '!' : ' '} ${each.map((x) => x.toFixed(2).padEnd(6)).join('')}` +
        `${fmt(median(all(0, 'cached'))).padStart(10)}${fmt(median(all(1, 'cached'))).padStart(10)}` +
        `${`${(min(all(1, 'wall')) / min(all(0, 'wall'))).toFixed(2)}×`.padStart(9)}` +
        `${`${coldRatio.toFixed(2)}×`.padStart(9)}  ${rows[0]}/${rows[1]}${rows[0] === rows[1] ? '' : ' ROWS DIFFER'}`,
    );
  }
  console.log(
    `\n  geometric mean of new/old minimums: re-run ${geo(ratios).toFixed(3)}×, first run ${geo(coldRatios).toFixed(3)}×` +
      `\n  slower than ${THRESHOLD}× overall and in every pass (marked !): ${slower.length ? slower.join(', ') : 'none'}`,
  );
}

/** One pass of a query on both sides: warm-up, then timed runs alternating old/new (ABBA). */
function timeBoth(sides: readonly EngineSide[], text: string, warmup: number, runs: number): Timings[] {
  const t: Timings[] = [0, 1].map(() => ({ cached: [], wall: [], cold: [], rows: 0 }));
  const measure = (r: { ms: number; cpuMs: number }) => (CLOCK === 'cpu' ? r.cpuMs : r.ms);
  // ABBA order: each side runs first as often as second, so neither always follows the other's garbage.
  const order = (i: number) => (i % 2 === 0 ? [0, 1] : [1, 0]);
  const fastest = [Infinity, Infinity];
  for (let i = 0; i < Math.max(1, warmup); i++) {
    for (const s of order(i)) {
      const r = sides[s]!.time(text, true);
      t[s]!.rows = r.rows;
      fastest[s] = Math.min(fastest[s]!, r.ms);
    }
  }
  // One batch size for both sides, from the slower side's best warm-up run, so a sample lasts SAMPLE_MS or so.
  const perRun = Math.max(fastest[0]!, fastest[1]!, 0.001);
  const batch = Math.max(1, Math.min(1000, Math.ceil(SAMPLE_MS / perRun)));
  for (let i = 0; i < runs; i++) {
    for (const s of order(i)) {
      const r = sides[s]!.time(text, true, batch);
      t[s]!.cached.push(measure(r));
      t[s]!.wall.push(r.ms);
    }
  }
  for (let i = 0; i < Math.ceil(runs / 2); i++) {
    for (const s of order(i)) {
      t[s]!.cold.push(measure(sides[s]!.time(text, false)));
    }
  }
  return t;
}

main();
