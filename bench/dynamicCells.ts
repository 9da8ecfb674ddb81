/**
 * What exact dynamic cells cost a CSV load: the same 200k-row file with three dynamic columns
 * (a bag, an IP array, a real array) written three ways, loaded on one thread (KQL_LOAD_THREADS=1),
 * alternating, median of the runs, as ratios against the file whose cells hold only integers and
 * strings (the reference, same run):
 *  - decimals: fractional reals and IP addresses (the common VM insights cell: JSON.parse only);
 *  - whole reals: every row's real array holds `3.0` (those cells go through the exact reader).
 *
 *   BENCH_RUNS=5 node --import tsx --expose-gc bench/dynamicCells.ts
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataFile } from '../src/data/loaders';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
type Kind = 'plain' | 'decimals' | 'whole reals';
const KINDS: Kind[] = ['plain', 'decimals', 'whole reals'];

function csv(kind: Kind): string {
  const lines = ['Id,Tags,Ips,Metrics'];
  for (let i = 0; i < ROWS; i++) {
    const weight = kind === 'plain' ? i % 7 : (i % 7) / 4 + 0.01;
    const tags = `{""name"":""web-${i % 97}"",""ports"":[80,443,${i % 1000}],""weight"":${weight}}`;
    const ips = kind === 'plain' ? `[""web-${i % 13}"",""db""]` : `[""10.0.${i % 250}.1"",""10.1.0.${i % 200}""]`;
    const metrics =
      kind === 'plain' ? `[${i % 5},${i % 3}]` : kind === 'decimals' ? `[0.5,${(i % 5) / 2 + 0.25}]` : `[0.5,3.0]`;
    lines.push(`${i},"${tags}","${ips}","${metrics}"`);
  }
  return `${lines.join('\n')}\n`;
}

process.env.KQL_LOAD_THREADS = '1';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kql-bench-dynamic-'));
const files = new Map(
  KINDS.map((k) => {
    const f = path.join(dir, `${k.replace(' ', '')}.csv`);
    fs.writeFileSync(f, csv(k));
    return [k, f] as const;
  }),
);
const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
try {
  for (let r = 0; r < RUNS; r++) {
    for (const k of KINDS) {
      globalThis.gc?.();
      const t = performance.now();
      const { table } = loadDataFile(files.get(k)!);
      times.get(k)!.push(performance.now() - t);
      if (table.rowCount !== ROWS || table.column('Metrics')?.type !== 'dynamic') {
        throw new Error(`${k}: ${table.rowCount} rows, Metrics ${table.column('Metrics')?.type}`);
      }
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ref = median(times.get('plain')!);
console.log(`CSV load, ${ROWS} rows, 3 dynamic columns, one thread, median of ${RUNS}:`);
for (const k of KINDS) {
  const m = median(times.get(k)!);
  console.log(`  ${k.padEnd(12)} ${m.toFixed(0).padStart(6)} ms  ${(m / ref).toFixed(2)}× the integer-and-string file`);
}
