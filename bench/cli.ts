/**
 * The `kql` command's cold start and what it spends it on:
 *  - the CLI bundled from the current sources (into node_modules/.cache, so a stale dist/ is never
 *    measured) running `print 1` (no table), a VMBoundPort query and a VMConnection query, against
 *    `node -e 0` (Node's own start) measured in the same run;
 *  - generating the whole sample workspace in process, against copying its columns once into fresh
 *    typed arrays (a floor for any generator), and each table on its own (what a query reading only
 *    that table pays, now that tables are generated on first use).
 *
 *   node --import tsx --expose-gc bench/cli.ts      (BENCH_RUNS=n sets the runs per figure; default 5)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { generateSampleWorkspace, sampleModel, sampleTableFactories } from '../src/data/sample';
import { NumberColumn, StringColumn } from '../src/engine/column';

const repo = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const NOW = '2026-11-23T12:00:00Z';
// Inside node_modules so the bundle finds @kusto/language-service-next the way dist/cli.js finds dist/kusto.
const bundle = path.join(repo, 'node_modules', '.cache', 'kql-bench', 'cli.js');

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function timeCommand(args: string[], command = process.execPath): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: repo, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) {
      throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    }
  }
  return median(times);
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

const nodeStart = timeCommand(['-e', '0']);
const line = (label: string, ms: number, what: string) =>
  console.log(
    `  ${label.padEnd(48)} ${ms.toFixed(0).padStart(6)} ms  (${(ms / nodeStart).toFixed(1)}× node start${what})`,
  );
console.log(`CLI cold start, bundled from the current sources (median of ${runs}):`);
console.log(`  ${'node -e 0'.padEnd(48)} ${nodeStart.toFixed(0).padStart(6)} ms  (reference)`);
line('kql --help', timeCommand([bundle, '--help']), ': loading the bundle');
const queries: [string, string][] = [
  ['print 1', 'no table'],
  ['VMBoundPort | summarize count() by Computer', 'one inventory-sized table'],
  ['VMConnection | summarize sum(LinksEstablished) by Computer', '~92k rows'],
];
for (const [query, what] of queries) {
  line(
    `kql '${query.length > 40 ? `${query.slice(0, 37)}...` : query}'`,
    timeCommand([bundle, '--now', NOW, '--format', 'json', query]),
    `: ${what}`,
  );
}

// bin/kql.js as a user runs it (a command: its shell line starts one Node from the startup snapshot
// built for this Node), and under `node bin/kql.js` (a launcher Node, then the snapshot's).
const snapshot = path.join(repo, 'dist', 'cli.snapshot.blob');
if (fs.existsSync(snapshot) && fs.existsSync(path.join(repo, 'dist', 'cli.js'))) {
  const args = ['--now', NOW, '--format', 'json', 'print 1'];
  const direct = timeCommand(args, path.join(repo, 'bin', 'kql.js'));
  line(
    "kql 'print 1' (bin/kql.js, startup snapshot)",
    direct,
    `: target ≤ 5× → ${direct / nodeStart <= 5 ? 'met' : 'NOT met'}`,
  );
  line("node bin/kql.js 'print 1' (launcher + snapshot)", timeCommand(['bin/kql.js', ...args]), '');
} else {
  console.log(
    '  (no dist/cli.snapshot.blob: run `npm run build && npm run build:snapshot` to measure kql with its startup snapshot)',
  );
}

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
