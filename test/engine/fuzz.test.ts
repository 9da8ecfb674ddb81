/**
 * Random and mutated queries must fail only with KqlErrors (or a timeout at the deadline), never with
 * another exception, a hang or a crash, and never run much past their deadline. Deterministic: a
 * fixed seed drives every choice (FUZZ_SEED to try another).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { executeQuery } from '../../src/engine';
import { QueryTimeoutError } from '../../src/results/errors';
import { KqlError } from '../../src/kql';
import { fuzzDatabase as db, fuzzQuery, seedFuzz } from './fuzzQueries';

/** How far past its deadline a query may stop: one check interval of the slowest loop, and GC. */
const DEADLINE_SLACK_MS = 3000;

test('random and mutated queries only ever fail with KqlErrors', () => {
  // Loading Kusto.Language takes seconds; it is not what this test measures.
  executeQuery('print 1', db);
  const started = Date.now();
  let runs = 0;
  let failures = 0;
  const budgetMs = 60_000;
  seedFuzz(Number(process.env.FUZZ_SEED ?? 20240101));
  while (runs < 3000 && Date.now() - started < budgetMs) {
    const query = fuzzQuery();
    runs++;
    const t0 = Date.now();
    try {
      const result = executeQuery(query, db, {
        now: 17040672000000000,
        deadline: t0 + 2000,
        rowLimit: 1000,
        memoryLimitBytes: 64 * 1024 * 1024,
      });
      assert.equal(result.tables[0]?.name, 'PrimaryResult', `no primary result for ${JSON.stringify(query)}`);
      assert.ok(result.tables[0]!.table.rowCount <= 1000, 'the row limit was not applied');
    } catch (e) {
      failures++;
      if (!(e instanceof KqlError) && !(e instanceof QueryTimeoutError)) {
        assert.fail(
          `query ${JSON.stringify(query)} threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`,
        );
      }
      if (e instanceof KqlError) {
        assert.ok(
          e.message.length > 0 && e.range.start.line >= 0,
          `error without message or place for ${JSON.stringify(query)}`,
        );
      }
    } finally {
      assert.ok(
        Date.now() - t0 < 2000 + DEADLINE_SLACK_MS,
        `ran ${Date.now() - t0} ms, past its 2 s deadline: ${JSON.stringify(query)}`,
      );
      if (process.env.FUZZ_SLOW && Date.now() - t0 > Number(process.env.FUZZ_SLOW)) {
        console.log(Date.now() - t0, JSON.stringify(query).slice(0, 300));
      }
    }
  }
  assert.ok(runs >= 100, `only ${runs} queries ran in the time budget`);
  assert.ok(failures > 0 && failures < runs, `${failures} of ${runs} failed`);
});
