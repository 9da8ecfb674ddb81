/** Rebuilding expressions, and the expressions of a plan node, for rules that rewrite expressions. */
import type { Expr, NamedExpr, Plan, SortKey } from '../plan/types';

/** The expression with each direct sub-expression replaced by `f(sub)`; the same object when none changed. */
export function mapSubExprs(expr: Expr, f: (e: Expr) => Expr): Expr {
  switch (expr.k) {
    case 'call': {
      const args = expr.args.map(f);
      return args.every((a, i) => a === expr.args[i]) ? expr : { ...expr, args };
    }
    case 'binary': {
      const left = f(expr.left);
      const right = f(expr.right);
      return left === expr.left && right === expr.right ? expr : { ...expr, left, right };
    }
    case 'unary': {
      const operand = f(expr.operand);
      return operand === expr.operand ? expr : { ...expr, operand };
    }
    case 'list': {
      const left = f(expr.left);
      const items = expr.items.map(f);
      return left === expr.left && items.every((a, i) => a === expr.items[i]) ? expr : { ...expr, left, items };
    }
    case 'between': {
      const value = f(expr.value);
      const low = f(expr.low);
      const high = f(expr.high);
      return value === expr.value && low === expr.low && high === expr.high ? expr : { ...expr, value, low, high };
    }
    case 'index': {
      const target = f(expr.target);
      const key = f(expr.key);
      return target === expr.target && key === expr.key ? expr : { ...expr, target, key };
    }
    default:
      return expr;
  }
}

/** The named expressions with each expression replaced by `f(expr)`; the same array when none changed. */
export function mapNamed(items: readonly NamedExpr[], f: (e: Expr) => Expr): readonly NamedExpr[] {
  const out = items.map((c) => {
    const expr = f(c.expr);
    return expr === c.expr ? c : { ...c, expr };
  });
  return out.every((c, i) => c === items[i]) ? items : out;
}

function mapSortKeys(keys: readonly SortKey[], f: (e: Expr) => Expr): readonly SortKey[] {
  const out = keys.map((k) => {
    const expr = f(k.expr);
    return expr === k.expr ? k : { ...k, expr };
  });
  return out.every((k, i) => k === keys[i]) ? keys : out;
}

/**
 * The node with the expressions of the common row operators (where, extend, project, summarize,
 * sort, top, take, print, range) replaced by `f(expr)`; other nodes are returned as they are.
 */
export function mapNodeExprs(plan: Plan, f: (e: Expr) => Expr): Plan {
  switch (plan.k) {
    case 'filter': {
      const predicate = f(plan.predicate);
      return predicate === plan.predicate ? plan : { ...plan, predicate };
    }
    case 'extend':
    case 'project':
    case 'serialize':
    case 'print': {
      const columns = mapNamed(plan.columns, f);
      return columns === plan.columns ? plan : { ...plan, columns };
    }
    case 'summarize': {
      const keys = mapNamed(plan.keys, f);
      const aggregates = plan.aggregates.map((a) => {
        const args = a.args.map(f);
        return args.every((x, i) => x === a.args[i]) ? a : { ...a, args };
      });
      const same = keys === plan.keys && aggregates.every((a, i) => a === plan.aggregates[i]);
      return same ? plan : { ...plan, keys, aggregates };
    }
    case 'sort': {
      const keys = mapSortKeys(plan.keys, f);
      return keys === plan.keys ? plan : { ...plan, keys };
    }
    case 'top': {
      const count = f(plan.count);
      const keys = mapSortKeys(plan.keys, f);
      return count === plan.count && keys === plan.keys ? plan : { ...plan, count, keys };
    }
    case 'take': {
      const count = f(plan.count);
      return count === plan.count ? plan : { ...plan, count };
    }
    case 'range': {
      const from = f(plan.from);
      const to = f(plan.to);
      const step = f(plan.step);
      return from === plan.from && to === plan.to && step === plan.step ? plan : { ...plan, from, to, step };
    }
    default:
      return plan;
  }
}
