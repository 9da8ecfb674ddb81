/**
 * The long fuzz run: the fuzz test's generator (seed queries mutated, random pipelines, resource and
 * regex attacks) for FUZZ_RUNS queries (default 20,000), each with a 2 s deadline and a 64 MB budget.
 * Prints the outcome counts; fails on any error other than KqlError/timeout or a run past its deadline.
 *   npm run bench -- fuzz          FUZZ_SEED=7 FUZZ_RUNS=50000 npm run bench -- fuzz
 */
import { executeQuery } from '../src/engine';
import { KqlError } from '../src/kql';
import { QueryTimeoutError } from '../src/results/errors';
import { fuzzDatabase as db, fuzzQuery, seedFuzz } from '../test/engine/fuzzQueries';

const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = Number(process.env.FUZZ_SEED ?? 20240101);
const DEADLINE_MS = 2000;
const SLACK_MS = 3000;
seedFuzz(seed);
executeQuery('print 1', db);
const counts = { ok: 0, kqlError: 0, memory: 0, timeout: 0, other: 0, pastDeadline: 0 };
let worst = 0;
const started = Date.now();
for (let i = 0; i < runs; i++) {
  const query = fuzzQuery();
  const t0 = Date.now();
  try {
    executeQuery(query, db, {
      now: 17040672000000000,
      deadline: t0 + DEADLINE_MS,
      rowLimit: 1000,
      memoryLimitBytes: 64 * 1024 * 1024,
    });
    counts.ok++;
  } catch (e) {
    if (e instanceof KqlError) {
      counts[e.code === 'KQL-MEMORY' ? 'memory' : 'kqlError']++;
    } else if (e instanceof QueryTimeoutError) {
      counts.timeout++;
    } else {
      counts.other++;
      console.log(`not a KqlError: ${JSON.stringify(query)}: ${String(e)}`);
    }
  }
  const took = Date.now() - t0;
  worst = Math.max(worst, took);
  if (took > DEADLINE_MS + SLACK_MS) {
    counts.pastDeadline++;
    console.log(`past its deadline (${took} ms): ${JSON.stringify(query).slice(0, 300)}`);
  }
}
console.log(
  `seed ${seed}: ${runs} queries in ${((Date.now() - started) / 1000).toFixed(0)} s — ${counts.ok} ran, ${counts.kqlError} KqlErrors, ${counts.memory} memory-limit KqlErrors, ${counts.timeout} timeouts, ${counts.other} other errors, ${counts.pastDeadline} past deadline (longest ${worst} ms)`,
);
process.exitCode = counts.other === 0 && counts.pastDeadline === 0 ? 0 : 1;
