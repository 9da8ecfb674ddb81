/**
 * Binary, unary, list (`in`, `has_any`) and `between` operators, bound once per expression node with
 * the operand and result types Kusto.Language inferred. Kinds are Kusto.Language SyntaxKind names.
 *
 * Null semantics follow the reference: arithmetic and ordering with a null give null; `==` gives null
 * for two nulls and false for one; `!=` gives null for two nulls and true for one; `and`/`or` are
 * two-valued, a null operand counting as false (`bool(null) and true` is false, `bool(null) or true` true).
 */
import { bigIntOf, Int64, longFromBigInt, unsafeInteger } from '../int64';
import { ticksOf } from '../ticks';
import { compareValues } from '../valueCompare';
import { isNumericType, type KqlType, type Value } from '../values';
import { convertValue, dynamicEquals } from './convert';
import { fitNumber, num, str } from './define';
import { compareLongs, exactLong, LONG_OPS, type LongOp, longsEqual } from './longArithmetic';
import * as sm from './stringMatch';
import { type BinaryImpl, type UnaryImpl, UnsupportedError } from './types';

/**
 * A dynamic operand of arithmetic: an exact long stays one (typed as a number: the operators read it
 * through Int64.valueOf, and exactLong redoes the result from its BigInt), other numbers as num() reads them.
 */
function numOrLong(v: Value): number | null {
  return v instanceof Int64 ? (v as unknown as number) : num(v);
}

/** The type both operands are compared in. */
function comparisonType(l: KqlType, r: KqlType): KqlType {
  if (l === r) {
    return l;
  }
  if (l === 'dynamic') {
    return r;
  }
  if (r === 'dynamic') {
    return l;
  }
  if (isNumericType(l) && isNumericType(r)) {
    return 'real';
  }
  if (l === 'string' || r === 'string') {
    return 'string';
  }
  return l;
}

function converter(from: KqlType, to: KqlType): (v: Value) => Value {
  return from === to ? (v) => v : (v) => convertValue(v, from, to);
}

function equality(lt: KqlType, rt: KqlType, negate: boolean): BinaryImpl {
  const t = comparisonType(lt, rt);
  const cl = converter(lt, t);
  const cr = converter(rt, t);
  const eq =
    t === 'dynamic'
      ? (a: Value, b: Value) => dynamicEquals(a, b)
      : isExactInteger(t)
        ? longsEqual
        : (a: Value, b: Value) => a === b;
  return (l, r) => {
    const a = cl(l);
    const b = cr(r);
    const an = a === null || a === undefined;
    const bn = b === null || b === undefined;
    if (an || bn) {
      return an && bn ? null : negate;
    }
    return eq(a, b) !== negate;
  };
}

function ordering(lt: KqlType, rt: KqlType, test: (c: number) => boolean): BinaryImpl {
  const t = comparisonType(lt, rt);
  const cl = converter(lt, t);
  const cr = converter(rt, t);
  if (isExactInteger(t)) {
    return (l, r) => {
      const a = cl(l) as number | Int64 | null;
      const b = cr(r) as number | Int64 | null;
      return a === null || b === null ? null : test(compareLongs(a, b));
    };
  }
  if (isNumericType(t) || t === 'datetime' || t === 'timespan') {
    return (l, r) => {
      const a = cl(l) as number | null;
      const b = cr(r) as number | null;
      if (a === null || b === null) {
        return null;
      }
      return test(a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN);
    };
  }
  return (l, r) => {
    const a = cl(l);
    const b = cr(r);
    if (a === null || b === null) {
      return null;
    }
    return test(compareValues(a, b, t));
  };
}

function caseInsensitiveEquality(lt: KqlType, rt: KqlType, negate: boolean): BinaryImpl {
  return (l, r) => sm.equalsIgnoreCase(str(l, lt), str(r, rt)) !== negate;
}

function stringPredicate(lt: KqlType, rt: KqlType, pred: sm.StringPredicate, negate: boolean): BinaryImpl {
  return (l, r) => pred(str(l, lt), str(r, rt)) !== negate;
}

/** Kusto's modulo is never negative: 0 ≤ N % D < abs(D). */
function kustoModulo(a: number, b: number): number {
  const m = a % b;
  return m < 0 ? m + Math.abs(b) : m;
}

function isIntegral(t: KqlType): boolean {
  return t === 'int' || t === 'long';
}

/**
 * Types whose values past 2^53 are Int64s, compared exactly: longs, datetimes and timespans in ticks,
 * and decimals (parse_version's). A decimal with a fraction is a plain double below 2^53, where
 * compareLongs and longsEqual compare doubles.
 */
function isExactInteger(t: KqlType): boolean {
  return t === 'int' || t === 'long' || t === 'datetime' || t === 'timespan' || t === 'decimal';
}

