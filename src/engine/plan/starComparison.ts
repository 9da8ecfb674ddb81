/**
 * `* has "x"`: a string operator whose left side is every column of the row, true when any column's
 * value matches (the union page's `union K* | where * has "Kusto"`, the where page's `where * has "cow"`).
 * The search page equates `search "err"` with `where * has "err"`, so the executor reads the columns as
 * search does. The negated operators (`* !has "x"`) are refused: the reference does not say whether every
 * column or any one must not match. The right side must be a constant string, as search's terms are.
 */
import type { LowerContext } from './context';
import { kindOf, type Node, spanOf, textOf, typeOf } from './syntax';
import type { Expr } from './types';

/** The operators a negation turns around; the rest (has, contains, ==, =~, matches regex…) read any column. */
function isNegated(op: string): boolean {
  return op.startsWith('Not') || op === 'BangTildeExpression';
}

export function lowerStarComparison(node: Kusto.Language.Syntax.BinaryExpression, ctx: LowerContext): Expr {
  const op = kindOf(node);
  const operator = node.Operator ? textOf(node.Operator).trim() : op;
  if (isNegated(op)) {
    throw ctx.errors.unsupported(node, `'* ${operator}' (a negated operator over every column)`);
  }
  const right = node.Right as Kusto.Language.Syntax.Expression | null;
  const term = right?.ConstantValue;
  if (!right || typeof term !== 'string' || kindOf(right as Node) === 'StarExpression') {
    throw ctx.errors.at(
      spanOf(right ?? node),
      'KQL-ARGUMENT',
      `The right side of '* ${operator}' must be a constant string: the operator is tried on every column.`,
    );
  }
  return { k: 'searchTerm', term, column: undefined, op, type: typeOf(node), span: spanOf(node) };
}
