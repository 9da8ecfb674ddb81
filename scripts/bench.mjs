// Runs every benchmark (bench/*.ts) in turn with `node --import tsx --expose-gc` and prints its output.
// A benchmark that fails is reported and the others still run. Pass names to run a subset:
// `npm run bench -- engine cli`. Benchmarks print their own figures, as ratios against a reference
// measured in the same run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const benchDir = path.join(root, 'bench');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

const outcomes = [];
for (const file of files) {
  console.log(`\n=== bench/${file} ===`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join('bench', file)], {
    cwd: root,
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = r.status === 0;
  outcomes.push({ file, ok, seconds, status: r.status ?? r.signal });
  if (!ok) {
    console.log(`bench/${file} failed (exit ${r.status ?? r.signal}); skipped.`);
  }
}
console.log('\n=== summary ===');
for (const o of outcomes) {
  console.log(`${o.ok ? 'ok    ' : 'FAILED'}  bench/${o.file}  (${o.seconds} s${o.ok ? '' : `, exit ${o.status}`})`);
}
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
