/**
 * Regular expressions: V8's RegExp (what the engine used, backtracking), re2js (pure JavaScript RE2)
 * and re2-wasm (Google's RE2 in WebAssembly), and the engine's own matcher (re2js with the native fast
 * path where it is proven safe), on the seed and test patterns over 20,000 realistic texts, plus the
 * fuzzer's catastrophic patterns. Ratios are against RegExp in the same run.
 *   npm run bench -- regex
 */
import { RE2JS } from 're2js';
import { compileRegex } from '../src/engine/functions/kqlRegex';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { RE2 } = require('re2-wasm') as { RE2: new (p: string, f: string) => { exec(s: string): unknown } };

const TEXTS = Array.from(
  { length: 20_000 },
  (_, i) =>
    `acme-demo-${i}.contoso.com 10.229.${i % 255}.${i % 7} Duration=${i * 1.5} User: u${i}, Email: u${i}@x.com, process sqlservr`,
);
const PATTERNS = [
  'sql',
  '^acme-demo-\\d+',
  '(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)',
  'Duration=([0-9.]+)',
  'Email: (\\S+),',
  '[a-z]+@[a-z]+\\.com$',
  'SQLSERVR|mysqld',
];

function time(run: () => void): number {
  run();
  const t = process.hrtime.bigint();
  for (let k = 0; k < 3; k++) {
    run();
  }
  return Number(process.hrtime.bigint() - t) / 3e6;
}

const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const ratios: Record<string, number[]> = { re2js: [], 're2-wasm': [], engine: [] };
console.log('pattern'.padEnd(34), 'RegExp ms', ' re2js', ' re2-wasm', ' engine');
for (const p of PATTERNS) {
  const js = new RegExp(p, 'u');
  const r2 = RE2JS.compile(p);
  const w = new RE2(p, 'u');
  const engine = compileRegex(p);
  const base = time(() => TEXTS.forEach((t) => js.exec(t)));
  const r = {
    re2js: time(() => TEXTS.forEach((t) => r2.exec(t))) / base,
    're2-wasm': time(() => TEXTS.forEach((t) => w.exec(t))) / base,
    engine: time(() => TEXTS.forEach((t) => engine.exec(t))) / base,
  };
  for (const k of Object.keys(r) as (keyof typeof r)[]) {
    ratios[k]!.push(r[k]);
  }
  console.log(
    p.padEnd(34),
    base.toFixed(1).padStart(9),
    `${r.re2js.toFixed(1)}×`.padStart(6),
    `${r['re2-wasm'].toFixed(1)}×`.padStart(9),
    `${r.engine.toFixed(1)}×`.padStart(7),
  );
}
console.log(
  `geometric mean vs RegExp: re2js ${geo(ratios.re2js!).toFixed(1)}×, re2-wasm ${geo(ratios['re2-wasm']!).toFixed(1)}×, engine ${geo(ratios.engine!).toFixed(1)}×`,
);

// The fuzzer's hangs: RegExp is not run on these (it would not return); RE2 answers in linear time.
const evil = `${'a'.repeat(30)}!`;
for (const p of ['(a+)+$', '(a|aa)*b', '(x+x+)+y']) {
  const engine = compileRegex(p);
  const t = process.hrtime.bigint();
  engine.test(evil);
  console.log(
    `${p} over 30 a's and "!": engine ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(2)} ms (RegExp: 2^30 steps, minutes to hours)`,
  );
}
