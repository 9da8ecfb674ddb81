/**
 * fork reads its input once: a fork of three legs over a filtered, extended VMConnection against the
 * same three legs run as three queries (each re-running the input), paired and interleaved, at
 * BENCH_SCALE (default 10 ≈ 1M rows). Prints the median of each and their ratio.
 *   nice node --import tsx bench/forkShared.ts
 */
import { generateSampleWorkspace } from '../src/data/sample';
import { executeQuery } from '../src/engine';
import { ticksFromMs } from '../src/engine/values';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const scale = Number(process.env.BENCH_SCALE ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const db = generateSampleWorkspace({ now: new Date(NOW), scale }).database;
const input = "VMConnection | where Protocol == 'tcp' | extend Host = strcat(Computer, ':', tostring(DestinationPort))";
const legs = ['summarize n = count() by Host', 'summarize b = sum(BytesSent) by Computer', 'top 10 by BytesReceived'];
const forked = `${input} | fork ${legs.map((l) => `(${l})`).join(' ')}`;
const options = { now: ticksFromMs(NOW), planCache: true };

function timed(run: () => unknown): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fork: number[] = [];
const separate: number[] = [];
for (let i = 0; i <= runs; i++) {
  const f = timed(() => executeQuery(forked, db, options));
  const s = timed(() => {
    for (const leg of legs) {
      executeQuery(`${input} | ${leg}`, db, options);
    }
  });
  if (i > 0) {
    // The first pair warms the plan cache and the JIT.
    fork.push(f);
    separate.push(s);
  }
}
const rows = db.table('VMConnection')?.rowCount ?? 0;
console.log(`scale ${scale} (VMConnection ${rows.toLocaleString('en-US')} rows), ${runs} paired runs`);
console.log(`fork of 3 legs: median ${median(fork).toFixed(0)} ms`);
console.log(`3 separate queries: median ${median(separate).toFixed(0)} ms`);
console.log(`ratio separate / fork: ${(median(separate) / median(fork)).toFixed(2)}`);
