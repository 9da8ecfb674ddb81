/**
 * The optimize step, rule by rule: each seed query is lowered once, and each rule (and the plan-facts
 * walk that lets the driver skip rules) is timed on the plan it meets in the driver, in batches of runs;
 * figures are µs per query (median of 5 batches). Reference from the same run: preparing the same query
 * without optimizing it (Kusto's parse and bind, then lowering), so the rules read as a share of that.
 *
 *   npm run bench -- optimizeRules        (through tsx, whose naming helper around every closure
 *                                          about doubles these figures), or bundled as the extension is:
 *   npx esbuild bench/optimizeRules.ts --bundle --platform=node --external:@kusto/language-service-next \
 *     --outfile=dist/bench-optimizeRules.js && node dist/bench-optimizeRules.js [query-id-filter,…]
 */
import { performance } from 'node:perf_hooks';
import { generateSampleWorkspace } from '../src/data/sample';
import { RULES } from '../src/engine/optimize';
import { planFacts } from '../src/engine/optimize/planFacts';
import type { QueryPlan } from '../src/engine/plan/types';
import { lowerText } from '../src/engine/prepare';
import { SAMPLE_QUERIES, sampleQueryText } from '../src/schema/sampleQueries';

const filters = process.argv[2]?.split(',').filter(Boolean);
const BATCH_MS = Number(process.env.RULES_BATCH_MS ?? 40);
const ws = generateSampleWorkspace({ now: new Date('2026-11-23T12:00:00Z'), scale: 1 });
const db = ws.database;

/** Median µs per call of `fn` over 5 batches, each at least BATCH_MS long. */
function time(fn: () => void): number {
  let n = 1;
  const start = performance.now();
  while (performance.now() - start < BATCH_MS / 4) {
    for (let i = 0; i < n; i++) fn();
    n *= 2;
  }
  const samples: number[] = [];
  for (let s = 0; s < 5; s++) {
    const t0 = performance.now();
    let runs = 0;
    do {
      for (let i = 0; i < n; i++) fn();
      runs += n;
    } while (performance.now() - t0 < BATCH_MS);
    samples.push(((performance.now() - t0) * 1000) / runs);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

const cols = ['query', 'prepare', 'facts', ...RULES.map((r) => r.name), 'all rules'];
console.log(cols.join(' | '));
const totals = new Map<string, number>();
for (const q of SAMPLE_QUERIES) {
  if (filters && !filters.some((f) => q.id.includes(f))) continue;
  const text = sampleQueryText(q);
  let lowered: QueryPlan;
  try {
    lowered = lowerText(text, db).plan;
  } catch {
    continue;
  }
  const row: Record<string, number> = {};
  row.prepare = time(() => lowerText(text, db));
  row.facts = time(() => planFacts(lowered.outputs));
  let plan = lowered;
  for (const rule of RULES) {
    const input = plan;
    row[rule.name] = time(() => input.outputs.map((p) => rule.rewrite(p)));
    const outputs = input.outputs.map((p) => rule.rewrite(p));
    plan = outputs.some((p, i) => p !== input.outputs[i]) ? { ...input, outputs } : input;
  }
  row['all rules'] = RULES.reduce((s, r) => s + row[r.name]!, 0);
  for (const [k, v] of Object.entries(row)) totals.set(k, (totals.get(k) ?? 0) + v);
  console.log([q.id, ...cols.slice(1).map((c) => row[c]!.toFixed(1))].join(' | '));
}
console.log(['total', ...cols.slice(1).map((c) => totals.get(c)!.toFixed(0))].join(' | '));
