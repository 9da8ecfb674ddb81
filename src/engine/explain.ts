/**
 * `explain`: a query's plan as lowered and after each optimizer rule, so every rewrite can be seen
 * (`kql --explain`) and tested (test/engine/optimize).
 */
import type { Database } from './database';
import { traceOptimization } from './optimize';
import { printQueryPlan } from './plan/printPlan';
import { type LowerOptions, lowerText } from './prepare';

/**
 * `options.parameters` are lowered into the plan as a run lowers them, so the plan shown is the one
 * the run would use, and a parameter without a value fails as the run does.
 */
export function explainQuery(text: string, db: Database, options: Pick<LowerOptions, 'parameters'> = {}): string {
  const steps = traceOptimization(lowerText(text, db, options).plan);
  return steps
    .map((step, i) => {
      const unchanged = i > 0 && step.plan === steps[i - 1]!.plan;
      return unchanged ? `== ${step.rule}: no change ==` : `== ${step.rule} ==\n${printQueryPlan(step.plan)}`;
    })
    .join('\n');
}
