/** String functions. Regex arguments are compiled once per distinct pattern (constant in practice). */

import { BYTES, chargeMemory } from '../exec/memoryBudget';
import { type DynamicValue, Int64, type KqlType, type Value, WholeReal } from '../values';
import { formatReal } from '../valueText';
import { codePointLength, codePointOffset, reverseCodePoints } from './codePoints';
import { convertValue } from './convert';
import { scalar, str } from './define';
import { hashText } from './hashFunctions';
import { allMatches, compileRegex, type KqlRegex, regexCache, replaceAllMatches } from './kqlRegex';
import type { ScalarFunction } from './types';

/** A function of string arguments: every argument is read with tostring() semantics. */
function strings(
  name: string,
  fn: (args: string[], raw: readonly Value[]) => Value,
  aliases?: readonly string[],
): ScalarFunction {
  return scalar(
    name,
    (types) => (args) => {
      const texts = args.map((a, i) => str(a, types[i]));
      // The binder checks arity; missing arguments read as "" all the same, so a bad call cannot crash.
      while (texts.length < 3) {
        texts.push('');
      }
      return fn(texts, args);
    },
    aliases,
  );
}

/** Characters are code points, counted without copying the string (it may be hundreds of megabytes). */
function substring(s: string, start: number, length?: number): string {
  if (!Number.isFinite(start)) {
    return '';
  }
  const total = codePointLength(s);
  // A negative start counts from the end: substring("123456", -2, 2) is "56".
  let from = Math.trunc(start);
  if (from < 0) {
    from = Math.max(0, total + from);
  }
  const to =
    length === undefined || !Number.isFinite(length) ? total : Math.min(total, from + Math.max(0, Math.trunc(length)));
  if (from >= to) {
    return '';
  }
  const begin = codePointOffset(s, from);
  return s.slice(begin, codePointOffset(s, to - from, begin));
}

function trimmer(start: boolean, end: boolean): ScalarFunction['bind'] {
  return () => {
    const cache = new Map<string, [KqlRegex, KqlRegex]>();
    return (args) => {
      const pattern = str(args[0]!, 'string');
      let pair = cache.get(pattern);
      if (!pair) {
        // Validated alone first, so an error names the pattern as written.
        compileRegex(pattern);
        pair = [compileRegex(`^(?:${pattern})+`), compileRegex(`(?:${pattern})+$`)];
        cache.set(pattern, pair);
      }
      let s = str(args[1]!, 'string');
      if (start) {
        const m = pair[0].exec(s);
        if (m) {
          s = s.slice(m.end);
        }
      }
      if (end) {
        const m = pair[1].exec(s);
        if (m) {
          s = s.slice(0, m.index);
        }
      }
      return s;
    };
  };
}

/** countof: plain search counts overlapping matches; regex search counts non-overlapping ones. */
function countOf(text: string, search: string, kind: string, regex: (p: string) => KqlRegex): number {
  if (search === '') {
    return 0;
  }
  if (kind === 'regex') {
    let n = 0;
    for (const m of allMatches(regex(search), text)) {
      if (m.end > m.index) {
        n++;
      }
    }
    return n;
  }
  let n = 0;
  for (let i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) {
    n++;
  }
  return n;
}

/**
 * indexof(): a negative start counts from the end; each occurrence is looked for within `length`
 * characters of where the search resumes (as the reference's examples show); null for a length
 * below -1 or an occurrence below 1.
 */
function indexOf(s: string, lookup: string, startIndex = 0, length = -1, occurrence = 1): number | null {
  if (length < -1 || occurrence < 1) {
    return null;
  }
  let pos = startIndex < 0 ? Math.max(0, s.length + startIndex) : startIndex;
  if (pos > s.length) {
    return -1;
  }
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    const end = length < 0 ? s.length : Math.min(s.length, pos + length);
    at = pos > s.length ? -1 : s.indexOf(lookup, pos);
    if (at < 0 || at + lookup.length > end) {
      return -1;
    }
    pos = at + 1;
  }
  return at;
}

const URL_SAFE = /[A-Za-z0-9\-_.!*()]/;

