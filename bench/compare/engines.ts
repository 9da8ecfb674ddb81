/**
 * The engine of two checkouts (e.g. before and after a refactoring) on the seed queries, same rows,
 * same machine. Both engines are loaded into this one process (bench/compare/runner.ts bundled against
 * each checkout's src/, as the extension bundles its engine) and every timed run alternates between
 * them (old, new, new, old, …), so a burst of load from other processes falls on both sides alike.
 * The query list is run COMPARE_REPEATS times (passes). Each timed sample of one side is paired with the
 * other side's sample next to it; per query and per measure (re-run with the plan reused, and first run:
 * parsed, bound and planned again) the bench prints each side's median sample, the median of the pairs'
 * new/old ratios and its 95% confidence interval (bench/compare/pairedRatio.ts), and a verdict: SLOWER
 * when the whole interval lies above 1.05×, ok when it lies at or below, ? when it spans 1.05×. A
 * first run of a few milliseconds gets 100–170 pairs a pass (COMPARE_COLD_MS of them per side), as its
 * single runs swing up to 2× on a shared machine; minimums of a few samples flagged a different set each run.
 * Queries come from this checkout's sample list, so both engines run the same text.
 *
 *   COMPARE_REPEATS=3 BENCH_SCALE=10 BENCH_RUNS=8 nice node --max-old-space-size=12000 --import tsx bench/compare/engines.ts OLD_DIR [NEW_DIR]
 *
 * COMPARE_FILTER=a,b limits the queries to ids containing a or b; COMPARE_CLOCK=wall times wall-clock
 * instead of the process's CPU time. A query that answers in microseconds is timed in batches of runs
 * (each sample at least COMPARE_SAMPLE_MS, default 5 ms, the same batch on both sides): a single 20 µs
 * run is within the clock's and a background compile's noise. Before every sample a minor GC runs,
 * untimed, so one side's garbage is not collected in the other side's sample; what a sample's own
 * allocation costs in GC is its own. The process's CPU time still counts V8's helper threads (concurrent
 * marking of an old-generation GC may overlap the next sample): the paired median leaves such pairs out.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import { bundleRunner } from './bundleRunner';
import { type PairedRatio, pairedRatio, type Verdict, verdictOf } from './pairedRatio';
import type { EngineSide } from './runner';

/** The least time one sample of a plan-reusing run takes: shorter queries are run this long in a batch. */
const SAMPLE_MS = Number(process.env.COMPARE_SAMPLE_MS ?? 5);

interface Timings {
  /** The plan reused (as the extension's worker re-runs a query): one sample per pair, in the clock chosen. */
  readonly cached: number[];
  /** Parsed, bound and planned again (a query's first run): one sample per pair. */
  readonly cold: number[];
  rows: number;
}

/** CPU time by default: on a machine shared with other work, wall-clock times of one run swing ±50%. */
const CLOCK: 'cpu' | 'wall' = process.env.COMPARE_CLOCK === 'wall' ? 'wall' : 'cpu';
/**
 * The time spent on a query's first runs per side and pass: a 2–5 ms first run gets 100–170 pairs a
 * pass, so that over three passes the confidence interval of its median ratio is about ±3% even when
 * single runs swing 2× with the load; a slower query gets BENCH_RUNS pairs.
 */
const COLD_MS = Number(process.env.COMPARE_COLD_MS ?? 1000);
/** A regression is one larger than this ratio. */
const THRESHOLD = 1.05;

/**
 * A minor GC between samples, outside the timed region, so each sample starts with an empty young
 * generation: the garbage one side left is not collected in (and charged to) the other side's sample.
 */
