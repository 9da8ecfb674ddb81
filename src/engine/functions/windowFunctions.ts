/**
 * The window functions: their value at a row depends on the rows before it, so Kusto's binder admits
 * them only where the rows have an order (after serialize, sort, top, …) and the table's row order is
 * that order. prev, next and plain row_number become plan expressions of their own (`shift`,
 * `rowNumber`: plan/expressions.ts); the rest run here as row kernels. Each column is computed once, in
 * row order, on first use; later rows are then a lookup however the caller visits them.
 */
import { valuesEqual } from '../valueCompare';
import type { Value } from '../values';
import { fitNumber } from './define';
import {
  CHECK_INTERVAL as CHECK_EVERY,
  UnsupportedError,
  type CallShape,
  type KernelRows,
  type RowEvaluator,
  type ScalarFunction,
} from './types';

// A module-local copy: a transpiled import is a property read on every loop iteration.
const CHECK_INTERVAL = CHECK_EVERY;

type WindowKernel = (call: CallShape, args: readonly RowEvaluator[], rows: KernelRows) => RowEvaluator;

/** A window function: no row-by-row implementation, its row kernel computes the column. */
function windowFunction(name: string, kernel?: WindowKernel): ScalarFunction {
  return {
    name,
    window: true,
    volatility: 'row',
    bind: () => {
      throw new UnsupportedError(`${name} is a window function: it is evaluated over ordered rows, not one row`);
    },
    rowKernel: kernel && ((call, args, rows) => kernel(call, args, rows)),
  };
}

/** A column computed in row order on first use: `step(row)` sees rows 0, 1, 2, … exactly once each. */
function sequential(rows: KernelRows, step: (row: number) => Value): RowEvaluator {
  let values: Value[] | undefined;
  return (row) => {
    if (!values) {
      const n = rows.rowCount;
      values = new Array<Value>(n);
      for (let i = 0; i < n; i++) {
        if ((i & (CHECK_INTERVAL - 1)) === 0) {
          rows.check();
        }
        values[i] = step(i);
      }
    }
    return values[row]!;
  };
}

/** An optional `restart` argument: true on the first row and where the expression is true. */
function restartAt(arg: RowEvaluator | undefined): (row: number) => boolean {
  return arg ? (row) => row === 0 || arg(row) === true : (row) => row === 0;
}

/** row_number([start[, restart]]). */
const rowNumber: WindowKernel = (_call, args, rows) => {
  const startOf = args[0] ?? (() => 1);
  const restart = restartAt(args[1]);
  let last = 0;
  return sequential(rows, (row) => {
    const start = startOf(row);
    last = restart(row) ? (typeof start === 'number' ? start : 1) : last + 1;
    return last;
  });
};

/** row_cumsum(term[, restart]). */
const rowCumsum: WindowKernel = (call, args, rows) => {
  const term = args[0]!;
  const restart = restartAt(args[1]);
  const type = call.resultType;
  let sum = 0;
  return sequential(rows, (row) => {
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
};

/** row_rank_dense(term[, restart]) and row_rank_min(term[, restart]). */
function rowRank(dense: boolean): WindowKernel {
  return (call, args, rows) => {
    const term = args[0]!;
    const termType = call.argTypes[0]!;
    const restart = restartAt(args[1]);
    let rank = 0;
    let position = 0;
    let previous: Value = null;
    return sequential(rows, (row) => {
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
  };
}

/** row_window_session(value, maxFromFirst, maxBetween[, restart]). */
const rowWindowSession: WindowKernel = (_call, args, rows) => {
  const value = args[0]!;
  const maxFromFirst = args[1]!;
  const maxBetween = args[2]!;
  const restart = args[3];
  let sessionStart: Value = null;
  let previous: Value = null;
  return sequential(rows, (row) => {
    const v = value(row);
    const fromFirst = maxFromFirst(row);
    const between = maxBetween(row);
    const starts =
      typeof sessionStart !== 'number' ||
      typeof previous !== 'number' ||
      typeof v !== 'number' ||
      (typeof fromFirst === 'number' && v >= sessionStart + fromFirst) ||
      (typeof between === 'number' && v >= previous + between) ||
      (restart !== undefined && restart(row) === true);
    if (starts) {
      sessionStart = v;
    }
    previous = v;
    return sessionStart;
  });
};

export const windowFunctions: ScalarFunction[] = [
  windowFunction('row_number', rowNumber),
  // Lowered to plan expressions of their own (`shift`): they never reach a row kernel.
  windowFunction('prev'),
  windowFunction('next'),
  windowFunction('row_cumsum', rowCumsum),
  windowFunction('row_rank_dense', rowRank(true)),
  windowFunction('row_rank_min', rowRank(false)),
  windowFunction('row_window_session', rowWindowSession),
];
