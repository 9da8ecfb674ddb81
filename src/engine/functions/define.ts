/**
 * Small builders for the function table, and the argument coercions every function shares, so each
 * function file states only what its functions compute.
 */

import { type KqlType, ticksFromMs, type Value } from '../values';
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

/** Kusto's datetime range, 0001-01-01 to 9999-12-31, in engine ticks (see DATETIME_BASE_MS). */
export const MIN_DATETIME = ticksFromMs(-62_135_596_800_000);
export const MAX_DATETIME = ticksFromMs(253_402_300_800_000) - 1;

/** A datetime result, or null when it falls outside Kusto's range (or is not a number at all). */
export function fitDatetime(n: number): number | null {
  return Number.isFinite(n) && n >= MIN_DATETIME && n <= MAX_DATETIME ? Math.trunc(n) : null;
}

/** A number result in the representation of the result type (integers truncated, NaN/∞ only for real). */
export function fitNumber(n: number | null, type: KqlType): Value {
  if (n === null) {
    return null;
  }
  switch (type) {
    case 'datetime':
      return fitDatetime(n);
    case 'int':
    case 'long':
    case 'timespan':
      return fitInteger(n, type);
    case 'bool':
      return n !== 0;
    case 'string':
      return String(n);
    default:
      return n;
  }
}
