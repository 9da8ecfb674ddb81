/**
 * Plans held inside expressions (`in (T | …)`, toscalar()) are optimized with the query's rules: their
 * constants folded, their logic settled, their columns pruned down to the one column the expression
 * reads; a subquery inside a subquery too. And they still give the rows the plan as lowered gives,
 * over random subqueries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainQuery } from '../../../src/engine';
import { optimizeQuery } from '../../../src/engine/optimize';
import type { Expr, Plan } from '../../../src/engine/plan/types';
import { forEachInput } from '../../../src/engine/optimize/planWalk';
import { lowerText } from '../../../src/engine/prepare';
import { run, smallDatabase } from '../helpers';
import { assertSameResult } from './helpers';

/** The plan `explain` prints last: the one the run uses. */
function finalPlan(query: string): string {
  const text = explainQuery(query, smallDatabase());
  return text.slice(text.lastIndexOf('== optimize subqueries'));
}

test('a filter inside `in (…)` is folded, settled and its table read for the columns used', () => {
  const plan = finalPlan(`T
    | where Computer in ((T
      | extend unused = strcat("a", "b")
      | where "*" in (dynamic(["*"])) or Direction in (dynamic(["*"]))
      | where BytesSent > 10 * 5
      | project Computer, unused))`);
  assert.match(plan, /^== optimize subqueries ==$/m);
  // The subquery: its constant-true filter gone, 10 * 5 folded, `unused` never computed, T read for two columns.
  assert.match(plan, /\(project Computer <- where \(BytesSent > 50\) <- table T \(reads Computer, BytesSent\)\)/);
  assert.doesNotMatch(plan, /strcat|dynamic|10 \* 5/);
});

test('the subquery keeps the column the expression reads, and only it where it is not the last project', () => {
  // `in` reads the subquery's first column (T's first, TimeGenerated); the rest of T is not read.
  const plan = finalPlan('T | where TimeGenerated in ((T | where BytesSent > 2 * 50))');
  assert.match(
    plan,
    /project TimeGenerated <- where \(BytesSent > 100\) <- table T \(reads TimeGenerated, BytesSent\)/,
  );
  const scalar = finalPlan(
    'print x = toscalar(T | where Direction == strcat("out", "bound") | summarize max(BytesSent), n = count())',
  );
  assert.match(
    scalar,
    /toscalar\(project max_BytesSent <- summarize max_BytesSent = max\(BytesSent\), n = count\(\) <- where \(Direction == "outbound"\) <- table T/,
  );
});

test('a subquery inside a subquery is optimized too', () => {
  const plan = finalPlan(`T
    | where Computer in ((T
      | where BytesSent > toscalar(T | where 1 + 1 == 2 | summarize min(BytesSent))
      | project Computer))`);
  assert.match(plan, /toscalar\(summarize min_BytesSent = min\(BytesSent\) <- table T \(reads BytesSent\)\)/);
  assert.doesNotMatch(plan, /1 \+ 1|== 2/);
});

test('a subquery read in two places is one expression after optimizing, so it still runs once', () => {
  const optimized = optimizeQuery(
    lowerText(
      'let m = toscalar(T | where 3 > 2 | summarize max(BytesSent)); T | where BytesSent == m or BytesSent < m / 3 | project Computer',
      smallDatabase(),
    ).plan,
  );
  const held = new Set<Expr>();
  const visit = (e: Expr): void => {
    if (e.k === 'scalarQuery') {
      held.add(e);
    }
    for (const v of Object.values(e)) {
      if (v && typeof v === 'object' && 'k' in v && 'span' in v && v !== e && !('schema' in v)) {
        visit(v as Expr);
      }
    }
  };
  const walk = (p: Plan): void => {
    if (p.k === 'filter') {
      visit(p.predicate);
    }
    if ('input' in p) {
      walk(p.input);
    }
  };
  optimized.outputs.forEach(walk);
  assert.equal(held.size, 1);
  assert.deepEqual(
    run(
      'let m = toscalar(T | summarize max(BytesSent)); T | where BytesSent == m or BytesSent < m / 3 | project Computer',
    ).rows.length > 0,
    true,
  );
});

test('hostile subqueries give the rows the plan as lowered gives', () => {
  for (const q of [
    'T | where Computer in ((T | where false))',
    'T | where Computer in ((T | take 0 | project Computer))',
    'print x = toscalar(T | where 1 == 2 | summarize max(BytesSent))',
    'print x = toscalar(T | where false or BytesSent > 0 | project Direction, Computer)',
    'T | where TimeGenerated in ((T))',
    'T | where Computer in ((Machines | join kind=inner (T | where 1 > 0) on Computer | project Computer))',
    'T | where Computer in ((T | where Computer in ((T | where Computer in ((T | where BytesSent > 1 * 1)) | project Computer)) | project Computer))',
    'T | extend n = toscalar(T | where Computer in ((T | where true and Direction == "inbound" | project Computer)) | count)',
    'let s = T | where 1 > 0 | project Computer; T | where Computer in (s) | join kind=inner (s) on Computer',
  ]) {
    assertSameResult(q);
  }
});

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random pipelines over T, each step one the rules rewrite (constants, logic, filters, extends, projects). */
function randomPipeline(random: () => number, depth: number): string {
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(random() * xs.length)]!;
  const steps = [
    () => `where BytesSent > ${pick(['10 * 5', '0', '2 * 100', 'toscalar(T | summarize min(BytesSent))'])}`,
    () =>
      `where ${pick(['true', 'false', '1 == 1', '"*" in (dynamic(["*"]))'])} ${pick(['or', 'and'])} Direction == "${pick(['inbound', 'outbound'])}"`,
    () => `extend e = strcat(Computer, "-", ${pick(['"x"', 'Direction'])}), f = 1 + 2`,
    () => 'where isnotempty(Computer)',
    () => `sort by ${pick(['BytesSent', 'Computer'])} ${pick(['asc', 'desc'])}`,
    () => `top ${pick(['2', '1 + 2'])} by BytesSent desc`,
    () => (depth > 0 ? `where Computer in ((${randomPipeline(random, depth - 1)} | project Computer))` : 'take 10'),
  ];
  const parts = ['T'];
  const n = 1 + Math.floor(random() * 4);
  for (let i = 0; i < n; i++) {
    parts.push(pick(steps)());
  }
  return parts.join(' | ');
}

