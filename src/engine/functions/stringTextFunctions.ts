/**
 * More string functions: comparison and size, regex position, character translation, multi-string
 * replacement and Unicode code points. Strings are UTF-16 in JavaScript; "characters" that the
 * reference counts are code points, and sizes are UTF-8 bytes.
 */
import type { KqlType, Value } from '../values';
import { scalar, str } from './define';
import { hasTerm } from './stringMatch';
import { allMatches, compileRegex, type KqlRegex } from './kqlRegex';
import type { ScalarFunction } from './types';

/** strcmp(): ordinal (UTF-16 code unit) comparison, as -1, 0 or 1. */
function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * indexof_regex(): non-overlapping matches, looked for within `length` characters from `start`; null
 * for a negative start, a length below -1 or an occurrence below 1.
 */
function indexOfRegex(s: string, re: KqlRegex, start: number, length: number, occurrence: number): number | null {
  if (start < 0 || length < -1 || occurrence < 1) {
    return null;
  }
  if (start > s.length) {
    return -1;
  }
  const window = s.slice(0, length < 0 ? s.length : Math.min(s.length, start + length));
  let seen = 0;
  for (const m of allMatches(re, window, start)) {
    if (++seen === occurrence) {
      return m.index;
    }
  }
  return -1;
}

/** translate(): each character of `search` maps to the one at its position in `replace`, or to the last one; with an empty `replace`, it is removed. */
function translate(search: string, replace: string, source: string): string {
  const from = [...search];
  const to = [...replace];
  const map = new Map<string, string>();
  from.forEach((c, i) => {
    if (!map.has(c)) {
      map.set(c, to.length === 0 ? '' : to[Math.min(i, to.length - 1)]!);
    }
  });
  return [...source].map((c) => map.get(c) ?? c).join('');
}

/**
 * replace_strings(): lookups are applied in order, each to the text that earlier lookups' matches did
 * not claim, so an earlier lookup wins where matches overlap. A rewrite that is not a string keeps the
 * matched text (the match still claims it).
 */
function replaceStrings(text: string, lookups: readonly Value[], rewrites: readonly Value[]): string {
  const claims: { at: number; end: number; rewrite: string }[] = [];
  const claimed = (at: number, end: number): boolean => claims.some((c) => at < c.end && c.at < end);
  lookups.forEach((lookup, i) => {
    if (typeof lookup !== 'string' || lookup === '') {
      return;
    }
    const rewrite = rewrites[i];
    for (let at = text.indexOf(lookup); at >= 0; ) {
      const end = at + lookup.length;
      if (claimed(at, end)) {
        at = text.indexOf(lookup, at + 1);
        continue;
      }
      claims.push({ at, end, rewrite: typeof rewrite === 'string' ? rewrite : lookup });
      at = text.indexOf(lookup, end);
    }
  });
  claims.sort((a, b) => a.at - b.at);
  let out = '';
  let pos = 0;
  for (const c of claims) {
    out += text.slice(pos, c.at) + c.rewrite;
    pos = c.end;
  }
  return out + text.slice(pos);
}

const MAX_CODE_POINT = 0x10ffff;

/** unicode_codepoints_to_string(): "" (the null string) if any value is not a code point (surrogates included). */
function fromCodePoints(args: readonly Value[]): string {
  const points: number[] = [];
  const add = (v: Value): boolean => {
    if (Array.isArray(v)) {
      return v.every(add);
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_CODE_POINT || (v >= 0xd800 && v <= 0xdfff)) {
      return false;
    }
    points.push(v);
    return true;
  };
  if (!args.every(add)) {
    return '';
  }
  let out = '';
  // In chunks: String.fromCodePoint takes its arguments on the stack.
  for (let i = 0; i < points.length; i += 8192) {
    out += String.fromCodePoint(...points.slice(i, i + 8192));
  }
  return out;
}

/**
 * parse_csv(): the fields of the first record. A field that starts with a double quote runs to the
 * closing quote, with "" standing for one quote, and may hold commas and line feeds; an unquoted
 * line feed (or CR LF) ends the record.
 */
function parseCsvRecord(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    }
    // Unquoted text, or what follows a closing quote up to the next delimiter, is taken as it is.
    while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
      field += text[i++];
    }
    fields.push(field);
    if (text[i] !== ',') {
      return fields;
    }
    i++;
  }
}

/** has_any_index: the position of the first value that is a term of the text (as `has` matches), or −1. */
function hasAnyIndex(types: readonly KqlType[]): (args: readonly Value[]) => Value {
  const has = hasTerm(false);
  return (args) => {
    const text = str(args[0] ?? '', types[0]);
    const values = Array.isArray(args[1]) ? args[1] : [];
    return values.findIndex((v) => v !== null && has(text, typeof v === 'string' ? v : str(v, 'dynamic')));
  };
}

export const stringTextFunctions: ScalarFunction[] = [
  scalar('has_any_index', (types) => hasAnyIndex(types)),
  scalar('strcmp', (types) => (args) => strcmp(str(args[0] ?? '', types[0]), str(args[1] ?? '', types[1]))),
  scalar('string_size', (types) => (args) => Buffer.byteLength(str(args[0] ?? '', types[0]), 'utf8')),
  scalar('indexof_regex', (types) => {
    let last: string | undefined;
    let re: KqlRegex | undefined;
    return (args) => {
      const pattern = str(args[1] ?? '', types[1]);
      if (pattern !== last) {
        re = compileRegex(pattern);
        last = pattern;
      }
      const n = (i: number, dflt: number): number | null => {
        const v = args[i];
        return v === undefined ? dflt : typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null;
      };
      const [start, length, occurrence] = [n(2, 0), n(3, -1), n(4, 1)];
      if (start === null || length === null || occurrence === null) {
        return null;
      }
      return indexOfRegex(str(args[0] ?? '', types[0]), re!, start, length, occurrence);
    };
  }),
  scalar(
    'translate',
    (types) => (args) =>
      translate(str(args[0] ?? '', types[0]), str(args[1] ?? '', types[1]), str(args[2] ?? '', types[2])),
  ),
  scalar('replace_strings', (types) => (args) => {
    const text = str(args[0] ?? '', types[0]);
    return Array.isArray(args[1]) && Array.isArray(args[2]) ? replaceStrings(text, args[1], args[2]) : text;
  }),
  scalar('parse_csv', (types) => (args) => parseCsvRecord(str(args[0] ?? '', types[0]))),
  scalar(
    'unicode_codepoints_from_string',
    (types) => (args) => {
      const s = str(args[0] ?? '', types[0]);
      return [...s].map((c) => c.codePointAt(0)!);
    },
    ['to_utf8'],
  ),
  scalar('unicode_codepoints_to_string', () => (args) => fromCodePoints(args), ['make_string']),
  // eslint-disable-next-line no-control-regex
  scalar('isascii', (types) => (args) => /^[\x00-\x7f]*$/.test(str(args[0] ?? '', types[0]))),
  // A JavaScript string is valid UTF-8 text unless it holds a lone surrogate.
  scalar(
    'isutf8',
    (types) => (args) =>
      !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(str(args[0] ?? '', types[0])),
  ),
];
