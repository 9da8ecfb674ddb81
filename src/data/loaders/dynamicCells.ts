/**
 * Dynamic cells from files: JSON text parsed into bags with no prototype (so keys such as
 * `__proto__`, `constructor` or `toString` are plain keys, never Object's own members), with the
 * nesting depth bounded first, because everything downstream (printing, hashing, comparing) walks a
 * value recursively and a 200,000-deep cell would overflow the stack there.
 */
import { MAX_DYNAMIC_DEPTH } from '../../engine/functions/kustoJson';
import { readKustoJson } from '../../engine/functions/kustoJsonReader';
import { longFromBigInt } from '../../engine/int64';
import { type DynamicValue, Int64, realInDynamic, WholeReal } from '../../engine/values';

// Deeper values are refused with a warning, at the depth parse_json refuses too.
export { MAX_DYNAMIC_DEPTH };

/**
 * The deepest nesting of `[`/`{` outside strings, the offset where MAX_DYNAMIC_DEPTH is passed (−1
 * if never), and whether a number outside strings is one JSON.parse reads differently from Kusto: a
 * whole real (`1.0`), an exponent, or 16 digits or more (may pass 2^53). One pass does both, so
 * the common cell (no such number) costs no second scan.
 */
export function nestingDepth(text: string): { depth: number; tooDeepAt: number; mayLose: boolean } {
  let depth = 0;
  let max = 0;
  let inString = false;
  let mayLose = false;
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
          return { depth: max, tooDeepAt: i, mayLose };
        }
      }
    } else if (c === 93 || c === 125) {
      depth--;
    } else if (c >= 48 && c <= 57 && !mayLose) {
      i = numberEnd(text, i);
      mayLose = lossyNumber;
    }
  }
  return { depth: max, tooDeepAt: -1, mayLose };
}

/** Set by numberEnd: whether the token it read may be lossy (a module variable: no allocation per token). */
let lossyNumber = false;

/** Reads the number token starting at digit `i`; returns its last offset and sets lossyNumber. */
function numberEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
    j++;
  }
  let lossy = j - i >= 16;
  const c = text.charCodeAt(j);
  if (c === 46 /* . */) {
    j++;
    let whole = true;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) {
      whole &&= text.charCodeAt(j) === 48;
      j++;
    }
    lossy ||= whole;
  }
  const e = text.charCodeAt(j);
  lossyNumber = lossy || e === 101 || e === 69;
  return j - 1;
}

/**
 * A parsed JSON value with every object rebuilt without a prototype; undefined when it is nested
 * deeper than MAX_DYNAMIC_DEPTH. The recursion stops at that depth, so it cannot overflow the stack.
 * It also reads back what forTransfer made of exact numbers (a value sent from another thread).
 */
export function toNullPrototype(value: unknown, depth = 1): DynamicValue | undefined {
  if (value === null || typeof value !== 'object' || value instanceof Int64 || value instanceof WholeReal) {
    // A bigint is a long sent by forTransfer, or an INT64 in a Parquet list or struct.
    return typeof value === 'bigint' ? longFromBigInt(value) : (value as DynamicValue);
  }
  if (value instanceof Number) {
    return realInDynamic(value.valueOf());
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
 * A dynamic cell's text as Kusto reads it: JSON objects, arrays, numbers and literals are parsed
 * exactly, as the engine's dynamic literals are; other text (and text that only looks like JSON)
 * stays a string. Too deep a value is an error.
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
  const { tooDeepAt, mayLose } = nestingDepth(s);
  if (tooDeepAt >= 0) {
    return {
      error: `the value is nested more than ${MAX_DYNAMIC_DEPTH} levels deep`,
      offset: text.indexOf(s) + tooDeepAt,
    };
  }
  try {
    // Strict JSON first (a cell that is not JSON stays its text); then, only for text that may hold
    // a whole-number real or a long past 2^53 (few cells), the engine's exact reader.
    const parsed = JSON.parse(s) as unknown;
    return { value: mayLose ? readKustoJson(s) : toNullPrototype(parsed)! };
  } catch {
    return { value: text };
  }
}

/**
 * A dynamic value as it can cross to another thread. Structured clone drops class prototypes, so an
 * Int64 or a WholeReal would arrive as a bag (`{"big": …}`, `{"value": 1}`), indistinguishable from
 * a file's own bags. They go as what JSON never holds instead: a long as a bigint, a whole-number
 * real as a Number object; toNullPrototype turns those back. Values without either are returned as
 * they are (copied only along the path to a changed number).
 */
export function forTransfer(value: DynamicValue): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (value instanceof Int64) {
    return value.big;
  }
  if (value instanceof WholeReal) {
    return new Number(value.value);
  }
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = forTransfer(value[i]!);
      if (v !== value[i]) {
        out ??= value.slice();
        out[i] = v;
      }
    }
    return out ?? value;
  }
  let bag: Record<string, unknown> | undefined;
  for (const k in value) {
    const v = forTransfer(value[k]!);
    if (v !== value[k]) {
      bag ??= { ...value };
      bag[k] = v;
    }
  }
  return bag ?? value;
}
