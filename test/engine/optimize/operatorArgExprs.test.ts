/**
 * Plans held in the arguments of mv-expand, mv-apply and make-series (toscalar(), `in (T | …)`) are
 * optimized as those of a where are: folded, settled and narrowed to the column read. The answers stay
 * those of the plan as lowered, a failing or empty subquery included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainQuery } from '../../../src/engine';
import { run, smallDatabase } from '../helpers';
import { assertSameResult } from './helpers';

/** The plan `explain` prints last: the one the run uses. */
function finalPlan(query: string): string {
  const text = explainQuery(query, smallDatabase());
  return text.slice(text.lastIndexOf('== optimize subqueries'));
}

/** The subquery as the optimizer leaves it: its constant-true filter gone, T read for one column. */
const FIRST_TIME = 'toscalar(T | where "*" in (dynamic(["*"])) or Computer == "web01" | summarize min(TimeGenerated))';
const OPTIMIZED_FIRST_TIME =
  'toscalar(summarize min_TimeGenerated = min(TimeGenerated) <- table T (reads TimeGenerated))';

test('make-series: a toscalar() in from is optimized, and the series are those of the plan as lowered', () => {
  const query = `T | make-series c = count() default=0 on TimeGenerated from ${FIRST_TIME} to datetime(2024-01-01 03:00) step 1h by Computer`;
  const plan = finalPlan(query);
  assert.match(plan, /^== optimize subqueries ==$/m);
  assert.ok(plan.includes(`from ${OPTIMIZED_FIRST_TIME} to`), plan);
  assert.doesNotMatch(plan, /dynamic|web01/);
  assertSameResult(query);
  const r = run(query);
  assert.deepEqual(r.columns, ['Computer', 'c', 'TimeGenerated']);
  assert.deepEqual(
    r.rows.map((row) => [row[0], row[1]]),
    [
      ['web01', [2, 0, 0]],
      // from is the first event (00:10), not aligned to the hour: db01's 01:05 falls in the first step.
      ['db01', [1, 0, 1]],
      ['web02', [0, 1, 0]],
    ],
  );
});

test('make-series: to, step, an aggregate argument and a key holding subqueries are optimized too', () => {
  const query = `T
    | make-series n = countif(Computer in ((T | where 1 + 1 == 2 | project Computer, BytesSent | where BytesSent > 10 * 10)))
      on TimeGenerated from datetime(2024-01-01) to toscalar(T | where true | summarize max(TimeGenerated) + 1h)
      step toscalar(print s = 30m * 2 | project s)
      by big = BytesSent > toscalar(T | where false or true | summarize avg(BytesSent))`;
  const plan = finalPlan(query);
  assert.ok(
    plan.includes(
      'countif((Computer in ((project Computer <- project Computer, BytesSent <- where (BytesSent > 100) <- table T (reads Computer, BytesSent)))))',
    ),
    plan,
  );
  assert.ok(
    plan.includes(
      'to toscalar(project Column1 = ($agg0 + timespan(01:00:00)) <- summarize $agg0 = max(TimeGenerated) <- table T (reads TimeGenerated))',
    ),
    plan,
  );
  assert.ok(plan.includes('step toscalar(project s <- print s = timespan(01:00:00))'), plan);
  assert.ok(
    plan.includes(
      'big = (BytesSent > toscalar(summarize avg_BytesSent = avg(BytesSent) <- table T (reads BytesSent)))',
    ),
    plan,
  );
  assert.doesNotMatch(plan, /1 \+ 1|10 \* 10|30m|where true|or true/);
  assertSameResult(query);
});

test('mv-expand: a toscalar() array is optimized, with its index and limit as before', () => {
  const query =
    'Machines | mv-expand with_itemindex=i x = toscalar(T | where 2 > 1 | summarize make_set(Computer)) to typeof(string) limit 2';
  const plan = finalPlan(query);
  assert.ok(
    plan.includes(
      'mv-expand with_itemindex=i x = toscalar(summarize set_Computer = make_set(Computer) <- table T (reads Computer)) limit 2',
    ),
    plan,
  );
  assertSameResult(query);
  assert.equal(run(query).rows.length, 6);
});

test('mv-apply: the array its expansion reads from a subquery is optimized', () => {
  const query =
    'Machines | mv-apply x = toscalar(T | where 1 == 1 | summarize make_list(BytesSent)) to typeof(long) on (summarize total = sum(x))';
  const plan = finalPlan(query);
  assert.ok(
    plan.includes(
      'mv-apply x = toscalar(summarize list_BytesSent = make_list(BytesSent) <- table T (reads BytesSent))',
    ),
    plan,
  );
  assertSameResult(query);
  assert.deepEqual(
    run(query).rows.map((r) => r.at(-1)),
    [650, 650, 650],
  );
});

test('hostile subqueries in these arguments give what the plan as lowered gives', () => {
  for (const q of [
    // Empty: toscalar() is null; make-series then has no from and starts at the first bin with data.
    `T | make-series c = count() on TimeGenerated from toscalar(T | where false | summarize min(TimeGenerated)) to datetime(2024-01-01 03:00) step 1h`,
    'Machines | mv-expand x = toscalar(T | where 1 == 2 | summarize make_set(Computer))',
    'Machines | mv-expand x = toscalar(T | take 0 | project Tags)',
    // A subquery inside a subquery inside mv-expand.
    'print a = 1 | mv-expand x = toscalar(T | where BytesSent > toscalar(T | where 1 > 0 | summarize avg(BytesSent)) | summarize make_list(Computer))',
    // One let read by a where and by mv-expand.
    'let s = toscalar(T | where true | summarize make_set(Direction)); Machines | where array_length(s) > 0 | mv-expand d = s',
  ]) {
    try {
      assertSameResult(q);
    } catch (e) {
      assert.fail(`${q}\n${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // A subquery that fails fails the same way optimized.
  const failing = 'Machines | mv-expand x = toscalar(T | where 1 == 1 | summarize make_list(toint(Computer) / 0))';
  const outcome = (optimize: boolean): string => {
    try {
      return JSON.stringify(run(failing, smallDatabase(), optimize ? { planCache: false } : { optimize: false }).rows);
    } catch (e) {
      return `error: ${e instanceof Error ? e.message : String(e)}`;
    }
  };
  assert.equal(outcome(true), outcome(false));
});
