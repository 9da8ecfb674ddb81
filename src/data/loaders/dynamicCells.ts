/**
 * Dynamic cells from files: JSON text parsed into bags with no prototype (so keys such as
 * `__proto__`, `constructor` or `toString` are plain keys, never Object's own members), with the
 * nesting depth bounded first, because everything downstream (printing, hashing, comparing) walks a
 * value recursively and a 200,000-deep cell would overflow the stack there.
 */
import type { DynamicValue } from '../../engine/values';

/** Deeper values are refused with a warning; Kusto's own JSON parser has a similar bound. */
export const MAX_DYNAMIC_DEPTH = 1000;

/** The deepest nesting of `[`/`{` outside strings, and the offset where MAX_DYNAMIC_DEPTH is passed (−1 if never). */
export function nestingDepth(text: string): { depth: number; tooDeepAt: number } {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) {
        i++;
      } else if (c === 34) {
        inString = false;
      }
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > MAX_DYNAMIC_DEPTH) {
          return { depth: max, tooDeepAt: i };
        }
      }
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return { depth: max, tooDeepAt: -1 };
}

/**
 * A parsed JSON value with every object rebuilt without a prototype; undefined when it is nested
 * deeper than MAX_DYNAMIC_DEPTH. The recursion stops at that depth, so it cannot overflow the stack.
 */
export function toNullPrototype(value: unknown, depth = 1): DynamicValue | undefined {
  if (value === null || typeof value !== 'object') {
    return value as DynamicValue;
  }
  if (depth > MAX_DYNAMIC_DEPTH) {
    return undefined;
  }
  if (Array.isArray(value)) {
    const out: DynamicValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const v = toNullPrototype(value[i], depth + 1);
      if (v === undefined) {
        return undefined;
      }
      out[i] = v;
    }
    return out;
  }
  const out = Object.create(null) as Record<string, DynamicValue>;
  for (const key of Object.keys(value)) {
    const v = toNullPrototype((value as Record<string, unknown>)[key], depth + 1);
    if (v === undefined) {
      return undefined;
    }
    out[key] = v;
  }
  return out;
}

/**
 * A dynamic cell's text as Kusto reads it: JSON objects, arrays, numbers and literals are parsed;
 * other text (and text that only looks like JSON) stays a string. Too deep a value is an error.
 */
export function parseDynamicText(text: string): { value: DynamicValue } | { error: string; offset: number } {
  const s = text.trim();
  if (s === '') {
    return { value: null };
  }
  const c = s.charCodeAt(0);
  const jsonLike =
    c === 123 || c === 91 || s === 'null' || s === 'true' || s === 'false' || /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(s);
  if (!jsonLike) {
    return { value: text };
  }
  const { tooDeepAt } = nestingDepth(s);
  if (tooDeepAt >= 0) {
    return {
      error: `the value is nested more than ${MAX_DYNAMIC_DEPTH} levels deep`,
      offset: text.indexOf(s) + tooDeepAt,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return { value: text };
  }
  return { value: toNullPrototype(parsed)! };
}
