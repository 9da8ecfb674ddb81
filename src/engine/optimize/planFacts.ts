/**
 * What a plan holds, read in one walk over it: the driver (index.ts) runs a rule only where these
 * say it could change something. A query's first run prepares its plan, and for the small queries a
 * tree or a report re-runs, five full walks of rules that find nothing cost as much as lowering the
 * plan did; one walk here lets most of them be skipped.
 */
import type { Plan } from '../plan/types';
import { forEachInput } from './planWalk';

export interface PlanFacts {
  /** Every operator kind in the plan. */
  readonly kinds: ReadonlySet<Plan['k']>;
  /** Every operator reading another as its input, as `parent>input` ('filter>extend'). */
  readonly edges: ReadonlySet<string>;
}

/** The facts of the plans (a query's outputs), over the nodes the rules walk: a shared plan once. */
export function planFacts(plans: readonly Plan[]): PlanFacts {
  const kinds = new Set<Plan['k']>();
  const edges = new Set<string>();
  const seen = new Set<number>();
  const visit = (p: Plan): void => {
    if (p.k === 'shared') {
      if (seen.has(p.id)) {
        return;
      }
      seen.add(p.id);
    }
    kinds.add(p.k);
    forEachInput(p, (input) => {
      edges.add(`${p.k}>${input.k}`);
      visit(input);
    });
  };
  plans.forEach(visit);
  return { kinds, edges };
}
