// Every function and operator, called with arbitrary (seeded) arguments of every type: it may return
// any value or throw the library's EvaluationError/UnsupportedError, but nothing else.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aggregateFunction,
  aggregateFunctionNames,
  bindBinaryOperator,
  EvaluationError,
  scalarFunction,
  scalarFunctionNames,
  UnsupportedError,
} from '../../../src/engine/functions';
import type { KqlType, Value } from '../../../src/engine/values';
import { ticksFromMs } from '../../../src/engine/values';
import { valueToString } from '../../../src/engine/valueText';
import { toWire } from '../../../src/engine/wireValues';
import { KQL_TYPES } from '../../../src/schema/types';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STRINGS = [
  '',
  'a',
  'North America',
  '10.0.0.1/24',
  '(',
  '[a-',
  '\\',
  '*',
  '2019-04-10',
  '1.02:03:04',
  '{"a":[1]}',
  "{'x':1}",
  'üñí',
  'y'.repeat(300),
  'fffffffff',
  '%zz',
];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function randomValue(type: KqlType, r: () => number): Value {
  if (type !== 'string' && r() < 0.15) {
    return null;
  }
  switch (type) {
    case 'bool':
      return r() < 0.5;
    case 'int':
      return pick(r, [0, 1, -1, 2147483647, -2147483648, 7, 24]);
    case 'long':
      return pick(r, [0, 1, -5, 3232235777, 2 ** 53, -(2 ** 53), 100, 1e15]);
    case 'real':
    case 'decimal':
      return pick(r, [0, 0.5, -2.5, NaN, Infinity, -Infinity, 1e300, 95]);
    case 'datetime':
      return pick(r, [0, 15_000_000_000_000_000, ticksFromMs(-62_135_596_800_000), ticksFromMs(253_402_300_799_999)]);
    case 'timespan':
      return pick(r, [0, 1, -36_000_000_000, 864_000_000_000, 8.64e17]);
    case 'string':
      return pick(r, STRINGS);
    case 'guid':
      return '01234567-89ab-cdef-0123-456789abcdef';
    case 'dynamic':
      return pick(r, [null, 1, 'x', [1, 'a', null], { a: { b: [1] } }, [], {}, true, 2.5] as Value[]);
  }
}

function allowed(e: unknown): boolean {
  return e instanceof EvaluationError || e instanceof UnsupportedError;
}

test("scalar functions never throw anything but the library's errors, and their results print", () => {
  const r = prng(42);
  for (const name of scalarFunctionNames()) {
    const fn = scalarFunction(name)!;
    for (let round = 0; round < 200; round++) {
      const argc = Math.floor(r() * 5);
      const types = Array.from({ length: argc }, () => pick(r, KQL_TYPES));
      const args = types.map((t) => randomValue(t, r));
      const resultType = pick(r, KQL_TYPES);
      try {
        const out = fn.bind(types, resultType, { now: 15_000_000_000_000_000 }, r() < 0.5 ? args : [])(args);
        valueToString(out, resultType);
        JSON.stringify(toWire(out, resultType));
      } catch (e) {
        assert.ok(allowed(e), `${name}(${types.join(', ')}) → ${resultType} threw ${(e as Error).stack}`);
      }
    }
  }
});

test("aggregations never throw anything but the library's errors", () => {
  const r = prng(7);
  for (const name of aggregateFunctionNames()) {
    const fn = aggregateFunction(name)!;
    for (let round = 0; round < 20; round++) {
      const argc = 1 + Math.floor(r() * 3);
      const types = Array.from({ length: argc }, () => pick(r, KQL_TYPES));
      try {
        const impl = fn.bind(types, pick(r, KQL_TYPES), { now: 0 }, []);
        let s = impl.init();
        for (let i = 0; i < 20; i++) {
          s = impl.step(
            s,
            types.map((t) => randomValue(t, r)),
          );
        }
        impl.result(s);
      } catch (e) {
        assert.ok(allowed(e), `${name}(${types.join(', ')}) threw ${(e as Error).stack}`);
      }
    }
  }
});

test("binary operators never throw anything but the library's errors", () => {
  const r = prng(3);
  const kinds = [
    'AddExpression',
    'SubtractExpression',
    'MultiplyExpression',
    'DivideExpression',
    'ModuloExpression',
    'LessThanExpression',
    'EqualExpression',
    'NotEqualExpression',
    'AndExpression',
    'OrExpression',
    'EqualTildeExpression',
    'HasExpression',
    'HasPrefixCsExpression',
    'ContainsExpression',
    'StartsWithExpression',
    'EndsWithCsExpression',
    'MatchesRegexExpression',
    'LikeExpression',
  ];
  for (const kind of kinds) {
    for (let round = 0; round < 80; round++) {
      const lt = pick(r, KQL_TYPES);
      const rt = pick(r, KQL_TYPES);
      try {
        bindBinaryOperator(kind, lt, rt, pick(r, KQL_TYPES))(randomValue(lt, r), randomValue(rt, r));
      } catch (e) {
        assert.ok(allowed(e), `${kind}(${lt}, ${rt}) threw ${(e as Error).stack}`);
      }
    }
  }
});
