/**
 * The argument expressions of mv-expand, mv-apply's expansion and make-series, which the expression
 * rules (fold constants, settle logic) leave alone: only the held-plan step walks them, so that a
 * toscalar() or `in (T | …)` there is optimized like one in a where (`make-series … from
 * toscalar(T | summarize min(TimeGenerated)) to now() step 1h`, `mv-expand x = toscalar(…)`).
 * Folding them too would compute an argument such as `range(1, 100000000)` when the query is prepared,
 * outside the run's limits.
 */
import type { Expr, NamedExpr, Plan } from '../plan/types';
import { mapNamed } from './exprWalk';

type MvExpand = Extract<Plan, { k: 'mvExpand' }>;

function mapExpandColumns(plan: MvExpand, f: (e: Expr) => Expr): MvExpand {
  const columns = mapNamed(plan.columns, f);
  return columns === plan.columns ? plan : { ...plan, columns };
}

function same<X>(a: readonly X[], b: readonly X[]): boolean {
  return a.every((x, i) => x === b[i]);
}

/** The node with those arguments replaced by `f(arg)`; the same object when none changed, and any other node as it is. */
export function mapOperatorArgExprs(plan: Plan, f: (e: Expr) => Expr): Plan {
  switch (plan.k) {
    case 'mvExpand':
      return mapExpandColumns(plan, f);
    case 'mvApply': {
      const expand = mapExpandColumns(plan.expand, f);
      return expand === plan.expand ? plan : { ...plan, expand };
    }
    case 'makeSeries': {
      const aggregates = plan.aggregates.map((a) => {
        const args = a.call.args.map(f);
        return same(args, a.call.args) ? a : { ...a, call: { ...a.call, args } };
      });
      const axis = f(plan.axis);
      const from = plan.from && f(plan.from);
      const to = plan.to && f(plan.to);
      const step = f(plan.step);
      const keys: readonly NamedExpr[] = mapNamed(plan.keys, f);
      const unchanged =
        same(aggregates, plan.aggregates) &&
        axis === plan.axis &&
        from === plan.from &&
        to === plan.to &&
        step === plan.step &&
        keys === plan.keys;
      return unchanged ? plan : { ...plan, aggregates, axis, from, to, step, keys };
    }
    default:
      return plan;
  }
}
