/**
 * Counting, summing and extreme-value aggregations. Nulls are ignored; an empty string is a value
 * (the reference says only nulls are ignored), except for take_any, which looks for a non-empty one.
 * `*if` variants take the predicate as their last argument
 * (`countif(p)`, `sumif(x, p)`, `dcountif(x, p[, accuracy])`, `minif(x, p)`).
 */

import { bigIntOf, Int64, longFromBigInt, unsafeInteger } from '../int64';
import { compareValues, hashKey } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { countAllFold, countIfFold, distinctNumbersFold, extremeFold } from './aggregateFolds';
import { fitNumber, nullOf } from './define';
import type { AggregateFunction, AggregateImpl } from './types';

function isNull(v: Value | undefined): boolean {
  return v === null || v === undefined;
}

function isMissing(v: Value | undefined): boolean {
  return v === null || v === undefined || v === '';
}

function agg<S>(
  name: string,
  bind: (argTypes: readonly KqlType[], resultType: KqlType) => AggregateImpl<S>,
  aliases?: readonly string[],
  multiOutput = false,
): AggregateFunction {
  return { name, aliases, multiOutput, bind: (argTypes, resultType) => bind(argTypes, resultType) as AggregateImpl };
}

/** Wraps a step so that it only sees rows whose predicate (argument `predicateIndex`) is true. */
function onlyIf<S>(impl: AggregateImpl<S>, predicateIndex: number): AggregateImpl<S> {
  return {
    init: impl.init,
    step: (s, args) => (args[predicateIndex] === true ? impl.step(s, args) : s),
    result: impl.result,
  };
}

function counter(): AggregateImpl<{ n: number }> {
  return {
    init: () => ({ n: 0 }),
    step: (s) => {
      s.n++;
      return s;
    },
    result: (s) => s.n,
  };
}

/**
 * sum() into a long: doubles while the running sum stays within ±(2^53−1), then BigInt, wrapped to
 * 64 bits at the end as Kusto's long sum wraps.
 */
function longSummer(): AggregateImpl<{ sum: number; big: bigint | undefined }> {
  return {
    init: () => ({ sum: 0, big: undefined }),
    step: (s, args) => {
      const v = args[0];
      if (typeof v === 'number' && (s.big === undefined || !Number.isFinite(v))) {
        const t = s.sum + v;
        if (unsafeInteger(t) && Number.isFinite(t)) {
          s.big = BigInt(Math.trunc(s.sum)) + BigInt(Math.trunc(v));
        } else {
          // NaN or ±Infinity poison the sum (null), as they do a sum of doubles.
          s.sum = t;
          s.big = Number.isFinite(t) ? s.big : undefined;
        }
      } else if (!Number.isFinite(s.sum)) {
        // Poisoned: stays as it is.
      } else if (typeof v === 'number' || v instanceof Int64) {
        s.big = (s.big ?? BigInt(s.sum)) + (bigIntOf(v) ?? 0n);
      } else if (typeof v === 'boolean') {
        s.big === undefined ? (s.sum += v ? 1 : 0) : (s.big += v ? 1n : 0n);
      }
      return s;
    },
    result: (s) => (s.big === undefined ? fitNumber(s.sum, 'long') : longFromBigInt(s.big)),
  };
}

function summer(resultType: KqlType): AggregateImpl<{ sum: number }> {
  return {
    init: () => ({ sum: 0 }),
    step: (s, args) => {
      const v = args[0];
      if (typeof v === 'number') {
        s.sum += v;
      } else if (typeof v === 'boolean') {
        s.sum += v ? 1 : 0;
      }
      return s;
    },
    result: (s) => fitNumber(s.sum, resultType),
  };
}

function averager(resultType: KqlType): AggregateImpl<{ sum: number; n: number }> {
  return {
    init: () => ({ sum: 0, n: 0 }),
    step: (s, args) => {
      const v = args[0];
      if (typeof v === 'number') {
        s.sum += v;
        s.n++;
      }
      return s;
    },
    // Kusto divides whatever it has: no values at all is 0/0, NaN.
    result: (s) =>
      s.n === 0
        ? Number.NaN
        : fitNumber(s.sum / s.n, resultType === 'int' || resultType === 'long' ? 'real' : resultType),
  };
}

function extreme(type: KqlType, resultType: KqlType, sign: 1 | -1): AggregateImpl<{ best: Value }> {
  return {
    init: () => ({ best: null }),
    step: (s, args) => {
      const v = args[0]!;
      if (!isNull(v) && (s.best === null || sign * compareValues(v, s.best, type) > 0)) {
        s.best = v;
      }
      return s;
    },
    result: (s) => (s.best === null ? nullOf(resultType) : s.best),
  };
}

