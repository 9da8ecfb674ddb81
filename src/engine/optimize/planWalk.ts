/** Walking and rebuilding plans: each rule states only what it does at one node. */
import type { Plan } from '../plan/types';

/**
 * The node with each tabular input replaced by `f(input)`; the same object when no input changed.
 * The subqueries of mv-apply and partition run per group over rows they read through a shared plan,
 * and the plans inside expressions (toscalar(), `in (T)`) are left as lowered.
 */
export function mapInputs(plan: Plan, f: (input: Plan) => Plan): Plan {
  switch (plan.k) {
    case 'table':
    case 'print':
    case 'range':
    case 'datatable':
      return plan;
    case 'shared': {
      const inner = f(plan.plan);
      return inner === plan.plan ? plan : { ...plan, plan: inner };
    }
    case 'join':
    case 'lookup': {
      const left = f(plan.left);
      const right = f(plan.right);
      return left === plan.left && right === plan.right ? plan : { ...plan, left, right };
    }
    case 'geoLookup':
    case 'ipLookup': {
      const input = f(plan.input);
      const lookup = f(plan.lookup);
      return input === plan.input && lookup === plan.lookup ? plan : { ...plan, input, lookup };
    }
    case 'newActivityMetrics': {
      const input = f(plan.input);
      const lookback = plan.lookback && f(plan.lookback.plan);
      return input === plan.input && lookback === plan.lookback?.plan
        ? plan
        : { ...plan, input, lookback: plan.lookback && lookback ? { ...plan.lookback, plan: lookback } : undefined };
    }
    case 'union':
    case 'search':
    case 'find': {
      const inputs = plan.inputs.map((i) => {
        const p = f(i.plan);
        return p === i.plan ? i : { ...i, plan: p };
      });
      return inputs.every((i, n) => i === plan.inputs[n]) ? plan : { ...plan, inputs };
    }
    case 'makeGraph': {
      const input = f(plan.input);
      const nodes = plan.nodes.map((n) => {
        const p = f(n.plan);
        return p === n.plan ? n : { ...n, plan: p };
      });
      return input === plan.input && nodes.every((n, i) => n === plan.nodes[i]) ? plan : { ...plan, input, nodes };
    }
    default: {
      const input = f(plan.input);
      return input === plan.input ? plan : { ...plan, input };
    }
  }
}

/** `f` called with each tabular input of the node, the ones `mapInputs` maps, without rebuilding anything. */
export function forEachInput(plan: Plan, f: (input: Plan) => void): void {
  switch (plan.k) {
    case 'table':
    case 'print':
    case 'range':
    case 'datatable':
      return;
    case 'shared':
      f(plan.plan);
      return;
    case 'join':
    case 'lookup':
      f(plan.left);
      f(plan.right);
      return;
    case 'geoLookup':
    case 'ipLookup':
      f(plan.input);
      f(plan.lookup);
      return;
    case 'newActivityMetrics':
      f(plan.input);
      if (plan.lookback) {
        f(plan.lookback.plan);
      }
      return;
    case 'union':
    case 'search':
    case 'find':
      for (const i of plan.inputs) {
        f(i.plan);
      }
      return;
    case 'makeGraph':
      f(plan.input);
      for (const n of plan.nodes) {
        f(n.plan);
      }
      return;
    default:
      f(plan.input);
  }
}

/**
 * `rewrite` applied at every node, inputs first. A shared plan (a `let`, materialize(), `as`) is
 * rewritten once and the same result used wherever it is read, so it still runs once.
 */
export function rewriteBottomUp(plan: Plan, rewrite: (node: Plan) => Plan): Plan {
  const shared = new Map<number, Plan>();
  const visit = (p: Plan): Plan => {
    if (p.k === 'shared') {
      const done = shared.get(p.id);
      if (done) {
        return done;
      }
      const out = rewrite(mapInputs(p, visit));
      shared.set(p.id, out);
      return out;
    }
    return rewrite(mapInputs(p, visit));
  };
  return visit(plan);
}