const collectYoung = ((): (() => void) => {
  if (process.env.COMPARE_GC === '0') {
    return () => {};
  }
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (o?: { type: 'minor' | 'major'; execution: 'sync' }) => void;
  return () => gc({ type: 'minor', execution: 'sync' });
})();

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 1 ? 3 : 2)} ms`);
const geo = (xs: readonly number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / Math.max(1, xs.length));
const interval = (r: PairedRatio) =>
  `${r.median.toFixed(3)} [${r.low.toFixed(2)}–${Number.isFinite(r.high) ? r.high.toFixed(2) : '∞'}]`;
const MARK: Record<Verdict, string> = { slower: 'SLOWER', within: 'ok', undecided: '?' };

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
      `${runs} re-run samples per side and pass alternating old/new after ${warmup} warm-up runs each, first runs ` +
      `interleaved run by run; ${CLOCK === 'cpu' ? 'CPU' : 'wall-clock'} time.`,
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
    `\n  ratio = median of the pairs' new/old, [95% confidence interval of that median]; ` +
      `SLOWER: the whole interval above ${THRESHOLD}×, ok: the whole interval at or below it, ?: undecided\n` +
      `\n  ${'query'.padEnd(34)}${'old'.padStart(10)}${'new'.padStart(10)}  ${'re-run ratio'.padEnd(26)}` +
      `${'old 1st'.padStart(10)}${'new 1st'.padStart(10)}  ${'first-run ratio'.padEnd(26)}rows`,
  );
  const medians = { cached: [] as number[], cold: [] as number[] };
  const flagged = { cached: new Map<Verdict, string[]>(), cold: new Map<Verdict, string[]>() };
  for (const q of queries) {
    const p = passes.get(q.id);
    if (!p) {
      console.log(`  ${q.id.padEnd(34)}skipped: ${errors.get(q.id)}`);
      continue;
    }
    const all = (side: 0 | 1, k: 'cached' | 'cold') => p.flatMap((pass) => pass[side]![k]);
    const cells = (['cached', 'cold'] as const).map((k) => {
      const r = pairedRatio(all(0, k), all(1, k));
      const verdict = verdictOf(r, THRESHOLD);
      medians[k].push(r.median);
      flagged[k].set(verdict, [...(flagged[k].get(verdict) ?? []), q.id]);
      return (
        `${fmt(median(all(0, k))).padStart(10)}${fmt(median(all(1, k))).padStart(10)}  ` +
        `${`${interval(r)} ${MARK[verdict]}`.padEnd(26)}`
      );
    });
    const rows = [p[0]![0]!.rows, p[0]![1]!.rows];
    console.log(
      `  ${q.id.padEnd(34)}${cells.join('')}${rows[0]}/${rows[1]}${rows[0] === rows[1] ? '' : ' ROWS DIFFER'}`,
    );
  }
  const list = (k: 'cached' | 'cold', v: Verdict) => flagged[k].get(v)?.join(', ') || 'none';
  for (const [k, name] of [
    ['cached', 're-run'],
    ['cold', 'first run'],
  ] as const) {
    console.log(
      `\n  ${name}: geometric mean of the median ratios ${geo(medians[k]).toFixed(3)}×` +
        `\n    slower than ${THRESHOLD}× beyond doubt: ${list(k, 'slower')}` +
        `\n    undecided (interval spans ${THRESHOLD}×): ${list(k, 'undecided')}`,
    );
  }
}

/**
 * Samples of one side, alternating with the other in ABBA order (each side runs first as often as
 * second, so neither always follows the other's garbage); a sample is `batch` runs, its time per run.
 */
function sampleBoth(
  sides: readonly EngineSide[],
  text: string,
  planCache: boolean,
  batch: number,
  pairs: number,
  into: (side: number, ms: number) => void,
): void {
  for (let i = 0; i < pairs; i++) {
    for (const s of i % 2 === 0 ? [0, 1] : [1, 0]) {
      collectYoung();
      const r = sides[s]!.time(text, planCache, batch);
      into(s, CLOCK === 'cpu' ? r.cpuMs : r.ms);
    }
  }
}

/**
 * Samples in which the two sides' single runs interleave (old, new, new, old, … `rounds` runs each), each
 * side's sample the mean of its runs. For first runs (0.1 ms and up): on a 2-vCPU machine shared with
 * other work, whatever else runs on the sibling vCPU changes a run's CPU time by up to 2× within
 * milliseconds, so only runs this close together see the same load. Each run's clock reads (~2 µs) are
 * counted on both sides alike, which pulls a ratio of 0.1 ms runs toward 1 by ~1% of its distance.
 */
function interleavedBoth(
  sides: readonly EngineSide[],
  text: string,
  planCache: boolean,
  rounds: number,
  pairs: number,
  into: (side: number, ms: number) => void,
): void {
  for (let i = 0; i < pairs; i++) {
    collectYoung();
    const sum = [0, 0];
    for (let j = 0; j < rounds; j++) {
      for (const s of (i + j) % 2 === 0 ? [0, 1] : [1, 0]) {
        const r = sides[s]!.time(text, planCache);
        sum[s]! += CLOCK === 'cpu' ? r.cpuMs : r.ms;
      }
    }
    into(0, sum[0]! / rounds);
    into(1, sum[1]! / rounds);
  }
}

/** One batch size for both sides, from the slower side's best warm-up run, so a sample lasts SAMPLE_MS or so. */
function batchFor(fastest: readonly number[]): { batch: number; perRun: number } {
  const perRun = Math.max(fastest[0]!, fastest[1]!, 0.001);
  return { batch: Math.max(1, Math.min(1000, Math.ceil(SAMPLE_MS / perRun))), perRun };
}

/** One pass of a query on both sides: warm-up, then paired samples of re-runs and of first runs. */
function timeBoth(sides: readonly EngineSide[], text: string, warmup: number, runs: number): Timings[] {
  const t: Timings[] = [0, 1].map(() => ({ cached: [], cold: [], rows: 0 }));
  const fastest = [Infinity, Infinity];
  const fastestCold = [Infinity, Infinity];
  for (let i = 0; i < Math.max(1, warmup); i++) {
    for (const s of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const r = sides[s]!.time(text, true);
      t[s]!.rows = r.rows;
      fastest[s] = Math.min(fastest[s]!, r.ms);
      fastestCold[s] = Math.min(fastestCold[s]!, sides[s]!.time(text, false).ms);
    }
  }
  const cached = batchFor(fastest);
  sampleBoth(sides, text, true, cached.batch, runs, (s, ms) => t[s]!.cached.push(ms));
  const cold = batchFor(fastestCold);
  const coldPairs = Math.max(runs, Math.min(400, Math.ceil(COLD_MS / (cold.batch * cold.perRun))));
  interleavedBoth(sides, text, false, cold.batch, coldPairs, (s, ms) => t[s]!.cold.push(ms));
  return t;
}

main();
