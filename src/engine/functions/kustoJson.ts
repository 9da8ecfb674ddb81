/**
 * Kusto's JSON dialect: dynamic literals and parse_json() also take single-quoted strings
 * (`dynamic({'a': 'b'})`), which JSON.parse does not. Rewrites them as double-quoted ones first.
 * A number written with a fraction or exponent is a real even when whole (`1.0`, `42e0`), which
 * JSON.parse cannot say: such text is read by readKustoJson, which marks those reals.
 */
import type { DynamicValue } from '../values';
import { readKustoJson } from './kustoJsonReader';

/**
 * Deeper dynamic values are refused: everything downstream (printing, hashing, comparing, the wire)
 * walks a value recursively, and a 100,000-deep value would overflow the stack there.
 */
export const MAX_DYNAMIC_DEPTH = 1000;

/** The offset of the `[` or `{` that nests past MAX_DYNAMIC_DEPTH outside strings, or −1. */
export function jsonTooDeepAt(text: string): number {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 /* \ */) i++;
      else if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_DYNAMIC_DEPTH) return i;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return -1;
}

/**
 * A number token JSON.parse may read differently from Kusto: 16 digits or more (may pass 2^53), a
 * whole real (`1.0`, `3.00`) or an exponent. Tokens start the text or follow `[`, `,` or `:`, so
 * text such as an IP address inside a string does not count (a string may still match: the reader
 * is exact either way, only slower).
 */
const MAYBE_REAL_TOKEN = /(?:^|[[,:])\s*-?(?:\d{16}|\d+\.0+(?![0-9])|\d+(?:\.\d+)?[eE])/;

/** Whether JSON.parse may read the text differently from parseKustoJson (see MAYBE_REAL_TOKEN). */
export function jsonParseMayLose(text: string): boolean {
  return MAYBE_REAL_TOKEN.test(text);
}

import { parseJsonData } from '../../results/jsonData';

function requote(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      // Copy a double-quoted string as it is.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        j += text[j] === '\\' ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "'") {
      let j = i + 1;
      let body = '';
      while (j < text.length && text[j] !== "'") {
        if (text[j] === '\\' && j + 1 < text.length) {
          body += text[j + 1] === "'" ? "'" : text.slice(j, j + 2);
          j += 2;
        } else {
          body += text[j] === '"' ? '\\"' : text[j];
          j++;
        }
      }
      out += `"${body}"`;
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses JSON, accepting single-quoted strings; throws SyntaxError for text that is not JSON. */
export function parseKustoJson(text: string): DynamicValue {
  // A digit then `.`, `e` or `E` may be in a real token, 16 digits may pass 2^53 (or either may
  // sit inside a string: the reader sorts that out).
  if (MAYBE_REAL_TOKEN.test(text)) {
    return readKustoJson(text);
  }
  try {
    return parseJsonData(text) as DynamicValue;
  } catch (e) {
    if (!text.includes("'")) {
      throw e;
    }
    return parseJsonData(requote(text)) as DynamicValue;
  }
}
