/**
 * The `kql` command's cold start and what it spends it on:
 *  - `node bin/kql.js 'print 1'` (the bundled CLI: Node start, Kusto library load, sample workspace,
 *    query), against `node -e 0` (Node's own start) measured in the same run;
 *  - generating the sample workspace in process, against building the same VMConnection rows'
 *    DuckDB-free reference: copying them once into fresh typed arrays (a floor for any generator).
 *
 *   node --import tsx --expose-gc bench/cli.ts      (builds dist/ first when it is missing)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateSampleWorkspace } from '../src/data/sample';
import { NumberColumn, StringColumn } from '../src/engine/column';

const repo = path.resolve(__dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

function timeCommand(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) {
      throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    }
  }
  return median(times);
}

if (!fs.existsSync(path.join(repo, 'dist', 'cli.js'))) {
  spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: 'inherit' });
}

const nodeStart = timeCommand(['-e', '0']);
const coldStart = timeCommand(['bin/kql.js', '--format', 'json', 'print 1']);
const help = timeCommand(['bin/kql.js', '--help']);
console.log(`CLI cold start (median of ${runs}):`);
console.log(`  node -e 0                     ${nodeStart.toFixed(0).padStart(6)} ms  (reference)`);
console.log(`  kql --help                    ${help.toFixed(0).padStart(6)} ms  (${(help / nodeStart).toFixed(1)}× node start: loading the bundle)`);
console.log(`  kql 'print 1'                 ${coldStart.toFixed(0).padStart(6)} ms  (${(coldStart / nodeStart).toFixed(1)}× node start: + Kusto library, sample workspace, query)`);

const genTimes: number[] = [];
const copyTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const ws = generateSampleWorkspace({ now: new Date('2026-11-23T12:00:00Z') });
  genTimes.push(performance.now() - t0);
  // Reference: one copy of every generated VMConnection column into new storage.
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
const rows = generateSampleWorkspace({ now: new Date('2026-11-23T12:00:00Z') }).tables.reduce((a, t) => a + t.rowCount, 0);
console.log(`Sample workspace (${rows.toLocaleString('en-US')} rows in 6 tables), median of ${runs}:`);
console.log(`  generate and load             ${median(genTimes).toFixed(0).padStart(6)} ms  (${(median(genTimes) / median(copyTimes)).toFixed(1)}× copying its columns once: ${median(copyTimes).toFixed(1)} ms)`);
