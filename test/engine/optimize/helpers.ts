import assert from 'node:assert/strict';
import type { Database } from '../../../src/engine';
import type { OptimizerRule } from '../../../src/engine/optimize';
import { printQueryPlan } from '../../../src/engine/plan/printPlan';
import { lowerText } from '../../../src/engine/prepare';
import { run, smallDatabase } from '../helpers';

/** The query's plan as lowered and after one rule, printed. */
export function rewritten(
  rule: OptimizerRule,
  query: string,
  db: Database = smallDatabase(),
): { before: string; after: string } {
  const plan = lowerText(query, db).plan;
  return { before: printQueryPlan(plan), after: printQueryPlan({ outputs: plan.outputs.map((p) => rule.rewrite(p)) }) };
}

/** The rule leaves the query's plan as it is. */
export function assertUnchanged(rule: OptimizerRule, query: string, db: Database = smallDatabase()): void {
  const plan = lowerText(query, db).plan;
  plan.outputs.forEach((p) => assert.equal(rule.rewrite(p), p, `${rule.name} should leave this plan alone`));
}

/** The optimized plan gives the rows the plan as lowered gives. */
export function assertSameResult(query: string, db: Database = smallDatabase()): void {
  const optimized = run(query, db, { planCache: false });
  const lowered = run(query, db, { optimize: false });
  assert.deepEqual(optimized.columns, lowered.columns);
  assert.deepEqual(optimized.rows, lowered.rows);
}
