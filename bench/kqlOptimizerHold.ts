/**
 * `kql` without its startup snapshot, with its optimizer hold (src/cli/optimizerHold.ts) and without it
 * (`KQL_HOLD_OPTIMIZER=0`), in turns: `print 1` and a seed query over the sample. CPU is the child's
 * user + system time (bash's `times`), wall from spawn to exit; medians, and the ratio held / not held.
 * The outputs of both must be the same.
 *
 *   npm run build && node --import tsx bench/kqlOptimizerHold.ts [runs, default 9]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';

const RUNS = Number(process.argv[2] ?? 9);
const CLI = path.join(__dirname, '..', 'dist', 'cli.js');
const QUERIES: Record<string, string> = {
  'print 1': 'print 1',
  'top-transmitting-vms':
    'VMConnection | join kind=fullouter(ServiceMapComputer_CL) on $left.Computer == $right.ComputerName_s | summarize sum(BytesSent) by Computer, AzureVMSize_s | sort by sum_BytesSent desc',
};
type Variant = 'held' | 'plain';

function once(query: string, variant: Variant): { cpuMs: number; wallMs: number; digest: string } {
  const args = [CLI, '--now', '2026-11-23T12:00:00Z', '--format', 'csv', query];
  const t0 = performance.now();
  // `times` prints the shell's, then its children's, user and system time: the last line is kql's.
  const r = spawnSync('bash', ['-c', 'node "$@"; s=$?; times >&2; exit $s', 'kql', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, KQL_NO_SNAPSHOT: '1', ...(variant === 'plain' ? { KQL_HOLD_OPTIMIZER: '0' } : {}) },
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`kql failed: ${r.stderr}`);
  const seconds = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map((x) => {
    const m = /(\d+)m([\d.]+)s/.exec(x);
    return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  });
  return {
    cpuMs: ((seconds[0] ?? Number.NaN) + (seconds[1] ?? Number.NaN)) * 1000,
    wallMs,
    digest: createHash('sha256').update(r.stdout).digest('hex'),
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [name, query] of Object.entries(QUERIES)) {
  const cpu: Record<Variant, number[]> = { held: [], plain: [] };
  const wall: Record<Variant, number[]> = { held: [], plain: [] };
  const digests = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    for (const v of (i % 2 ? ['held', 'plain'] : ['plain', 'held']) as Variant[]) {
      const r = once(query, v);
      cpu[v].push(r.cpuMs);
      wall[v].push(r.wallMs);
      digests.add(r.digest);
    }
  }
  if (digests.size !== 1) throw new Error(`${name}: the outputs differ with and without the hold`);
  const f = (xs: number[]) => median(xs).toFixed(0);
  console.log(
    `  ${name}: held CPU ${f(cpu.held)} ms, wall ${f(wall.held)} ms; not held CPU ${f(cpu.plain)} ms, wall ${f(wall.plain)} ms; held / not: CPU ×${(median(cpu.held) / median(cpu.plain)).toFixed(2)}, wall ×${(median(wall.held) / median(wall.plain)).toFixed(2)}  (medians of ${RUNS})`,
  );
}
