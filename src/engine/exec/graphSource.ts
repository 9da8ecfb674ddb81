/** Runs the plans whose value is a graph (make-graph, graph-mark-components, a `let` of either). */
import type { Plan } from '../plan/types';
import type { ExecContext } from './context';
import { buildGraph, type Graph } from './graph';
import { markComponents } from './graphComponents';

export function runGraph(plan: Plan, ctx: ExecContext): Graph {
  ctx.check();
  switch (plan.k) {
    case 'shared': {
      // A `let G = … | make-graph …` read twice is built once, as a tabular `let` is.
      const key = `graph ${plan.id}`;
      let g = ctx.shared.get(key) as Graph | undefined;
      if (!g) {
        g = runGraph(plan.plan, ctx);
        ctx.shared.set(key, g);
      }
      return g;
    }
    case 'makeGraph': {
      const edges = ctx.runPlan(plan.input, ctx);
      const nodes = plan.nodes.map((n) => ctx.runPlan(n.plan, ctx));
      return at(plan, ctx, () => buildGraph(plan, edges, nodes, ctx));
    }
    case 'graphMarkComponents': {
      const graph = runGraph(plan.input, ctx);
      return at(plan, ctx, () => markComponents(graph, plan.strong, plan.column, ctx));
    }
  }
  throw ctx.errors.at(plan.span, 'KQL-GRAPH', 'A graph operator needs a graph as its input (from make-graph).');
}

function at<T>(plan: Plan, ctx: ExecContext, run: () => T): T {
  const previous = ctx.current;
  ctx.current = plan.span;
  try {
    return run();
  } finally {
    ctx.current = previous;
  }
}
