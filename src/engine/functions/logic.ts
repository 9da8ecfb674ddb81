/** Conditionals and null tests: not, isnull/isnotnull, isempty/isnotempty, iff/iif, case, coalesce, max_of, min_of. */
import { compareValues } from '../valueCompare';
import type { KqlType, Value } from '../values';
import { convertValue } from './convert';
import { nullOf, scalar } from './define';
import { EvaluationError, type ScalarFunction } from './types';

function isNullValue(v: Value): boolean {
  return v === null || v === undefined;
}

function isEmptyValue(v: Value): boolean {
  return v === null || v === undefined || v === '';
}

type Converter = (v: Value | undefined) => Value;

/**
 * Lines each argument up with the result type (iff(c, 1, 2.5) gives real, iff(c, int, long) long).
 * An argument the call lacks (the binder checks arity) reads as null.
 */
function toResult(argTypes: readonly KqlType[], resultType: KqlType): (i: number) => Converter {
  const convs: Converter[] = argTypes.map((t) =>
    t === resultType ? (v) => v ?? null : (v) => convertValue(v ?? null, t, resultType),
  );
  const missing: Converter = () => nullOf(resultType);
  return (i) => convs[i] ?? missing;
}

export const logicFunctions: ScalarFunction[] = [
  // "Raises a semantic error if the condition is evaluated to false", with the reference's wording.
  scalar('assert', () => (args) => {
    if (args[0] !== true) {
      throw new EvaluationError(`assert() has failed with message: '${typeof args[1] === 'string' ? args[1] : ''}'`);
    }
    return true;
  }),
  scalar('not', () => (args) => (isNullValue(args[0]!) ? null : !args[0])),
  scalar('isnull', () => (args) => isNullValue(args[0]!)),
  scalar('isnotnull', () => (args) => !isNullValue(args[0]!), ['notnull']),
  scalar('isempty', () => (args) => isEmptyValue(args[0]!)),
  scalar('isnotempty', () => (args) => !isEmptyValue(args[0]!), ['notempty']),
  scalar(
    'iff',
    (argTypes, resultType) => {
      const conv = toResult(argTypes, resultType);
      // A null condition takes the else branch, as a false one does.
      const [then, otherwise] = [conv(1), conv(2)];
      return (args) => (args[0] === true ? then(args[1]) : otherwise(args[2]));
    },
    ['iif'],
  ),
  scalar('case', (argTypes, resultType) => {
    const conv = toResult(argTypes, resultType);
    return (args) => {
      const last = args.length - 1;
      for (let i = 0; i < last; i += 2) {
        if (args[i] === true) {
          return conv(i + 1)(args[i + 1]);
        }
      }
      return conv(last)(args[last]);
    };
  }),
  scalar('coalesce', (argTypes, resultType) => {
    const conv = toResult(argTypes, resultType);
    const empty = nullOf(resultType);
    return (args) => {
      for (let i = 0; i < args.length; i++) {
        const v = conv(i)(args[i]);
        if (!isEmptyValue(v)) {
          return v;
        }
      }
      return empty;
    };
  }),
  extremeOf('max_of', 1),
  extremeOf('min_of', -1),
];

/** max_of/min_of: nulls are ignored; all-null gives null. */
function extremeOf(name: string, sign: 1 | -1): ScalarFunction {
  return scalar(name, (argTypes, resultType) => {
    const conv = toResult(argTypes, resultType);
    const empty = nullOf(resultType);
    return (args) => {
      let best: Value = null;
      for (let i = 0; i < args.length; i++) {
        const v = conv(i)(args[i]);
        if (isNullValue(v)) {
          continue;
        }
        if (best === null || sign * compareValues(v, best, resultType) > 0) {
          best = v;
        }
      }
      return best === null ? empty : best;
    };
  });
}
