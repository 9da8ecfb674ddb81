/**
 * Specialised evaluators for the hottest predicate shapes: a column compared with a constant. String
 * predicates run once per dictionary entry (memoised), numbers compare straight on the typed array.
 */
import { NumberColumn, StringColumn } from '../column';
import { bindBinaryOperator } from '../functions';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import { isNumberBacked, TICKS_PER_DAY, type Value } from '../values';

type Evaluator = (row: number) => Value;

const NUMERIC_COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  EqualExpression: (a, b) => a === b,
  NotEqualExpression: (a, b) => a !== b,
  LessThanExpression: (a, b) => a < b,
  LessThanOrEqualExpression: (a, b) => a <= b,
  GreaterThanExpression: (a, b) => a > b,
  GreaterThanOrEqualExpression: (a, b) => a >= b,
};

export function comparisonFastPath(expr: Extract<Expr, { k: 'binary' }>, table: Table): Evaluator | undefined {
  const { left, right } = expr;
  if (left.k !== 'column' || right.k !== 'literal') {
    return undefined;
  }
  // A lazy selection is read through its index by the generic path rather than copied here.
  const col = table.column(left.name);
  if (!col || col.type !== left.type) {
    return undefined;
  }
  if (col instanceof StringColumn && col.type === 'string' && right.type === 'string' && typeof right.value === 'string') {
    return dictionaryPredicate(col, bindBinaryOperator(expr.op, 'string', 'string', expr.type), right.value);
  }
  const cmp = NUMERIC_COMPARISONS[expr.op];
  if (cmp && col instanceof NumberColumn && isNumberBacked(right.type) && right.type === left.type && typeof right.value === 'number') {
    const c = right.value;
    if (Number.isNaN(c)) {
      return undefined;
    }
    const values = col.values;
    const nulls = col.nulls;
    return nulls ? (row) => (nulls[row] ? null : cmp(values[row]!, c)) : (row) => cmp(values[row]!, c);
  }
  return undefined;
}

/** Evaluates a string predicate once per distinct value; the result for code -1 (empty) is entry 0. */
function dictionaryPredicate(col: StringColumn, impl: (l: Value, r: Value) => Value, constant: string): Evaluator {
  const codes = col.codes;
  const dict = col.dict;
  const memo: Value[] = [];
  const known = new Uint8Array(dict.length + 1);
  return (row) => {
    const slot = codes[row]! + 1;
    if (known[slot]) {
      return memo[slot]!;
    }
    const v = impl(slot === 0 ? '' : dict[slot - 1]!, constant);
    memo[slot] = v;
    known[slot] = 1;
    return v;
  };
}

/**
 * bin(x, step) with a constant step: a floor on the raw number. For datetimes Kusto bins from
 * 0001-01-01, which is a whole number of days before 1970, so the shortcut holds for steps that divide a day.
 */
export function binFastPath(expr: Extract<Expr, { k: 'call' }>, arg: Evaluator): Evaluator | undefined {
  if ((expr.name !== 'bin' && expr.name !== 'floor') || expr.args.length !== 2) {
    return undefined;
  }
  const [value, size] = expr.args as [Expr, Expr];
  if (size.k !== 'literal' || typeof size.value !== 'number' || !(size.value > 0) || !Number.isFinite(size.value)) {
    return undefined;
  }
  const step = size.value;
  const type = value.type;
  const dayAligned = (type === 'datetime' || type === 'timespan') && size.type === 'timespan' && TICKS_PER_DAY % step === 0;
  const integral = (type === 'long' || type === 'int') && Number.isInteger(step) && (expr.type === 'long' || expr.type === 'int');
  const real = type === 'real' && expr.type === 'real';
  if (!dayAligned && !integral && !real) {
    return undefined;
  }
  return (row) => {
    const v = arg(row);
    return typeof v === 'number' ? Math.floor(v / step) * step : null;
  };
}
