/**
 * First runs only (parse, bind, lower, optimize, execute; no plan reused) of a few seed queries on two
 * checkouts' engines in one process, single runs interleaved old, new, new, old, … so both sides of a pair
 * see the same load: a faster loop than bench/compare/engines.ts for the 0.1–0.5 ms first runs of the
 * smallest seeds, where a 5% gap is 5–25 µs.
 *
 *   FIRST_RUNS=2000 BENCH_SCALE=1 nice node --import tsx bench/compare/firstRuns.ts OLD_DIR [NEW_DIR] [query id …]
 *
 * Per query: each side's median CPU time of one first run, the median of the pairs' new/old ratios and its
 * 95% interval. FIRST_RUNS_WARMUP runs each before timing (default 300): V8 has compiled both sides' paths.
 * With query ids, only those seeds; without, centos-computers, azure-vm-summary, known-machines, physical-memory.
 */
import * as path from 'node:path';
import { SAMPLE_QUERIES, sampleQueryText } from '../../src/schema/sampleQueries';
import { bundleRunner } from './bundleRunner';
import { pairedRatio } from './pairedRatio';
import type { EngineSide } from './runner';

const DEFAULT_IDS = ['centos-computers', 'azure-vm-summary', 'known-machines', 'physical-memory'];

function main(): void {
  const [oldArg, newArg, ...ids] = process.argv.slice(2);
  if (!oldArg) {
    console.log('usage: node --import tsx bench/compare/firstRuns.ts OLD_CHECKOUT [NEW_CHECKOUT] [query id …]');
    process.exitCode = 2;
    return;
  }
  const wanted = ids.length > 0 ? ids : DEFAULT_IDS;
  const queries = wanted.map((id) => {
    const q = SAMPLE_QUERIES.find((s) => s.id === id);
    if (!q) {
      throw new Error(`No seed query '${id}' in src/schema/sampleQueries.ts.`);
    }
    return q;
  });
  const runs = Number(process.env.FIRST_RUNS ?? 2000);
  const warmup = Number(process.env.FIRST_RUNS_WARMUP ?? 300);
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const dirs = [path.resolve(oldArg), path.resolve(newArg ?? '.')];
  const sides = dirs.map((dir) => require(bundleRunner(dir)) as EngineSide);
  for (const s of sides) {
    s.load(scale);
  }
  console.log(`First runs, ${dirs[1]} (new) against ${dirs[0]} (old), scale ${scale}, ${runs} pairs; CPU time.`);
  for (const q of queries) {
    const text = sampleQueryText(q);
    for (let i = 0; i < warmup; i++) {
      sides[i % 2]!.time(text, false);
      sides[(i + 1) % 2]!.time(text, false);
    }
    const times: number[][] = [[], []];
    for (let i = 0; i < runs; i++) {
      for (const s of i % 2 === 0 ? [0, 1] : [1, 0]) {
        times[s]!.push(sides[s]!.time(text, false).cpuMs);
      }
    }
    const r = pairedRatio(times[0]!, times[1]!);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]! * 1000;
    console.log(
      `  ${q.id.padEnd(28)} old ${med(times[0]!).toFixed(0).padStart(5)} µs  new ${med(times[1]!).toFixed(0).padStart(5)} µs` +
        `  ${r.median.toFixed(3)} [${r.low.toFixed(3)}–${r.high.toFixed(3)}]`,
    );
  }
}

main();
