/**
 * Keys of the bag functions (bag_set_key, bag_has_key, bag_remove_keys): a plain root key name, or a
 * JSONPath of member steps (`$.a.b`, `$['a']["b"]`). Array indexing and the bare root `$` are not
 * supported, as the reference says.
 */
import { type DynamicValue, isDynamicBag, type Value } from '../values';
import { EvaluationError } from './types';
import { newRecord } from '../../results/jsonData';

export type Bag = { [key: string]: DynamicValue };

/** An empty bag: no prototype, so any key (`__proto__`, `constructor`) is data (see results/jsonData). */
export function newBag(): Bag {
  return newRecord<DynamicValue>();
}

export function isBag(v: Value | undefined): v is Bag {
  return isDynamicBag(v);
}

/** Sets an own property, even one named `__proto__`, which plain assignment would treat as the prototype. */
export function setOwn(bag: Bag, key: string, value: DynamicValue): void {
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}

export function hasOwn(bag: Bag, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(bag, key);
}

/** The member names a key stands for; `fn` names the function in the error for a malformed path. */
export function keyPath(key: string, fn: string): string[] {
  if (!key.startsWith('$')) {
    return [key];
  }
  const steps: string[] = [];
  const step = /\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]/y;
  let at = 1;
  while (at < key.length) {
    step.lastIndex = at;
    const m = step.exec(key);
    if (!m) {
      throw new EvaluationError(
        `${fn}(): '${key}' is not a JSONPath of member names (array indexing is not supported).`,
      );
    }
    steps.push(m[1] ?? m[2] ?? m[3]!);
    at = step.lastIndex;
  }
  if (steps.length === 0) {
    throw new EvaluationError(`${fn}(): the root path '$' is not a key.`);
  }
  return steps;
}

/** Whether the bag has a member at the path. */
export function hasPath(bag: Bag, path: readonly string[]): boolean {
  let at: DynamicValue = bag;
  for (const name of path) {
    if (!isBag(at) || !hasOwn(at, name)) {
      return false;
    }
    at = at[name]!;
  }
  return true;
}

/** A copy of the bag without the member at the path; the bag itself when there is none. */
export function withoutPath(bag: Bag, path: readonly string[]): Bag {
  const [head, ...rest] = path as [string, ...string[]];
  if (!hasOwn(bag, head)) {
    return bag;
  }
  const out = newBag();
  for (const [k, v] of Object.entries(bag)) {
    if (k !== head) {
      setOwn(out, k, v);
    } else if (rest.length > 0) {
      setOwn(out, k, isBag(v) ? withoutPath(v, rest) : v);
    }
  }
  return out;
}
