/** An optimizer rule: one rewrite of the plan, sound for every input, decided from the plan alone. */
import type { Plan } from '../plan/types';

export interface OptimizerRule {
  /** The name `explain` prints above the plan after this rule. */
  readonly name: string;
  /** The whole plan rewritten; the same object where nothing changed. */
  rewrite(plan: Plan): Plan;
}
