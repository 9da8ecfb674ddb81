/**
 * What an expression depends on, read from the plan alone: the optimizer decides its rewrites with
 * these, and the executor its shortcuts. A function's volatility comes from its definition
 * (functions/types.ts), never from a list of names here.
 */
import { callVolatility } from '../functions';
import type { Expr } from './types';

/**
 * True when the expression is built of literals and subqueries through operators and the calls `callOk`
 * accepts: it reads no row.
 */
function builtOfConstants(expr: Expr, callOk: (name: string) => boolean): boolean {
  switch (expr.k) {
    case 'literal':
    case 'scalarQuery':
    case 'tableColumn':
      return true;
    case 'call':
      return callOk(expr.name) && expr.args.every((a) => builtOfConstants(a, callOk));
    case 'binary':
      return builtOfConstants(expr.left, callOk) && builtOfConstants(expr.right, callOk);
    case 'unary':
      return builtOfConstants(expr.operand, callOk);
    case 'index':
      return builtOfConstants(expr.target, callOk) && builtOfConstants(expr.key, callOk);
    default:
      return false;
  }
}

const notRowVolatile = (name: string): boolean => callVolatility(name) !== 'row';
const anyCall = (): boolean => true;

/**
 * True when the expression reads no row (ago(1h), strcat("a", "b"), toscalar(…)): one run computes
 * it once. It may still differ from run to run (now(), a subquery).
 */
export function isConstantExpr(expr: Expr): boolean {
  return builtOfConstants(expr, notRowVolatile);
}

/**
 * True when the expression reads no row but may call a row-volatile function (toscalar(new_guid())):
 * computed once, it has one value for the whole run.
 */
export function readsNoRow(expr: Expr): boolean {
  return builtOfConstants(expr, anyCall);
}

/** True when the expression has the same value in every run: pure calls over literals. */
export function isTimelessConstant(expr: Expr): boolean {
  switch (expr.k) {
    case 'literal':
      return true;
    case 'call':
      return callVolatility(expr.name) === 'pure' && expr.args.every(isTimelessConstant);
    case 'binary':
      return isTimelessConstant(expr.left) && isTimelessConstant(expr.right);
    case 'unary':
      return isTimelessConstant(expr.operand);
    case 'index':
      return isTimelessConstant(expr.target) && isTimelessConstant(expr.key);
    case 'list':
      return isTimelessConstant(expr.left) && expr.items.every(isTimelessConstant);
    case 'between':
      return isTimelessConstant(expr.value) && isTimelessConstant(expr.low) && isTimelessConstant(expr.high);
    default:
      return false;
  }
}

/**
 * The columns an expression reads, or undefined when it depends on more than the values of named
 * columns at its own row (a row-volatile call, a neighbouring row, every column, a subquery).
 * `subqueriesAsConstants`: a subquery (`in (T)`, toscalar(T)) counts as reading no column, as it reads
 * none of this row's and one run computes it once; an executor may then decide the expression once
 * per distinct value of the columns read. Plan rewrites leave it false: a subquery stops them.
 */
export function columnsRead(
  expr: Expr,
  into = new Set<string>(),
  subqueriesAsConstants = false,
): Set<string> | undefined {
  // Called for every expression of a plan the optimizer walks: recursion without a closure per node.
  switch (expr.k) {
    case 'literal':
      return into;
    case 'column':
      into.add(expr.name);
      return into;
    case 'scalarQuery':
    case 'tableColumn':
      return subqueriesAsConstants ? into : undefined;
    case 'call':
      if (callVolatility(expr.name) === 'row') {
        return undefined;
      }
      for (const a of expr.args) {
        if (!columnsRead(a, into, subqueriesAsConstants)) {
          return undefined;
        }
      }
      return into;
    case 'binary':
      return (
        columnsRead(expr.left, into, subqueriesAsConstants) && columnsRead(expr.right, into, subqueriesAsConstants)
      );
    case 'unary':
      return columnsRead(expr.operand, into, subqueriesAsConstants);
    case 'list':
      if (!columnsRead(expr.left, into, subqueriesAsConstants)) {
        return undefined;
      }
      for (const item of expr.items) {
        if (!columnsRead(item, into, subqueriesAsConstants)) {
          return undefined;
        }
      }
      return into;
    case 'between':
      return (
        columnsRead(expr.value, into, subqueriesAsConstants) &&
        columnsRead(expr.low, into, subqueriesAsConstants) &&
        columnsRead(expr.high, into, subqueriesAsConstants)
      );
    case 'index':
      return (
        columnsRead(expr.target, into, subqueriesAsConstants) && columnsRead(expr.key, into, subqueriesAsConstants)
      );
    default:
      return undefined;
  }
}

const PLAIN_COMPARISONS = new Set([
  'EqualExpression',
  'NotEqualExpression',
  'LessThanExpression',
  'LessThanOrEqualExpression',
  'GreaterThanExpression',
  'GreaterThanOrEqualExpression',
  'InExpression',
  'InCsExpression',
  'NotInExpression',
  'NotInCsExpression',
]);

const EMPTINESS_TESTS = new Set(['isempty', 'isnotempty', 'isnull', 'isnotnull']);

/** A column compared with constants: no error, no row dependence, so it can run in any order. */
export function isPlainComparison(e: Expr): boolean {
  if (e.k === 'binary') {
    return PLAIN_COMPARISONS.has(e.op) && e.left.k === 'column' && isConstantExpr(e.right);
  }
  if (e.k === 'call') {
    return EMPTINESS_TESTS.has(e.name) && e.args.length === 1 && e.args[0]!.k === 'column';
  }
  return e.k === 'list' && PLAIN_COMPARISONS.has(e.op) && e.left.k === 'column' && e.items.every(isConstantExpr);
}
