/**
 * Specialised evaluators for the hottest predicate shapes: a column compared with a constant. String
 * predicates run once per dictionary entry (memoised), numbers compare straight on the typed array.
 */
import { type Column, NumberColumn, StringColumn } from '../column';
import { bindBinaryOperator } from '../functions';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import { isNumberBacked, type Value } from '../values';
import { LazyColumn } from './lazy';

type Evaluator = (row: number) => Value;

const NUMERIC_COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  EqualExpression: (a, b) => a === b,
  NotEqualExpression: (a, b) => a !== b,
  LessThanExpression: (a, b) => a < b,
  LessThanOrEqualExpression: (a, b) => a <= b,
  GreaterThanExpression: (a, b) => a > b,
  GreaterThanOrEqualExpression: (a, b) => a >= b,
};

/** Row → dictionary code of a string column, also through a lazy selection (−1 stands for ''). */
function stringCodes(col: Column | undefined): { code: (row: number) => number; dict: readonly string[] } | undefined {
  if (col instanceof StringColumn && col.type === 'string') {
    const codes = col.codes;
    return { code: (row) => codes[row]!, dict: col.dict };
  }
  if (col instanceof LazyColumn && col.source instanceof StringColumn && col.type === 'string') {
    const codes = col.source.codes;
    const rows = col.rows;
    return {
      code: (row) => {
        const r = rows[row]!;
        return r < 0 ? -1 : codes[r]!;
      },
      dict: col.source.dict,
    };
  }
  return undefined;
}

/** Row → number or null of a number column, also through a lazy selection. */
function numberReader(col: Column | undefined): ((row: number) => number | null) | undefined {
  const direct = (c: NumberColumn) => {
    const values = c.values;
    const nulls = c.nulls;
    return nulls ? (row: number) => (nulls[row] ? null : values[row]!) : (row: number) => values[row]!;
  };
  // Longs past 2^53 (an `exact` array) are not plain doubles: the general path reads them.
  if (col instanceof NumberColumn) {
    return col.exact ? undefined : direct(col);
  }
  if (col instanceof LazyColumn && col.source instanceof NumberColumn && !col.source.exact) {
    const inner = direct(col.source);
    const rows = col.rows;
    return (row) => {
      const r = rows[row]!;
      return r < 0 ? null : inner(r);
    };
  }
  return undefined;
}

export function comparisonFastPath(expr: Extract<Expr, { k: 'binary' }>, table: Table): Evaluator | undefined {
  const { left, right } = expr;
  if (left.k !== 'column' || right.k !== 'literal') {
    return undefined;
  }
  const col = table.column(left.name);
  if (!col || col.type !== left.type) {
    return undefined;
  }
  if (right.type === 'string' && typeof right.value === 'string') {
    const codes = stringCodes(col);
    if (codes) {
      let impl: (l: Value, r: Value) => Value;
      try {
        impl = bindBinaryOperator(expr.op, 'string', 'string', expr.type);
      } catch {
        // Not a string operator the library knows: the generic path reports it properly.
        return undefined;
      }
      const constant = right.value;
      return dictionaryPredicate(codes.code, codes.dict, (s) => impl(s, constant));
    }
  }
  const cmp = NUMERIC_COMPARISONS[expr.op];
  const read = numberReader(col);
  if (
    cmp &&
    read &&
    isNumberBacked(right.type) &&
    right.type === left.type &&
    typeof right.value === 'number' &&
    !Number.isNaN(right.value)
  ) {
    const c = right.value;
    return (row) => {
      const v = read(row);
      return v === null ? null : cmp(v, c);
    };
  }
  return undefined;
}

/** `Col in ("a", "b")` and friends on a string column: decided once per distinct value. */
export function listFastPath(
  expr: Extract<Expr, { k: 'list' }>,
  table: Table,
  impl: (left: Value, list: readonly Value[]) => Value,
  list: readonly Value[],
): Evaluator | undefined {
  if (expr.left.k !== 'column') {
    return undefined;
  }
  const codes = stringCodes(table.column(expr.left.name));
  return codes ? dictionaryPredicate(codes.code, codes.dict, (s) => impl(s, list)) : undefined;
}

/** Evaluates a string function once per distinct value (memoised by dictionary code; −1 is ''). */
function dictionaryPredicate(
  code: (row: number) => number,
  dict: readonly string[],
  f: (s: string) => Value,
): Evaluator {
  const memo: Value[] = [];
  const known = new Uint8Array(dict.length + 1);
  return (row) => {
    const slot = code(row) + 1;
    if (known[slot]) {
      return memo[slot]!;
    }
    const v = f(slot === 0 ? '' : dict[slot - 1]!);
    memo[slot] = v;
    known[slot] = 1;
    return v;
  };
}
