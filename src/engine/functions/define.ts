/**
 * Small builders for the function table, and the argument coercions every function shares, so each
 * function file states only what its functions compute.
 */

import { Int64 } from '../int64';
import { fitDatetime, ticksOfNumber } from '../ticks';

export { fitDatetime };
import type { KqlType, Value } from '../values';
import { valueToString } from '../valueText';
import type { CallContext, ScalarFunction, ScalarImpl, Volatility } from './types';

export type BindScalar = (
  argTypes: readonly KqlType[],
  resultType: KqlType,
  ctx: CallContext,
  constArgs: readonly (Value | undefined)[],
) => ScalarImpl;

export function scalar(name: string, bind: BindScalar, aliases?: readonly string[]): ScalarFunction {
  return { name, aliases, bind };
}

/** The same function with its volatility stated (see Volatility); functions are 'pure' unless they say so. */
export function withVolatility(fn: ScalarFunction, volatility: Volatility): ScalarFunction {
  return { ...fn, volatility };
}

/** The null of a result type: KQL strings are never null, so they take the empty string. */
export function nullOf(type: KqlType): Value {
  return type === 'string' ? '' : null;
}

/**
 * A function that returns null (or "" for strings) as soon as any argument is null, which is how
 * most Kusto scalar functions treat nulls.
 */
export function strict(
  name: string,
  fn: (args: readonly Value[], argTypes: readonly KqlType[], resultType: KqlType) => Value,
  aliases?: readonly string[],
): ScalarFunction {
  return scalar(
    name,
    (argTypes, resultType) => {
      const empty = nullOf(resultType);
      return (args) => {
        for (const a of args) {
          if (a === null || a === undefined) {
            return empty;
          }
        }
        return fn(args, argTypes, resultType);
      };
    },
    aliases,
  );
}

/** An argument as a string (tostring semantics), whatever its static type. */
export function str(v: Value, type: KqlType | undefined): string {
  if (typeof v === 'string' && type !== 'datetime' && type !== 'timespan') {
    return v;
  }
  return valueToString(v, type ?? 'dynamic');
}

/** An argument as a number, or null (dynamic values holding numbers count; others do not). */
export function num(v: Value): number | null {
  if (typeof v === 'number') {
    return v;
  }
  if (v instanceof Int64) {
    // A long, datetime or timespan past 2^53: its nearest double, for kernels that compute in doubles.
    return Number(v.big);
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  return null;
}

/** A number fitted to an integer result type: int wraps to 32 bits as Kusto's int does. */
export function fitInteger(n: number, type: KqlType): number | null {
  if (!Number.isFinite(n)) {
    return null;
  }
  const t = Math.trunc(n);
  return type === 'int' ? t | 0 : t;
}

/** A number result in the representation of the result type (integers truncated, NaN/∞ only for real). */
export function fitNumber(n: number | Int64 | null, type: KqlType): Value {
  if (n === null) {
    return null;
  }
  if (n instanceof Int64) {
    // An exact long or tick count past 2^53 stays exact where the result type can hold it.
    switch (type) {
      case 'datetime':
        return fitDatetime(n);
      case 'long':
      case 'timespan':
        return n;
      case 'int':
        return Number(BigInt.asIntN(32, n.big));
      default:
        return fitNumber(Number(n.big), type);
    }
  }
  switch (type) {
    case 'datetime':
      return fitDatetime(n);
    case 'timespan': {
      const t = fitInteger(n, type);
      return t === null ? null : ticksOfNumber(t);
    }
    case 'int':
    case 'long':
      return fitInteger(n, type);
    case 'bool':
      return n !== 0;
    case 'string':
      return String(n);
    default:
      return n;
  }
}
