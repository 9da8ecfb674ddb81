/** An optimizer rule: one rewrite of the plan, sound for every input, decided from the plan alone. */
import type { Plan } from '../plan/types';
import type { PlanFacts } from './planFacts';

export interface OptimizerRule {
  /** The name `explain` prints above the plan after this rule. */
  readonly name: string;
  /** The whole plan rewritten; the same object where nothing changed. */
  rewrite(plan: Plan): Plan;
  /**
   * False when the plan, as the facts describe it, has nothing this rule rewrites: the driver then
   * skips the walk. Only where that is certain (test/engine/optimize/planFacts.test.ts checks it over
   * the seed queries); without it the rule always runs.
   */
  readonly mayApply?: (facts: PlanFacts) => boolean;
}
