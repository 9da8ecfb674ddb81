/**
 * The optimizer: rewrites of the lowered plan, each in its own file, run once when a query is
 * prepared (the result is what planCache.ts keeps). Every rule is sound for any data; choices that
 * depend on the data itself (dictionary codes, small integer ranges) stay in the executor's kernels.
 */
import type { Plan, QueryPlan } from '../plan/types';
import { aggregateBeforeJoin } from './aggregateBeforeJoin';
import { foldConstants } from './foldConstants';
import { fuseFilters } from './fuseFilters';
import { firstColumnOnly, mapHeldPlans, unifyShared } from './heldPlans';
import { type PlanFacts, planFacts } from './planFacts';
import { pruneColumns } from './pruneColumns';
import { pushFiltersDown } from './pushFiltersDown';
import { pushFiltersIntoJoins } from './pushFiltersIntoJoins';
import type { OptimizerRule } from './rule';
import { settleLogic } from './settleLogic';

export type { OptimizerRule } from './rule';

/** In order: constants settle the logic around them, filters move down (and into a join's left side) before they are fused, and columns are pruned once filters have settled. */
export const RULES: readonly OptimizerRule[] = [
  foldConstants,
  settleLogic,
  pushFiltersDown,
  pushFiltersIntoJoins,
  fuseFilters,
  pruneColumns,
  aggregateBeforeJoin,
];

export function optimizeQuery(plan: QueryPlan, rules: readonly OptimizerRule[] = RULES): QueryPlan {
  return traceOptimization(plan, rules).at(-1)!.plan;
}

/** The plan as lowered, then after each rule in turn (what `explain` prints). */
export function traceOptimization(
  plan: QueryPlan,
  rules: readonly OptimizerRule[] = RULES,
): { rule: string; plan: QueryPlan }[] {
  const steps = [{ rule: 'lowered', plan }];
  let current = plan;
  // Read again only after a rule has changed the plan (a pushed-down filter may meet another).
  let facts: PlanFacts | undefined;
  for (const rule of rules) {
    if (rule.mayApply && !rule.mayApply((facts ??= planFacts(current.outputs)))) {
      steps.push({ rule: rule.name, plan: current });
      continue;
    }
    const outputs = current.outputs.map((p) => rule.rewrite(p));
    if (outputs.some((p, i) => p !== current.outputs[i])) {
      current = { ...current, outputs };
      facts = undefined;
    }
    steps.push({ rule: rule.name, plan: current });
  }
  // Last, each plan an expression holds, with the same rules (and so its own subqueries in turn): the
  // rules above walk tabular inputs only.
  const optimizeHeld = (held: Plan): Plan => optimizeQuery({ outputs: [firstColumnOnly(held)] }, rules).outputs[0]!;
  const outputs = mapHeldPlans(current.outputs, optimizeHeld);
  if (outputs !== current.outputs) {
    current = { ...current, outputs: unifyShared(outputs) };
  }
  steps.push({ rule: SUBQUERIES_STEP, plan: current });
  return steps;
}

/** The name `explain` prints above the plan once the plans inside expressions are optimized. */
export const SUBQUERIES_STEP = 'optimize subqueries';
