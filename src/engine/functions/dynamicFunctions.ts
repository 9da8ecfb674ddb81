/**
 * Dynamic (JSON) functions: bags, arrays and sets. Scalar arguments that go into a dynamic value are
 * converted with toDynamic (datetimes and timespans become their printed form).
 */
import { canonicalJson } from '../valueText';
import { type DynamicValue, isDynamicBag, type KqlType, type Value } from '../values';
import { toDynamic } from './convert';
import { scalar, str } from './define';
import { hasPath, keyPath, newBag, withoutPath } from './bagPaths';
import type { ScalarFunction, ScalarImpl } from './types';

type Bag = { [key: string]: DynamicValue };

function isBag(v: Value): v is Bag {
  return isDynamicBag(v);
}

/** `d.a`, `d["a"]`, `d[0]`, `d[-1]` (from the end): a missing key or an index out of range is null. */
export function dynamicIndex(value: Value, key: string | number): DynamicValue {
  if (Array.isArray(value) && typeof key === 'number') {
    const i = key < 0 ? value.length + key : key;
    return value[i] ?? null;
  }
  if (isBag(value)) {
    return Object.prototype.hasOwnProperty.call(value, String(key)) ? value[String(key)]! : null;
  }
  return null;
}

function pack(types: readonly KqlType[]): ScalarImpl {
  return (args) => {
    const bag = newBag();
    for (let i = 0; i + 1 < args.length; i += 2) {
      bag[str(args[i]!, types[i])] = toDynamic(args[i + 1]!, types[i + 1]!);
    }
    return bag;
  };
}

/**
 * pack_all() needs the whole row, so the executor binds it here instead of through scalarFunction():
 * give it the row's columns, then call the result with the row's values in the same order.
 * With ignoreNullEmpty, null and empty-string values are left out (pack_all(true)).
 */
export function bindPackAll(columns: readonly { name: string; type: KqlType }[], ignoreNullEmpty = false): ScalarImpl {
  return (row) => {
    const bag = newBag();
    columns.forEach((c, i) => {
      const v = row[i];
      if (ignoreNullEmpty && (v === null || v === undefined || v === '')) {
        return;
      }
      bag[c.name] = toDynamic(v ?? null, c.type);
    });
    return bag;
  };
}

/** Distinct elements by value (canonical JSON), in order of first appearance. */
function distinct(values: Iterable<DynamicValue>): DynamicValue[] {
  const seen = new Set<string>();
  const out: DynamicValue[] = [];
  for (const v of values) {
    const k = canonicalJson(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** An array-only function: null unless every argument is an array. */
function arrays(
  name: string,
  fn: (arrays: DynamicValue[][]) => DynamicValue,
  aliases?: readonly string[],
): ScalarFunction {
  return scalar(
    name,
    () => (args) => (args.length > 0 && args.every(Array.isArray) ? fn(args as DynamicValue[][]) : null),
    aliases,
  );
}

function keySet(arr: readonly DynamicValue[]): Set<string> {
  return new Set(arr.map(canonicalJson));
}

function arraySlice(arr: DynamicValue[], start: number, end: number): DynamicValue[] {
  const n = arr.length;
  const s = start < 0 ? Math.max(0, n + start) : start;
  const e = end < 0 ? n + end : Math.min(end, n - 1);
  return s > e ? [] : arr.slice(s, e + 1);
}

export const dynamicFunctions: ScalarFunction[] = [
  scalar('pack', pack, ['bag_pack', 'pack_dictionary']),
  scalar('pack_array', (types) => (args) => args.map((a, i) => toDynamic(a, types[i]!))),
  scalar('array_length', () => (args) => (Array.isArray(args[0]) ? args[0].length : null), ['arraylength']),
  scalar('bag_keys', () => (args) => (isBag(args[0]!) ? Object.keys(args[0]) : null)),
  arrays('set_union', (a) => distinct(a.flat())),
  arrays('set_intersect', ([first, ...rest]) => {
    const others = rest.map(keySet);
    return distinct(first!).filter((v) => others.every((s) => s.has(canonicalJson(v))));
  }),
  arrays('set_difference', ([first, ...rest]) => {
    const others = rest.map(keySet);
    return distinct(first!).filter((v) => !others.some((s) => s.has(canonicalJson(v))));
  }),
  // Equal as sets: the same distinct elements (by value, as set_union compares them), in any order.
  scalar('set_equals', () => ([a, b]) => {
    if (!Array.isArray(a) || !Array.isArray(b)) {
      return null;
    }
    const left = keySet(a);
    const right = keySet(b);
    return left.size === right.size && [...left].every((k) => right.has(k));
  }),
  scalar(
    'set_has_element',
    (types) => (args) =>
      Array.isArray(args[0]) ? keySet(args[0]).has(canonicalJson(toDynamic(args[1]!, types[1]!))) : null,
  ),
  arrays('array_concat', (a) => a.flat()),
  scalar(
    'array_slice',
    () => (args) =>
      Array.isArray(args[0]) && typeof args[1] === 'number' && typeof args[2] === 'number'
        ? arraySlice(args[0], Math.trunc(args[1]), Math.trunc(args[2]))
        : null,
  ),
  scalar('array_index_of', (types) => (args) => {
    const arr = args[0];
    if (!Array.isArray(arr)) {
      return null;
    }
    const key = canonicalJson(toDynamic(args[1]!, types[1]!));
    const start = typeof args[2] === 'number' ? (args[2] < 0 ? Math.max(0, arr.length + args[2]) : args[2]) : 0;
    const end = typeof args[3] === 'number' && args[3] >= 0 ? Math.min(arr.length, start + args[3]) : arr.length;
    let occurrence = typeof args[4] === 'number' ? args[4] : 1;
    for (let i = start; i < end; i++) {
      if (canonicalJson(arr[i]!) === key && --occurrence === 0) {
        return i;
      }
    }
    return -1;
  }),
  arrays('array_reverse', ([a]) => [...a!].reverse()),
  scalar('bag_merge', () => (args) => {
    const out = newBag();
    for (const b of args) {
      if (isBag(b)) {
        for (const [k, v] of Object.entries(b)) {
          if (!Object.prototype.hasOwnProperty.call(out, k)) {
            out[k] = v;
          }
        }
      }
    }
    return out;
  }),
  scalar(
    'bag_has_key',
    (types) => (args) =>
      isBag(args[0]!) ? hasPath(args[0] as Bag, keyPath(str(args[1]!, types[1]), 'bag_has_key')) : null,
  ),
  scalar('bag_remove_keys', () => (args) => {
    const bag = args[0];
    if (!isBag(bag!) || !Array.isArray(args[1])) {
      return null;
    }
    let out = bag as Bag;
    for (const key of args[1]) {
      out = withoutPath(out, keyPath(typeof key === 'string' ? key : JSON.stringify(key), 'bag_remove_keys'));
    }
    return out === bag ? Object.assign(newBag(), out) : out;
  }),
  arrays('zip', (a) => {
    const n = Math.max(...a.map((x) => x.length));
    return Array.from({ length: n }, (_v, i) => a.map((x) => x[i] ?? null));
  }),
];
