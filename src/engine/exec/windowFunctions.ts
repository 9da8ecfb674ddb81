/**
 * Window functions that depend on every earlier row: row_number with a restart condition, row_cumsum,
 * row_rank_dense, row_rank_min and row_window_session. (prev, next and plain row_number are plan
 * expressions of their own, `shift` and `rowNumber`: they need no state.) Kusto's binder admits them
 * only where the rows have an order (after serialize, sort, top, …), so the table's row order is that
 * order. Each column is computed once, in row order, on first use; later rows are then a lookup
 * however the caller visits them.
 */
import { valuesEqual } from '../valueCompare';
import { fitNumber } from '../functions/define';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import type { KqlType, Value } from '../values';
import { CHECK_INTERVAL as CHECK_EVERY, type ExecContext } from './context';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type Evaluator = (row: number) => Value;
type CallExpr = Extract<Expr, { k: 'call' }>;


/** A column computed in row order on first use: `step(row)` sees rows 0, 1, 2, … exactly once each. */
function sequential(table: Table, ctx: ExecContext, step: (row: number) => Value): Evaluator {
  let values: Value[] | undefined;
  return (row) => {
    if (!values) {
      const n = table.rowCount;
      values = new Array<Value>(n);
      for (let i = 0; i < n; i++) {
        if ((i & (CHECK_INTERVAL - 1)) === 0) {
          ctx.check();
        }
        values[i] = step(i);
      }
    }
    return values[row]!;
  };
}

/** An optional `restart` argument: true on the first row and where the expression is true. */
function restartAt(arg: Evaluator | undefined): (row: number) => boolean {
  return arg ? (row) => row === 0 || arg(row) === true : (row) => row === 0;
}

function constantInteger(arg: Evaluator | undefined, fallback: number): Evaluator {
  return arg ?? (() => fallback);
}

/**
 * The evaluator of a window function call; `args` are the compiled arguments. Throws nothing for
 * arity: the binder has checked each call against the function's signatures.
 */
export function compileWindowCall(expr: CallExpr, args: readonly Evaluator[], table: Table, ctx: ExecContext): Evaluator {
  const type: KqlType = expr.type;
  switch (expr.name) {
    case 'row_number': {
      const startOf = constantInteger(args[0], 1);
      const restart = restartAt(args[1]);
      let last = 0;
      return sequential(table, ctx, (row) => {
        const start = startOf(row);
        last = restart(row) ? (typeof start === 'number' ? start : 1) : last + 1;
        return last;
      });
    }
    case 'row_cumsum': {
      const term = args[0]!;
      const restart = restartAt(args[1]);
      let sum = 0;
      return sequential(table, ctx, (row) => {
        if (restart(row)) {
          sum = 0;
        }
        const v = term(row);
        // A null term adds nothing, as sum() skips nulls.
        if (typeof v === 'number') {
          sum += v;
        }
        return fitNumber(sum, type);
      });
    }
    case 'row_rank_dense':
    case 'row_rank_min': {
      const term = args[0]!;
      const termType = expr.args[0]!.type;
      const restart = restartAt(args[1]);
      const dense = expr.name === 'row_rank_dense';
      let rank = 0;
      let position = 0;
      let previous: Value = null;
      return sequential(table, ctx, (row) => {
        const v = term(row);
        if (restart(row)) {
          rank = 1;
          position = 1;
        } else {
          position++;
          // A change of term as grouping sees one (null equals null, dynamic values by content).
          if (!valuesEqual(v, previous, termType)) {
            // Dense: the next rank; min: the row's position within its partition.
            rank = dense ? rank + 1 : position;
          }
        }
        previous = v;
        return rank;
      });
    }
    case 'row_window_session': {
      const value = args[0]!;
      const maxFromFirst = args[1]!;
      const maxBetween = args[2]!;
      const restart = args[3];
      let sessionStart: Value = null;
      let previous: Value = null;
      return sequential(table, ctx, (row) => {
        const v = value(row);
        const fromFirst = maxFromFirst(row);
        const between = maxBetween(row);
        const starts = typeof sessionStart !== 'number'
          || typeof previous !== 'number'
          || typeof v !== 'number'
          || (typeof fromFirst === 'number' && v >= sessionStart + fromFirst)
          || (typeof between === 'number' && v >= previous + between)
          || (restart !== undefined && restart(row) === true);
        if (starts) {
          sessionStart = v;
        }
        previous = v;
        return sessionStart;
      });
    }
  }
  throw ctx.errors.at(expr.span, 'KQL-UNSUPPORTED', `The function '${expr.name}' is not supported by the embedded engine.`);
}
