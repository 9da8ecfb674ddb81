/**
 * Property bags are objects without a prototype: a key named `__proto__`, `constructor` or
 * `toString` is an ordinary key (on a plain object, `bag["__proto__"] = v` would replace the
 * prototype, and a missing `constructor` key would read Object's function).
 */
import type { DynamicValue } from '../values';

export function emptyBag<T = DynamicValue>(): { [key: string]: T } {
  return Object.create(null) as { [key: string]: T };
}

/** A copy of `bag` as a prototype-less bag. */
export function copyBag<T>(bag: { readonly [key: string]: T }): { [key: string]: T } {
  const out = emptyBag<T>();
  for (const k of Object.keys(bag)) {
    out[k] = bag[k]!;
  }
  return out;
}

/** JSON.parse's reviver turning every object it builds into a prototype-less bag. */
export function bagReviver(_key: string, value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? copyBag(value as { [key: string]: unknown }) : value;
}
