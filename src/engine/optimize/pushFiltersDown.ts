/**
 * Push filters below projections and extends: `extend h = hourofday(T) | where Computer == "x"`
 * filters first and computes `h` only for the rows kept. Sound when the predicate reads only columns
 * the operator passes through unchanged, and neither side depends on row positions (a row_number()
 * in the extend would number different rows; a rand() predicate could see different rows).
 */
import { columnsRead } from '../plan/exprFacts';
import type { NamedExpr, Plan } from '../plan/types';
import { rewriteBottomUp } from './planWalk';
import type { OptimizerRule } from './rule';

export const pushFiltersDown: OptimizerRule = {
  name: 'push filters below projections',
  rewrite: (plan) => rewriteBottomUp(plan, pushDown),
  mayApply: (facts) => facts.edges.has('filter>extend') || facts.edges.has('filter>project'),
};

function pushDown(node: Plan): Plan {
  if (node.k !== 'filter') {
    return node;
  }
  const reads = columnsRead(node.predicate);
  const below = node.input;
  if (!reads || (below.k !== 'extend' && below.k !== 'project') || !below.columns.every(isRowLocal)) {
    return node;
  }
  const passesThrough =
    below.k === 'extend'
      ? (name: string) => !below.columns.some((c) => producedNames(c).includes(name))
      : (name: string) =>
          below.columns.some((c) => !c.outputs && c.name === name && c.expr.k === 'column' && c.expr.name === name);
  if (![...reads].every(passesThrough)) {
    return node;
  }
  const filter = pushDown({ ...node, input: below.input, schema: below.input.schema });
  return { ...below, input: filter };
}

function isRowLocal(c: NamedExpr): boolean {
  return columnsRead(c.expr) !== undefined;
}

function producedNames(c: NamedExpr): string[] {
  return c.outputs ? c.outputs.map((o) => o.name) : [c.name];
}
