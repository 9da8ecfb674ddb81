/** make-series `default=`: a constant, where a negative number (`default=-2`) is a unary minus over a literal. */
import type { Expr } from './types';

export function constantDefault(e: Expr): Expr {
  if (e.k === 'unary' && e.operand.k === 'literal' && typeof e.operand.value === 'number') {
    const value = e.op === 'UnaryMinusExpression' ? -e.operand.value : e.operand.value;
    return { k: 'literal', value, type: e.type, span: e.span };
  }
  return e;
}