/** Tick arithmetic that stays exact past 2^53 (division of a timespan rounds, so it keeps the double). */
const TICK_OPS: Readonly<Record<string, LongOp | undefined>> = {
  AddExpression: LONG_OPS.AddExpression,
  SubtractExpression: LONG_OPS.SubtractExpression,
  MultiplyExpression: LONG_OPS.MultiplyExpression,
  ModuloExpression: LONG_OPS.ModuloExpression,
};

function whole(v: unknown): boolean {
  return v instanceof Int64 || Number.isInteger(v);
}

function arithmetic(kind: string, lt: KqlType, rt: KqlType, resultType: KqlType): BinaryImpl {
  const integral = isIntegral(resultType);
  const timespanResult = resultType === 'timespan' || resultType === 'datetime';
  let op: (a: number, b: number) => number | null;
  switch (kind) {
    case 'AddExpression':
      op = (a, b) => a + b;
      break;
    case 'SubtractExpression':
      op = (a, b) => a - b;
      break;
    case 'MultiplyExpression':
      op = timespanResult ? (a, b) => Math.round(a * b) : (a, b) => a * b;
      break;
    case 'DivideExpression':
      if (integral) {
        op = (a, b) => (b === 0 ? null : Math.trunc(a / b));
      } else if (timespanResult) {
        op = (a, b) => (b === 0 ? null : Math.round(a / b));
      } else {
        op = (a, b) => a / b;
      }
      break;
    case 'ModuloExpression':
      op =
        integral || timespanResult
          ? (a, b) => (b === 0 ? null : kustoModulo(Math.trunc(a), Math.trunc(b)))
          : (a, b) => kustoModulo(a, b);
      break;
    default:
      throw new UnsupportedError(`operator ${kind}`);
  }
  const ln = lt === 'dynamic' ? numOrLong : (v: Value) => v as number | null;
  const rn = rt === 'dynamic' ? numOrLong : (v: Value) => v as number | null;
  const out = resultType === 'dynamic' ? 'real' : resultType;
  const longOp = resultType === 'long' ? LONG_OPS[kind] : undefined;
  const tickOp = resultType === 'datetime' || resultType === 'timespan' ? TICK_OPS[kind] : undefined;
  if (tickOp) {
    return (l, r) => {
      const a = ln(l);
      const b = rn(r);
      if (a === null || b === null || a === undefined || b === undefined) {
        return null;
      }
      if (typeof a === 'number' && typeof b === 'number') {
        const x = op(a, b);
        // A whole tick count within ±2^53 is exact, and as a datetime always within Kusto's range.
        if (x !== null && Number.isInteger(x) && !unsafeInteger(x)) {
          return x;
        }
        if (x === null || !unsafeInteger(x)) {
          return fitNumber(x, out);
        }
      }
      if (!whole(a) || !whole(b)) {
        return fitNumber(op(Number(a), Number(b)), out);
      }
      const exact = tickOp(bigIntOf(a)!, bigIntOf(b)!);
      return exact === null ? null : fitNumber(ticksOf(exact), out);
    };
  }
  if (longOp) {
    return (l, r) => {
      const a = ln(l);
      const b = rn(r);
      if (a === null || b === null || a === undefined || b === undefined) {
        return null;
      }
      const approx = fitNumber(op(a, b), out) as number | null;
      return exactLong(longOp, a, b, approx);
    };
  }
  return (l, r) => {
    const a = ln(l);
    const b = rn(r);
    if (a === null || b === null || a === undefined || b === undefined) {
      return null;
    }
    return fitNumber(op(a, b), out);
  };
}

/** `and`/`or` read a null operand as false, as the logical operators' reference states (`bool(null) and true` is false). */
function logical(kind: 'and' | 'or', lt: KqlType, rt: KqlType): BinaryImpl {
  const bl = lt === 'bool' ? (v: Value) => v : converter(lt, 'bool');
  const br = rt === 'bool' ? (v: Value) => v : converter(rt, 'bool');
  return kind === 'and' ? (l, r) => bl(l) === true && br(r) === true : (l, r) => bl(l) === true || br(r) === true;
}

