/**
 * Fold constants: an expression of pure calls over literals (`1h * 24`, `strcat("a", "b")`,
 * `datetime(2024-01-01) + 7d`) becomes the literal it computes, once, when the query is prepared.
 * now(), ago() and toscalar() stay: their value belongs to a run, and the prepared plan is reused
 * across runs (the executor still computes them once per run). rand() and the window functions stay.
 * A constant that fails to compute stays as written, so the error is raised where it was before.
 */
import { LineMap } from '../../kql';
import { Database } from '../database';
import type { ExecContext } from '../exec/context';
import { compileExpr } from '../exec/expr';
import { ErrorFactory } from '../plan/syntax';
import { isTimelessConstant } from '../plan/exprFacts';
import type { Expr } from '../plan/types';
import { Table } from '../table';
import { mapNodeExprs, mapSubExprs } from './exprWalk';
import { rewriteBottomUp } from './planWalk';
import type { OptimizerRule } from './rule';

export const foldConstants: OptimizerRule = {
  name: 'fold constants',
  rewrite: (plan) => rewriteBottomUp(plan, (node) => mapNodeExprs(node, foldExpr)),
};

export function foldExpr(expr: Expr): Expr {
  if (expr.k === 'literal') {
    return expr;
  }
  if (isTimelessConstant(expr)) {
    const value = evaluateConstant(expr);
    if (value !== undefined) {
      return { k: 'literal', value: value.value, type: expr.type, span: expr.span };
    }
  }
  return mapSubExprs(expr, foldExpr);
}

const ONE_ROW = new Table([], 1);

/**
 * One context for every constant folded: a Database, a LineMap and an ErrorFactory each time cost more
 * than computing `1h * 24` does. Nothing a pure expression computes is kept in it between constants.
 */
let foldContext: ExecContext | undefined;

function contextFor(expr: Expr): ExecContext {
  foldContext ??= {
    db: new Database([]),
    // A pure function never reads the run's "now"; one that did is left for the run to compute.
    call: {
      get now(): number {
        throw new NeedsRun();
      },
    },
    errors: new ErrorFactory(new LineMap('')),
    shared: new Map(),
    tables: new Map(),
    check: () => {},
    current: expr.span,
    runPlan: () => {
      throw new NeedsRun();
    },
  };
  foldContext.current = expr.span;
  foldContext.shared.clear();
  foldContext.tables.clear();
  return foldContext;
}

/** The expression's value, or undefined when computing it fails (or would need a run's values). */
function evaluateConstant(expr: Expr): { value: ReturnType<ReturnType<typeof compileExpr>> } | undefined {
  try {
    return { value: compileExpr(expr, ONE_ROW, contextFor(expr))(0) };
  } catch {
    return undefined;
  }
}

class NeedsRun extends Error {}
