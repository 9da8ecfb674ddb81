/**
 * The plans held inside expressions (`where X in (T | …)`, `toscalar(T | …)`) optimized with the same
 * rules as the query around them. The rules walk only tabular inputs, so without this a subquery ran as
 * lowered: the TCP traffic report's top-5 subquery kept its folded-to-true machine filter and read every
 * row's Computer to decide it.
 */
import type { Expr, Plan } from '../plan/types';
import { mapNodeExprs, mapSubExprs } from './exprWalk';
import { mapOperatorArgExprs } from './operatorArgExprs';
import { mapInputs, rewriteBottomUp } from './planWalk';

/** Every expression of the node that may hold a plan: the row operators' and mv-expand's, mv-apply's and make-series' arguments. */
function mapHoldingExprs(node: Plan, f: (e: Expr) => Expr): Plan {
  return mapOperatorArgExprs(mapNodeExprs(node, f), f);
}

/**
 * The plans (a query's outputs) with each plan their expressions hold replaced by `optimize(held, first)`, where `first` is the
 * one column the expression reads of it. An expression object found twice (a shared plan, a predicate
 * copied by a rule) is rewritten once and the same result used, so the executor, which keeps a
 * subquery's value per expression object, still runs it once. The same array when nothing is held.
 */
export function mapHeldPlans(plans: readonly Plan[], optimize: (held: Plan) => Plan): readonly Plan[] {
  const done = new Map<Expr, Expr>();
  const visitExpr = (e: Expr): Expr => {
    const known = done.get(e);
    if (known) {
      return known;
    }
    let out: Expr;
    if (e.k === 'scalarQuery' || e.k === 'tableColumn') {
      const held = optimize(e.plan);
      out = held === e.plan ? e : { ...e, plan: held };
    } else {
      out = mapSubExprs(e, visitExpr);
    }
    done.set(e, out);
    return out;
  };
  const out = plans.map((plan) => rewriteBottomUp(plan, (node) => mapHoldingExprs(node, visitExpr)));
  return out.every((p, i) => p === plans[i]) ? plans : out;
}

/**
 * The held plan narrowed to its first column, the only one `in (…)` and toscalar() read, so that column
 * pruning inside it may drop the rest: a project keeps only its first column (and what that reads), any
 * other node gets a project of it on top. As it is when it has that one column only (or no known schema).
 */
export function firstColumnOnly(held: Plan): Plan {
  const first = held.schema[0];
  if (!first || held.schema.length === 1) {
    return held;
  }
  if (held.k === 'project' && held.columns[0] && !held.columns[0].outputs) {
    return { ...held, columns: [held.columns[0]], schema: [first] };
  }
  return {
    k: 'project',
    input: held,
    columns: [{ name: first.name, expr: { k: 'column', name: first.name, type: first.type, span: held.span } }],
    schema: [first],
    span: held.span,
  };
}

/**
 * The plans with every shared plan (`let`, materialize()) of one id the same object, the first met. A
 * held plan is optimized on its own, so a `let` read both by the query and by its subquery came out as
 * two rewrites with one id; the executor keeps a shared plan's table by id, and which rewrite ran would
 * depend on which was read first. Both give the same rows (every rule is sound, and a shared plan keeps
 * all its columns), but one object makes that evident and lets the other's work go.
 */
export function unifyShared(plans: readonly Plan[]): readonly Plan[] {
  const byId = new Map<number, Plan>();
  const exprs = new Map<Expr, Expr>();
  const visitExpr = (e: Expr): Expr => {
    let out = exprs.get(e);
    if (!out) {
      if (e.k === 'scalarQuery' || e.k === 'tableColumn') {
        const plan = visitPlan(e.plan);
        out = plan === e.plan ? e : { ...e, plan };
      } else {
        out = mapSubExprs(e, visitExpr);
      }
      exprs.set(e, out);
    }
    return out;
  };
  const visitPlan = (p: Plan): Plan => {
    const known = p.k === 'shared' ? byId.get(p.id) : undefined;
    if (known) {
      return known;
    }
    const out = mapHoldingExprs(mapInputs(p, visitPlan), visitExpr);
    if (p.k === 'shared') {
      byId.set(p.id, out);
    }
    return out;
  };
  const out = plans.map(visitPlan);
  return out.every((p, i) => p === plans[i]) ? plans : out;
}