/** .NET HttpUtility.UrlEncode: lower-case %xx of UTF-8 bytes; a space is '+' (or %20 for url_encode_component). */
function urlEncode(s: string, spaceAsPlus: boolean): string {
  let out = '';
  for (const ch of s) {
    if (URL_SAFE.test(ch)) {
      out += ch;
    } else if (ch === ' ' && spaceAsPlus) {
      out += '+';
    } else {
      for (const b of Buffer.from(ch, 'utf8')) {
        out += `%${b.toString(16).padStart(2, '0')}`;
      }
    }
  }
  return out;
}

function urlDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%' && /^[0-9a-f]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(32);
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function base64Decode(s: string): string {
  const t = s.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 === 1) {
    return '';
  }
  try {
    // Bytes that are not UTF-8 give the empty string, as Kusto's null string.
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(t, 'base64'));
  } catch {
    return '';
  }
}

const BYTE_UNITS = ['Bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** format_bytes(): binary multiples, `precision` decimals, the unit chosen by size unless one is given. */
export function formatBytes(size: number, precision = 0, unit?: string): string {
  let index = unit
    ? BYTE_UNITS.findIndex(
        (u) => u.toLowerCase() === unit.toLowerCase() || (u === 'Bytes' && unit.toLowerCase() === 'bytes'),
      )
    : -1;
  if (index < 0) {
    index = 0;
    let v = Math.abs(size);
    while (v >= 1024 && index < BYTE_UNITS.length - 1) {
      v /= 1024;
      index++;
    }
  }
  const value = size / 1024 ** index;
  const digits = Number.isFinite(precision) ? Math.min(100, Math.max(0, Math.trunc(precision))) : 0;
  return `${Number.isFinite(value) ? value.toFixed(digits) : formatReal(value)} ${BYTE_UNITS[index]}`;
}

/** gettype(): the static type's name; for dynamic values the JSON kind (int/long/real, array, dictionary, null). */
function typeName(v: Value, type: KqlType): string {
  if (type !== 'dynamic') {
    return type;
  }
  if (v === null || v === undefined) {
    return 'null';
  }
  if (Array.isArray(v)) {
    return 'array';
  }
  if (v instanceof WholeReal) {
    return 'real';
  }
  if (v instanceof Int64) {
    return 'long';
  }
  switch (typeof v) {
    case 'object':
      return 'dictionary';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return !Number.isInteger(v) ? 'real' : Math.abs(v) <= 2147483647 ? 'int' : 'long';
    default:
      return 'string';
  }
}

export const stringFunctions: ScalarFunction[] = [
  scalar('strcat', (types) => (args) => args.map((a, i) => str(a, types[i])).join('')),
  scalar(
    'strcat_delim',
    (types) => (args) =>
      args
        .slice(1)
        .map((a, i) => str(a, types[i + 1]))
        .join(str(args[0]!, types[0])),
  ),
  strings('strlen', ([s]) => codePointLength(s!)),
  scalar('substring', (types) => (args) => {
    if (args[1] === null || args[1] === undefined) {
      return '';
    }
    const len = args[2];
    return substring(str(args[0]!, types[0]), args[1] as number, typeof len === 'number' ? len : undefined);
  }),
  strings('tolower', ([s]) => s!.toLowerCase()),
  strings('toupper', ([s]) => s!.toUpperCase()),
  scalar('trim', trimmer(true, true)),
  scalar('trim_start', trimmer(true, false)),
  scalar('trim_end', trimmer(false, true)),
  scalar('split', (types) => (args) => {
    const parts: DynamicValue[] = str(args[0]!, types[0]).split(str(args[1]!, types[1]));
    const index = args[2];
    if (typeof index === 'number') {
      return index >= 0 && index < parts.length ? [parts[index]!] : [];
    }
    return parts;
  }),
  strings('replace_string', ([text, lookup, rewrite]) => (lookup === '' ? text! : text!.split(lookup!).join(rewrite))),
  scalar('replace_regex', () => {
    const regex = regexCache();
    return (args) =>
      replaceAllMatches(regex(str(args[1]!, 'string')), str(args[0]!, 'string'), str(args[2]!, 'string'));
  }),
  scalar('replace', () => {
    const regex = regexCache();
    return (args) =>
      replaceAllMatches(regex(str(args[0]!, 'string')), str(args[2]!, 'string'), str(args[1]!, 'string'));
  }),
  scalar('extract', (types, resultType) => {
    const regex = regexCache();
    return (args) => {
      const m = regex(str(args[0]!, 'string')).exec(str(args[2]!, types[2]));
      const group = m && typeof args[1] === 'number' ? m.groups[args[1]] : undefined;
      if (group === undefined) {
        return resultType === 'string' ? '' : null;
      }
      return resultType === 'string' ? group : convertValue(group, 'string', resultType);
    };
  }),
  scalar(
    'extract_all',
    (types) => {
      const regex = regexCache();
      return (args) => {
        const re = regex(str(args[0]!, 'string'));
        // Capture groups by index or by name: extract_all(re, dynamic([1, 'last']), text).
        const groups = args.length === 3 && Array.isArray(args[1]) ? (args[1] as (number | string)[]) : undefined;
        const source = str(args[args.length - 1]!, types[args.length - 1]);
        const matches = [...allMatches(re, source)].filter((m) => m.end > m.index);
        if (matches.length === 0) {
          return null;
        }
        chargeMemory(matches.length * BYTES.boxed * (re.groupCount + 1), 'extract_all()');
        const picked = groups ?? (re.groupCount > 0 ? Array.from({ length: re.groupCount }, (_g, i) => i + 1) : [0]);
        const group = (m: { groups: readonly (string | undefined)[] }, g: number | string): string =>
          (typeof g === 'number' ? m.groups[g] : m.groups[re.groupNames.get(g) ?? -1]) ?? '';
        return matches.map((m) => (picked.length === 1 ? group(m, picked[0]!) : picked.map((g) => group(m, g))));
      };
    },
    ['extractall'],
  ),
  scalar('indexof', (types) => (args) => {
    const n = (i: number): number | undefined => (typeof args[i] === 'number' ? (args[i] as number) : undefined);
    return indexOf(str(args[0]!, types[0]), str(args[1]!, types[1]), n(2), n(3), n(4));
  }),
  scalar('strrep', (types) => (args) => {
    const n = args[1];
    const times = typeof n === 'number' && Number.isFinite(n) ? Math.min(Math.max(0, Math.trunc(n)), 1024) : 0;
    const delim = args.length > 2 ? str(args[2]!, types[2]) : '';
    const text = str(args[0]!, types[0]);
    if (times === 0) {
      return '';
    }
    chargeMemory((text.length * times + delim.length * (times - 1)) * BYTES.char, 'strrep()');
    return Array<string>(times).fill(text).join(delim);
  }),
  // reverse() sees a datetime in its full form, fraction included (…T12:00:00.0000000Z).
  scalar('reverse', (types) => (args) => {
    const v = args[0]!;
    return reverseCodePoints(hashText(v, types[0]));
  }),
  scalar('countof', () => {
    const regex = regexCache();
    return (args) =>
      countOf(
        str(args[0]!, 'string'),
        str(args[1]!, 'string'),
        args.length > 2 ? str(args[2]!, 'string') : 'normal',
        regex,
      );
  }),
  strings('url_encode', ([s]) => urlEncode(s!, true)),
  strings('url_encode_component', ([s]) => urlEncode(s!, false)),
  strings('url_decode', ([s]) => urlDecode(s!)),
  strings('base64_encode_tostring', ([s]) => Buffer.from(s!, 'utf8').toString('base64'), ['base64_encodestring']),
  strings('base64_decode_tostring', ([s]) => base64Decode(s!), ['base64_decodestring']),
  scalar(
    'strcat_array',
    (types) => (args) => {
      const arr = args[0];
      const delim = str(args[1]!, types[1]);
      return Array.isArray(arr) ? arr.map((v) => str(v, 'dynamic')).join(delim) : '';
    },
    ['array_strcat'],
  ),
  scalar('format_bytes', () => (args) => {
    if (typeof args[0] !== 'number') {
      return '';
    }
    return formatBytes(
      args[0],
      typeof args[1] === 'number' ? args[1] : 0,
      typeof args[2] === 'string' && args[2] !== '' ? args[2] : undefined,
    );
  }),
  scalar('gettype', (types) => (args) => typeName(args[0]!, types[0]!)),
];
