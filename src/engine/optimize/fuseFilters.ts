/**
 * Fuse filters: `where a | where b` becomes one `where a and b`, so the rows pass one selection
 * (exec/filterSelect.ts narrows the candidates term by term) instead of a copy per `where`. When every
 * term compares a column with constants, string-column terms go first: they are decided once per
 * dictionary value and usually keep few rows, so the others look only at those. Not when the outer
 * predicate depends on row positions (row_number(), rand()): it must see the rows the inner kept.
 */
import { columnsRead, isPlainComparison } from '../plan/exprFacts';
import type { Expr, Plan } from '../plan/types';
import { rewriteBottomUp } from './planWalk';
import type { OptimizerRule } from './rule';

export const fuseFilters: OptimizerRule = {
  name: 'fuse filters',
  rewrite: (plan) => rewriteBottomUp(plan, fuse),
  mayApply: (facts) => facts.edges.has('filter>filter'),
};

function fuse(node: Plan): Plan {
  if (node.k !== 'filter' || node.input.k !== 'filter' || !columnsRead(node.predicate)) {
    return node;
  }
  const inner = node.input;
  const terms = [...conjuncts(inner.predicate), ...conjuncts(node.predicate)];
  const ordered = terms.every(isPlainComparison)
    ? [...terms].sort((a, b) => Number(leftType(b) === 'string') - Number(leftType(a) === 'string'))
    : [inner.predicate, node.predicate];
  const predicate = ordered.reduce(
    (left, right): Expr => ({ k: 'binary', op: 'AndExpression', left, right, type: 'bool', span: right.span }),
  );
  return { ...node, input: inner.input, predicate };
}

function conjuncts(e: Expr): Expr[] {
  return e.k === 'binary' && e.op === 'AndExpression' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

function leftType(e: Expr): string {
  return e.k === 'binary' || e.k === 'list' ? e.left.type : e.k === 'call' ? (e.args[0]?.type ?? '') : '';
}
