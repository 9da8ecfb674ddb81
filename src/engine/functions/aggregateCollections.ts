/**
 * Aggregations that build dynamic values: make_list, make_set, make_bag and their `_if` forms.
 * Nulls are ignored (make_list_with_nulls keeps them); make_set unpacks dynamic arrays into their
 * elements; the optional size limit (default 1,048,576) stops collecting once reached.
 */
import { canonicalJson } from '../valueText';
import type { DynamicValue, KqlType } from '../values';
import { toDynamic } from './convert';
import type { AggregateFunction, AggregateImpl } from './types';
import { BYTES, chargeMemory } from '../exec/memoryBudget';
import { newRecord } from '../../results/jsonData';

/** What one collected element costs the query's memory budget. */
function elementBytes(v: DynamicValue): number {
  return typeof v === 'string' ? BYTES.boxed + v.length * BYTES.char : BYTES.boxed;
}

const DEFAULT_MAX_SIZE = 1_048_576;

function maxSizeOf(constArg: unknown): number {
  return typeof constArg === 'number' && constArg > 0 ? constArg : DEFAULT_MAX_SIZE;
}

function listOf(
  type: KqlType,
  maxSize: number,
  predicateIndex: number | null,
  keepNulls: boolean,
): AggregateImpl<DynamicValue[]> {
  return {
    init: () => [],
    step: (s, args) => {
      if (s.length >= maxSize || (predicateIndex !== null && args[predicateIndex] !== true)) {
        return s;
      }
      const v = args[0];
      if (v === null || v === undefined) {
        if (keepNulls) {
          chargeMemory(BYTES.boxed, 'make_list()');
          s.push(null);
        }
        return s;
      }
      const d = toDynamic(v, type);
      chargeMemory(elementBytes(d), 'make_list()');
      s.push(d);
      return s;
    },
    result: (s) => s,
  };
}

interface SetState {
  keys: Set<string>;
  values: DynamicValue[];
}

function setOf(type: KqlType, maxSize: number, predicateIndex: number | null): AggregateImpl<SetState> {
  const add = (s: SetState, v: DynamicValue): void => {
    if (v === null || s.values.length >= maxSize) {
      return;
    }
    const k = typeof v === 'object' ? canonicalJson(v) : `${typeof v}:${String(v)}`;
    if (!s.keys.has(k)) {
      chargeMemory(elementBytes(v) + k.length * BYTES.char + BYTES.boxed, 'make_set()');
      s.keys.add(k);
      s.values.push(v);
    }
  };
  return {
    init: () => ({ keys: new Set(), values: [] }),
    step: (s, args) => {
      if (predicateIndex !== null && args[predicateIndex] !== true) {
        return s;
      }
      const v = args[0];
      if (v === null || v === undefined) {
        return s;
      }
      if (type === 'dynamic' && Array.isArray(v)) {
        for (const e of v) {
          add(s, e);
        }
      } else {
        add(s, toDynamic(v, type));
      }
      return s;
    },
    result: (s) => s.values,
  };
}

/** make_bag: property bags merged; for a key seen in several rows the first value is kept. */
function bagOf(maxSize: number, predicateIndex: number | null): AggregateImpl<{ [key: string]: DynamicValue }> {
  return {
    init: () => newRecord<DynamicValue>(),
    step: (s, args) => {
      if (predicateIndex !== null && args[predicateIndex] !== true) {
        return s;
      }
      const v = args[0];
      if (v === null || typeof v !== 'object' || Array.isArray(v)) {
        return s;
      }
      let size = Object.keys(s).length;
      for (const [k, x] of Object.entries(v)) {
        if (size >= maxSize) {
          break;
        }
        if (!Object.prototype.hasOwnProperty.call(s, k)) {
          chargeMemory(elementBytes(x) + k.length * BYTES.char, 'make_bag()');
          s[k] = x;
          size++;
        }
      }
      return s;
    },
    result: (s) => s,
  };
}

function def(name: string, aliases: readonly string[] | undefined, bind: AggregateFunction['bind']): AggregateFunction {
  // Lists, sets and bags keep each value as it is, so a long past 2^53 stays exact.
  return { name, aliases, bind, readsExactLongs: true };
}

export const collectionAggregates: AggregateFunction[] = [
  def('make_list', ['makelist'], ([t], _r, _c, k) => listOf(t!, maxSizeOf(k[1]), null, false)),
  def('make_list_if', undefined, ([t], _r, _c, k) => listOf(t!, maxSizeOf(k[2]), 1, false)),
  def('make_list_with_nulls', undefined, ([t], _r, _c, k) => listOf(t!, maxSizeOf(k[1]), null, true)),
  def('make_set', ['makeset'], ([t], _r, _c, k) => setOf(t!, maxSizeOf(k[1]), null)),
  def('make_set_if', undefined, ([t], _r, _c, k) => setOf(t!, maxSizeOf(k[2]), 1)),
  def('make_bag', ['make_dictionary'], (_t, _r, _c, k) => bagOf(maxSizeOf(k[1]), null)),
  def('make_bag_if', undefined, (_t, _r, _c, k) => bagOf(maxSizeOf(k[2]), 1)),
];