export function bindBinaryOperator(
  kind: string,
  leftType: KqlType,
  rightType: KqlType,
  resultType: KqlType,
): BinaryImpl {
  const lt = leftType;
  const rt = rightType;
  switch (kind) {
    case 'AddExpression':
    case 'SubtractExpression':
    case 'MultiplyExpression':
    case 'DivideExpression':
    case 'ModuloExpression':
      return arithmetic(kind, lt, rt, resultType);
    case 'EqualExpression':
      return equality(lt, rt, false);
    case 'NotEqualExpression':
      return equality(lt, rt, true);
    case 'LessThanExpression':
      return ordering(lt, rt, (c) => c < 0);
    case 'LessThanOrEqualExpression':
      return ordering(lt, rt, (c) => c <= 0);
    case 'GreaterThanExpression':
      return ordering(lt, rt, (c) => c > 0);
    case 'GreaterThanOrEqualExpression':
      return ordering(lt, rt, (c) => c >= 0);
    case 'AndExpression':
      return logical('and', lt, rt);
    case 'OrExpression':
      return logical('or', lt, rt);
    case 'EqualTildeExpression':
      return caseInsensitiveEquality(lt, rt, false);
    case 'BangTildeExpression':
      return caseInsensitiveEquality(lt, rt, true);
    case 'HasExpression':
      return stringPredicate(lt, rt, sm.hasTerm(false), false);
    case 'NotHasExpression':
      return stringPredicate(lt, rt, sm.hasTerm(false), true);
    case 'HasCsExpression':
      return stringPredicate(lt, rt, sm.hasTerm(true), false);
    case 'NotHasCsExpression':
      return stringPredicate(lt, rt, sm.hasTerm(true), true);
    case 'HasPrefixExpression':
      return stringPredicate(lt, rt, sm.hasPrefix(false), false);
    case 'NotHasPrefixExpression':
      return stringPredicate(lt, rt, sm.hasPrefix(false), true);
    case 'HasPrefixCsExpression':
      return stringPredicate(lt, rt, sm.hasPrefix(true), false);
    case 'NotHasPrefixCsExpression':
      return stringPredicate(lt, rt, sm.hasPrefix(true), true);
    case 'HasSuffixExpression':
      return stringPredicate(lt, rt, sm.hasSuffix(false), false);
    case 'NotHasSuffixExpression':
      return stringPredicate(lt, rt, sm.hasSuffix(false), true);
    case 'HasSuffixCsExpression':
      return stringPredicate(lt, rt, sm.hasSuffix(true), false);
    case 'NotHasSuffixCsExpression':
      return stringPredicate(lt, rt, sm.hasSuffix(true), true);
    case 'ContainsExpression':
      return stringPredicate(lt, rt, sm.contains(false), false);
    case 'NotContainsExpression':
      return stringPredicate(lt, rt, sm.contains(false), true);
    case 'ContainsCsExpression':
      return stringPredicate(lt, rt, sm.contains(true), false);
    case 'NotContainsCsExpression':
      return stringPredicate(lt, rt, sm.contains(true), true);
    case 'StartsWithExpression':
      return stringPredicate(lt, rt, sm.startsWith(false), false);
    case 'NotStartsWithExpression':
      return stringPredicate(lt, rt, sm.startsWith(false), true);
    case 'StartsWithCsExpression':
      return stringPredicate(lt, rt, sm.startsWith(true), false);
    case 'NotStartsWithCsExpression':
      return stringPredicate(lt, rt, sm.startsWith(true), true);
    case 'EndsWithExpression':
      return stringPredicate(lt, rt, sm.endsWith(false), false);
    case 'NotEndsWithExpression':
      return stringPredicate(lt, rt, sm.endsWith(false), true);
    case 'EndsWithCsExpression':
      return stringPredicate(lt, rt, sm.endsWith(true), false);
    case 'NotEndsWithCsExpression':
      return stringPredicate(lt, rt, sm.endsWith(true), true);
    case 'MatchesRegexExpression':
      return stringPredicate(lt, rt, sm.matchesRegex(), false);
    case 'LikeExpression':
      return stringPredicate(lt, rt, sm.like(false), false);
    case 'NotLikeExpression':
      return stringPredicate(lt, rt, sm.like(false), true);
    case 'LikeCsExpression':
      return stringPredicate(lt, rt, sm.like(true), false);
    case 'NotLikeCsExpression':
      return stringPredicate(lt, rt, sm.like(true), true);
    default:
      throw new UnsupportedError(`operator ${kind}`);
  }
}

export function bindUnaryOperator(kind: string, operandType: KqlType, resultType: KqlType): UnaryImpl {
  const n = operandType === 'dynamic' ? num : (v: Value) => v as number | null;
  const out = resultType === 'dynamic' ? 'real' : resultType;
  switch (kind) {
    case 'UnaryMinusExpression':
      return (v) => {
        if (v instanceof Int64) {
          return out === 'long' ? longFromBigInt(-v.big) : fitNumber(ticksOf(-v.big), out);
        }
        const x = n(v);
        return x === null || x === undefined ? null : fitNumber(-x, out);
      };
    case 'UnaryPlusExpression':
      return (v) => {
        if (v instanceof Int64) {
          return fitNumber(v, out);
        }
        const x = n(v);
        return x === null || x === undefined ? null : fitNumber(x, out);
      };
    default:
      throw new UnsupportedError(`operator ${kind}`);
  }
}
