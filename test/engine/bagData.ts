/**
 * Bags are objects with no prototype (so `__proto__`, `constructor` are data keys), and assert's
 * deepEqual compares prototypes: results are checked here to hold only such bags, then copied into
 * plain objects to compare with the literals the tests write. This adds a check; it hides nothing.
 */
import assert from 'node:assert/strict';
import { Int64, WholeReal } from '../../src/engine/values';

export function plainBags<T>(value: T, where = 'value'): T {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => plainBags(v, `${where}[${i}]`)) as T;
  }
  if (value instanceof WholeReal || value instanceof Int64) {
    // A whole-number real in dynamic (1.0) or a long past 2^53: a marker, not a bag; the tests compare it as it is.
    return value;
  }
  assert.equal(Object.getPrototypeOf(value), null, `${where} is a bag with a prototype: ${JSON.stringify(value)}`);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty: a `__proto__` key stays a member of the copy too.
    Object.defineProperty(out, key, {
      value: plainBags((value as Record<string, unknown>)[key], `${where}.${key}`),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out as T;
}
