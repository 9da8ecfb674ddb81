/**
 * A JSON reader for Kusto's dialect that keeps what JSON.parse loses: a whole number written as a
 * real (`1.0`, `4e1`) stays a real (WholeReal), an integer past the long range is a real too, as
 * in Kusto, and one past 2^53 within it an exact long (Int64). Also takes single-quoted strings. Throws SyntaxError for text that is not JSON, like
 * JSON.parse; parseKustoJson uses it only for text that may hold such numbers.
 */

import { longFromText } from '../int64';
import { type DynamicValue, realInDynamic } from '../values';
import { type Bag, setOwn } from './bagPaths';

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LONG_MAX_DIGITS = '9223372036854775807';

/** Whether integer text (an optional `-`, then digits without leading zeros) is past the long range. */
export function pastLongRange(text: string): boolean {
  const digits = text.startsWith('-') ? text.slice(1) : text;
  const limit = text.startsWith('-') ? '9223372036854775808' : LONG_MAX_DIGITS;
  return digits.length > limit.length || (digits.length === limit.length && digits > limit);
}

export function readKustoJson(text: string): DynamicValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${i} in JSON`);
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) {
      i++;
    }
  };
  const str = (quote: string): string => {
    // From the opening quote to the closing one; JSON.parse resolves the escapes of the body.
    let j = i + 1;
    let body = '';
    let start = j;
    while (j < text.length && text[j] !== quote) {
      if (text[j] === '\\') {
        if (quote === "'" && text[j + 1] === "'") {
          body += text.slice(start, j) + "'";
          j += 2;
          start = j;
          continue;
        }
        j += 2;
      } else if (quote === "'" && text[j] === '"') {
        body += text.slice(start, j) + '\\"';
        j++;
        start = j;
      } else {
        j++;
      }
    }
    if (j >= text.length) {
      fail('Unterminated string');
    }
    body += text.slice(start, j);
    i = j + 1;
    return JSON.parse(`"${body}"`) as string;
  };
  const value = (depth: number): DynamicValue => {
    if (depth > 1000) {
      fail('Too deeply nested');
    }
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      // No prototype: `__proto__` and `constructor` are keys like any other.
      const bag = Object.create(null) as Bag;
      space();
      if (text[i] === '}') {
        i++;
        return bag;
      }
      for (;;) {
        space();
        if (text[i] !== '"' && text[i] !== "'") {
          fail('Expected a property name');
        }
        const key = str(text[i]!);
        space();
        if (text[i] !== ':') {
          fail("Expected ':'");
        }
        i++;
        setOwn(bag, key, value(depth + 1));
        space();
        if (text[i] === ',') {
          i++;
        } else if (text[i] === '}') {
          i++;
          return bag;
        } else {
          fail("Expected ',' or '}'");
        }
      }
    }
    if (c === '[') {
      i++;
      const out: DynamicValue[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(value(depth + 1));
        space();
        if (text[i] === ',') {
          i++;
        } else if (text[i] === ']') {
          i++;
          return out;
        } else {
          fail("Expected ',' or ']'");
        }
      }
    }
    if (c === '"' || c === "'") {
      return str(c);
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) {
      return fail('Unexpected token');
    }
    i += m[0].length;
    const n = Number(m[0]);
    if (m[1] !== undefined || m[2] !== undefined || pastLongRange(m[0])) {
      return realInDynamic(n);
    }
    // A long past 2^53 keeps every digit (an Int64); JSON.parse would round it.
    return Number.isSafeInteger(n) ? n : (longFromText(m[0]) ?? n);
  };
  const out = value(0);
  space();
  if (i < text.length) {
    fail('Unexpected text after JSON');
  }
  return out;
}