// 60 random queries by default (each is lowered twice through Kusto.Language); KQL_SUBQUERY_CASES=n for more.
test('random subqueries give the rows the plan as lowered gives', () => {
  const random = prng(Number(process.env.FUZZ_SEED ?? 20261206));
  for (let i = 0; i < Number(process.env.KQL_SUBQUERY_CASES ?? 60); i++) {
    const inner = randomPipeline(random, 2);
    const shape = Math.floor(random() * 3);
    const q =
      shape === 0
        ? `T | where Computer in ((${inner})) | project Computer, BytesSent`
        : shape === 1
          ? `print x = toscalar(${inner} | summarize sum(BytesSent), count())`
          : `T | where BytesSent >= toscalar(${inner} | summarize min(BytesSent)) | where Computer !in ((${inner} | project Computer, BytesSent))`;
    try {
      assertSameResult(q);
    } catch (e) {
      assert.fail(`${q}\n${e instanceof Error ? e.message : String(e)}`);
    }
  }
});

test('a let read by the query and by its subquery is one shared plan after optimizing', () => {
  const query =
    'let s = materialize(T | where 1 > 0 | extend z = 1); s | where Computer in ((s | where BytesSent > 2 * 10 | project Computer)) | project Computer, z';
  const optimized = optimizeQuery(lowerText(query, smallDatabase()).plan);
  const byId = new Map<number, Set<Plan>>();
  const visitExpr = (e: Expr): void => {
    if (e.k === 'scalarQuery' || e.k === 'tableColumn') {
      visitPlan(e.plan);
    }
    if (e.k === 'binary') {
      visitExpr(e.left);
      visitExpr(e.right);
    }
    if (e.k === 'list') {
      e.items.forEach(visitExpr);
    }
  };
  const visitPlan = (p: Plan): void => {
    if (p.k === 'shared') {
      byId.set(p.id, (byId.get(p.id) ?? new Set()).add(p));
    }
    if (p.k === 'filter') {
      visitExpr(p.predicate);
    }
    forEachInput(p, visitPlan);
  };
  optimized.outputs.forEach(visitPlan);
  assert.ok(byId.size > 0);
  for (const [id, plans] of byId) {
    assert.equal(plans.size, 1, `shared #${id} is ${plans.size} objects`);
  }
  assertSameResult(query);
});
