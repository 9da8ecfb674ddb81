/**
 * Specialised evaluators for the hottest predicate shapes: a column compared with a constant. String
 * predicates run once per dictionary entry (memoised), numbers compare straight on the typed array.
 */
import { type Column, NumberColumn, StringColumn } from '../column';
import { LazyColumn } from './lazy';
import { bindBinaryOperator } from '../functions';
import type { Expr } from '../plan/types';
import type { Table } from '../table';
import { isNumberBacked, TICKS_PER_DAY, TICKS_PER_MILLISECOND, type Value } from '../values';

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
  if (col instanceof NumberColumn) {
    return direct(col);
  }
  if (col instanceof LazyColumn && col.source instanceof NumberColumn) {
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
  if (cmp && read && isNumberBacked(right.type) && right.type === left.type && typeof right.value === 'number' && !Number.isNaN(right.value)) {
    const c = right.value;
    return (row) => {
      const v = read(row);
      return v === null ? null : cmp(v, c);
    };
  }
  return undefined;
}

/** `Col in ("a", "b")` and friends on a string column: decided once per distinct value. */
export function listFastPath(expr: Extract<Expr, { k: 'list' }>, table: Table, impl: (left: Value, list: readonly Value[]) => Value, list: readonly Value[]): Evaluator | undefined {
  if (expr.left.k !== 'column') {
    return undefined;
  }
  const codes = stringCodes(table.column(expr.left.name));
  return codes ? dictionaryPredicate(codes.code, codes.dict, (s) => impl(s, list)) : undefined;
}

/** Evaluates a string function once per distinct value (memoised by dictionary code; −1 is ''). */
function dictionaryPredicate(code: (row: number) => number, dict: readonly string[], f: (s: string) => Value): Evaluator {
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

/** Milliseconds per unit and per enclosing unit, for the time-of-day parts (Date's own arithmetic). */
export const TIME_OF_DAY_PARTS: Record<string, readonly [number, number]> = {
  hour: [3_600_000, 86_400_000],
  minute: [60_000, 3_600_000],
  second: [1_000, 60_000],
  millisecond: [1, 1_000],
};

/** Beyond this many milliseconds from 1970 a Date is invalid: the library decides what such values give. */
export const MAX_DATE_MS = 8.64e15;

/**
 * datetime_part("hour"|"minute"|"second"|"millisecond", t) with a constant part, and hourofday(t):
 * modular arithmetic on the ticks instead of building calendar fields per row.
 */
export function timeOfDayFastPath(expr: Extract<Expr, { k: 'call' }>, args: readonly Evaluator[], impl: (values: Value[]) => Value): Evaluator | undefined {
  let partName: string | undefined;
  let arg: Evaluator | undefined;
  if (expr.name === 'datetime_part' && expr.args.length === 2 && expr.args[1]!.type === 'datetime') {
    const part = expr.args[0]!;
    if (part.k === 'literal' && typeof part.value === 'string') {
      partName = part.value.trim().toLowerCase();
      arg = args[1];
    }
  } else if (expr.name === 'hourofday' && expr.args.length === 1 && expr.args[0]!.type === 'datetime') {
    partName = 'hour';
    arg = args[0];
  }
  const sizes = partName !== undefined ? TIME_OF_DAY_PARTS[partName] : undefined;
  if (!sizes || !arg || (expr.type !== 'int' && expr.type !== 'long')) {
    return undefined;
  }
  const [unit, period] = sizes;
  const msTicks = TICKS_PER_MILLISECOND;
  const read = arg;
  const generic = expr.name === 'hourofday' ? (t: Value) => impl([t]) : (t: Value) => impl([partName!, t]);
  return (row) => {
    const t = read(row);
    if (typeof t !== 'number') {
      return generic(t);
    }
    const ms = Math.floor(t / msTicks);
    if (!(ms >= -MAX_DATE_MS && ms <= MAX_DATE_MS)) {
      return generic(t);
    }
    const within = ms - Math.floor(ms / period) * period;
    return Math.floor(within / unit);
  };
}
