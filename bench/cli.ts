/**
 * The `kql` command's cold start and what it spends it on, in CPU time (user + system) and wall-clock
 * time, each as a ratio to `node -e 0` (Node's own start) run in turns with it in the same run:
 *  - `kql 'print 1'` as users run it, from the startup snapshot in dist/ (target: ≤ 5× in both);
 *  - the CLI bundled from the current sources (into node_modules/.cache, so a stale dist/ is never
 *    measured) running `print 1` (no table), a VMBoundPort query and a VMConnection query without
 *    the snapshot;
 *  - generating the whole sample workspace in process, against copying its columns once into fresh
 *    typed arrays (a floor for any generator), and each table on its own (what a query reading only
 *    that table pays, now that tables are generated on first use).
 *
 *   node --import tsx --expose-gc bench/cli.ts      (BENCH_RUNS=n sets the runs per figure; default 7)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { generateSampleWorkspace, sampleModel, sampleTableFactories } from '../src/data/sample';
import { NumberColumn, StringColumn } from '../src/engine/column';

const repo = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const NOW = '2026-11-23T12:00:00Z';
// Inside node_modules so the bundle finds @kusto/language-service-next the way dist/cli.js finds dist/kusto.
const bundle = path.join(repo, 'node_modules', '.cache', 'kql-bench', 'cli.js');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** CPU (user + system, from the shell's `times`) and wall-clock milliseconds of one run of a command. */
function runOnce(command: string, args: readonly string[]): { cpu: number; wall: number } {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', '"$0" "$@" >/dev/null; s=$?; times; exit $s', command, ...args], {
    cwd: repo,
    encoding: 'utf8',
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  }
  // `times` prints the shell's own times, then its children's: "0m0.120000s 0m0.030000s".
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(r.stdout);
  if (!m) {
    throw new Error(`no times in ${JSON.stringify(r.stdout)}`);
  }
  const cpu = (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
  return { cpu, wall };
}

interface Case {
  readonly label: string;
  readonly what: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly target?: number;
}

/**
 * Runs the cases in turns (one run of each, `runs` times over), so that the machine's load, which
 * changes by the second on a shared machine, weighs on every case alike; prints each case's median CPU
 * and wall-clock time as ratios to the first case's.
 */
function measure(title: string, cases: readonly Case[], rounds = runs): void {
  const cpu = cases.map(() => [] as number[]);
  const wall = cases.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    cases.forEach((c, k) => {
      const t = runOnce(c.command, c.args);
      cpu[k]!.push(t.cpu);
      wall[k]!.push(t.wall);
    });
  }
  const refCpu = median(cpu[0]!);
  const refWall = median(wall[0]!);
  console.log(`${title} (median of ${rounds}, the cases run in turns; CPU is user + system):`);
  cases.forEach((c, k) => {
    const cpuRatio = median(cpu[k]!) / refCpu;
    const wallRatio = median(wall[k]!) / refWall;
    const verdict =
      c.target === undefined
        ? ''
        : `; target ≤ ${c.target}× → ${cpuRatio <= c.target && wallRatio <= c.target ? 'met' : 'NOT met'}`;
    console.log(
      `  ${c.label.padEnd(48)} CPU ${median(cpu[k]!).toFixed(0).padStart(5)} ms (${cpuRatio.toFixed(1)}×)  wall ${median(wall[k]!).toFixed(0).padStart(5)} ms (${wallRatio.toFixed(1)}×)${k === 0 ? '  reference' : `  ${c.what}${verdict}`}`,
    );
  });
}

esbuild.buildSync({
  absWorkingDir: repo,
  entryPoints: ['src/cli/main.ts'],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', '@kusto/language-service-next'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

const node = process.execPath;
const nodeStart: Case = { label: 'node -e 0', what: '', command: node, args: ['-e', '0'] };
const flags = ['--now', NOW, '--format', 'json'];
const short = (query: string) => (query.length > 40 ? `${query.slice(0, 37)}...` : query);

// bin/kql.js as a user runs it (a command: its shell line starts one Node from the startup snapshot
// built for this Node), and under `node bin/kql.js` (a launcher Node, then the snapshot's).
const snapshot = path.join(repo, 'dist', 'cli.snapshot.blob');
if (fs.existsSync(snapshot) && fs.existsSync(path.join(repo, 'dist', 'cli.js'))) {
  measure('kql start-up from the startup snapshot (dist/, built by npm run build && npm run build:snapshot)', [
    nodeStart,
    {
      label: "kql 'print 1' (bin/kql.js, startup snapshot)",
      what: 'no table',
      command: path.join(repo, 'bin', 'kql.js'),
      args: [...flags, 'print 1'],
      target: 5,
    },
    {
      label: "kql 'VMBoundPort | summarize count() by C...'",
      what: 'one inventory-sized table',
      command: path.join(repo, 'bin', 'kql.js'),
      args: [...flags, 'VMBoundPort | summarize count() by Computer'],
    },
    {
      label: "node bin/kql.js 'print 1' (launcher + snapshot)",
      what: 'two Node starts',
      command: node,
      args: ['bin/kql.js', ...flags, 'print 1'],
    },
  ]);
} else {
  console.log(
    '  (no dist/cli.snapshot.blob: run `npm run build && npm run build:snapshot` to measure kql with its startup snapshot)',
  );
}

const queries: [string, string][] = [
  ['print 1', 'no table'],
  ['VMBoundPort | summarize count() by Computer', 'one inventory-sized table'],
  ['VMConnection | summarize sum(LinksEstablished) by Computer', '~92k rows'],
];
measure(
  'kql without the snapshot, bundled from the current sources',
  [
    nodeStart,
    { label: 'kql --help', what: 'loading the bundle', command: node, args: [bundle, '--help'] },
    ...queries.map(([query, what]) => ({
      label: `kql '${short(query)}'`,
      what,
      command: node,
      args: [bundle, ...flags, query],
    })),
  ],
  Math.min(runs, 3),
); // seconds a run: three are enough to show the snapshot's effect

const genTimes: number[] = [];
const copyTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const ws = generateSampleWorkspace({ now: new Date(NOW) });
  genTimes.push(performance.now() - t0);
  // Reference: one copy of every generated column into new storage.
  const t1 = performance.now();
  for (const t of ws.tables) {
    for (const c of t.columns) {
      const col = c.column;
      if (col instanceof NumberColumn) {
        new NumberColumn(col.type, col.values.slice(), col.nulls?.slice());
      } else if (col instanceof StringColumn) {
        new StringColumn(col.type, col.codes.slice(), col.dict);
      }
    }
  }
  copyTimes.push(performance.now() - t1);
}
const rows = generateSampleWorkspace({ now: new Date(NOW) }).tables.reduce((a, t) => a + t.rowCount, 0);
console.log(`Sample workspace (${rows.toLocaleString('en-US')} rows in 6 tables), median of ${runs}:`);
console.log(
  `  generate all tables                              ${median(genTimes).toFixed(0).padStart(6)} ms  (${(median(genTimes) / median(copyTimes)).toFixed(1)}× copying its columns once: ${median(copyTimes).toFixed(1)} ms)`,
);
const model = sampleModel({ now: new Date(NOW) });
for (const factory of sampleTableFactories(model)) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    factory.build();
    times.push(performance.now() - t0);
  }
  console.log(
    `  generate ${factory.name.padEnd(40)}${median(times).toFixed(0).padStart(6)} ms  (${((100 * median(times)) / median(genTimes)).toFixed(0)}% of all tables)`,
  );
}
