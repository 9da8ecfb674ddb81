/** Property-bag functions beyond the basics: setting a (nested) key, zipping keys with values, canonical JSON text and leaf paths. */
import { canonicalJson, valueToString } from '../valueText';
import type { DynamicValue, Value } from '../values';
import { toDynamic } from './convert';
import { scalar, str } from './define';
import { hasOwn, isBag, keyPath, newBag, setOwn, type Bag } from './bagPaths';
import type { ScalarFunction } from './types';

/** A copy of the bag with the value set at the path; missing (or non-bag) levels on the way become bags. */
function setPath(bag: Bag, path: readonly string[], value: DynamicValue): Bag {
  const [head, ...rest] = path as [string, ...string[]];
  const out = Object.assign(newBag(), bag);
  if (rest.length === 0) {
    setOwn(out, head, value);
  } else {
    const child = hasOwn(bag, head) ? bag[head] : undefined;
    setOwn(out, head, setPath(isBag(child) ? child : newBag(), rest, value));
  }
  return out;
}

/** treepath(): each member's path, and for an array `[0]` plus the paths within its elements, without repeats. */
function treePaths(value: DynamicValue, prefix: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    if (value.length > 0) {
      out.add(`${prefix}[0]`);
    }
    for (const element of value) {
      treePaths(element, `${prefix}[0]`, out);
    }
  } else if (isBag(value)) {
    for (const [k, v] of Object.entries(value)) {
      const path = `${prefix}['${k}']`;
      out.add(path);
      treePaths(v, path, out);
    }
  }
}

export const bagFunctions: ScalarFunction[] = [
  scalar('bag_set_key', (types) => (args) => {
    const bag = args[0];
    if (!isBag(bag) || args[1] === null || args[1] === undefined) {
      return null;
    }
    return setPath(
      bag,
      keyPath(str(args[1], types[1]), 'bag_set_key'),
      toDynamic(args[2] ?? null, types[2] ?? 'dynamic'),
    );
  }),
  scalar('bag_zip', () => (args) => {
    const [keys, values] = args;
    if (!Array.isArray(keys)) {
      return null;
    }
    const out = newBag();
    keys.forEach((k, i) => {
      if (typeof k === 'string') {
        setOwn(out, k, Array.isArray(values) ? (values[i] ?? null) : null);
      }
    });
    return out;
  }),
  // Bags with their keys sorted (ordinally) at every level; values of other types as tostring() gives them.
  scalar('dynamic_to_json', (types) => (args) => {
    const v = args[0];
    if (v !== null && typeof v === 'object') {
      return canonicalJson(v);
    }
    return valueToString(v ?? null, types[0] ?? 'dynamic');
  }),
  scalar('treepath', () => (args) => {
    const v = args[0];
    if (!isBag(v) && !Array.isArray(v)) {
      return null;
    }
    const out = new Set<string>();
    treePaths(v, '', out);
    return [...out];
  }),
];