function distinctCounter(type: KqlType): AggregateImpl<Set<string | number>> {
  return {
    init: () => new Set(),
    step: (s, args) => {
      const v = args[0]!;
      if (!isNull(v)) {
        s.add(hashKey(v, type));
      }
      return s;
    },
    result: (s) => s.size,
  };
}

/**
 * take_any(x) gives a non-null value of x when there is one; take_any(x, y, …) gives one whole row
 * (multiOutput: one value per argument, in argument order).
 */
function takeAny(argCount: number, resultType: KqlType): AggregateImpl<{ row: Value[] | null }> {
  return {
    init: () => ({ row: null }),
    step: (s, args) => {
      if (s.row === null || (argCount === 1 && isMissing(s.row[0]) && !isMissing(args[0]))) {
        s.row = args.slice(0, argCount);
      }
      return s;
    },
    result: (s) => s.row ?? Array.from({ length: argCount }, () => (argCount === 1 ? nullOf(resultType) : null)),
  };
}

/**
 * arg_max/arg_min: args[0] is compared; result is [args[0], ...rest] of the winning row (multiOutput).
 * Rows where args[0] is null lose to any row with a value; when every row has null, the first row
 * is the result (as the reference's null-handling example shows).
 */
function argExtreme(
  argTypes: readonly KqlType[],
  sign: 1 | -1,
): AggregateImpl<{ row: Value[] | null; hasValue: boolean }> {
  const type = argTypes[0]!;
  return {
    init: () => ({ row: null, hasValue: false }),
    step: (s, args) => {
      const v = args[0]!;
      if (isNull(v)) {
        if (s.row === null) {
          s.row = [...args];
        }
      } else if (!s.hasValue || sign * compareValues(v, s.row![0]!, type) > 0) {
        s.row = [...args];
        s.hasValue = true;
      }
      return s;
    },
    result: (s) => s.row ?? argTypes.map((t) => nullOf(t)),
  };
}

/** All but avg/avgif read a long past 2^53 exactly: they count, compare, add or return it. */
export const basicAggregates: AggregateFunction[] = [
  { ...agg('count', () => counter(), ['cnt']), fold: countAllFold, resultType: () => 'long', readsExactLongs: true },
  { ...agg('countif', () => onlyIf(counter(), 0)), fold: countIfFold, readsExactLongs: true },
  {
    ...agg('sum', (_t, r) => (r === 'long' ? longSummer() : summer(r))),
    fold: extremeFold('sum'),
    readsExactLongs: true,
  },
  {
    ...agg('sumif', (_t, r) => (r === 'long' ? onlyIf(longSummer(), 1) : onlyIf(summer(r), 1))),
    readsExactLongs: true,
  },
  agg('avg', (_t, r) => averager(r)),
  agg('avgif', (_t, r) => onlyIf(averager(r), 1)),
  { ...agg('min', ([t], r) => extreme(t!, r, -1)), fold: extremeFold('min'), readsExactLongs: true },
  { ...agg('max', ([t], r) => extreme(t!, r, 1)), fold: extremeFold('max'), readsExactLongs: true },
  { ...agg('minif', ([t], r) => onlyIf(extreme(t!, r, -1), 1)), readsExactLongs: true },
  { ...agg('maxif', ([t], r) => onlyIf(extreme(t!, r, 1), 1)), readsExactLongs: true },
  { ...agg('dcount', ([t]) => distinctCounter(t!)), fold: distinctNumbersFold, readsExactLongs: true },
  { ...agg('dcountif', ([t]) => onlyIf(distinctCounter(t!), 1)), readsExactLongs: true },
  { ...agg('count_distinct', ([t]) => distinctCounter(t!)), readsExactLongs: true },
  { ...agg('count_distinctif', ([t]) => onlyIf(distinctCounter(t!), 1)), readsExactLongs: true },
  { ...agg('take_any', (types, r) => takeAny(types.length, r), ['any'], true), readsExactLongs: true },
  {
    ...agg('take_anyif', (types, r) => onlyIf(takeAny(1, r), types.length - 1), ['anyif'], true),
    readsExactLongs: true,
  },
  { ...agg('arg_max', (types) => argExtreme(types, 1), ['argmax'], true), picksRow: true, readsExactLongs: true },
  { ...agg('arg_min', (types) => argExtreme(types, -1), ['argmin'], true), picksRow: true, readsExactLongs: true },
];
