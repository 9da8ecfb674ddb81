/**
 * parse-kv's three ways of finding key/value pairs in a text, as the Kusto reference describes them.
 * Each returns the first value of every wanted key, trimmed, with quotes and escapes removed.
 */
import { allMatches, type KqlRegex } from '../functions/kqlRegex';

export interface Quoting {
  /** Opening and closing quote characters: `"` is ['"', '"'], `()` is ['(', ')']. */
  readonly quotes: readonly (readonly [string, string])[];
  readonly escapes: readonly string[];
}

export type KeyValueMode =
  | (Quoting & { readonly k: 'delimited'; readonly pair: string; readonly kv: string; readonly greedy: boolean })
  | (Quoting & { readonly k: 'loose' })
  | { readonly k: 'regex'; readonly regex: KqlRegex };

/** The quoted text opening at `at` (past its closing quote), with escapes resolved; undefined when none opens there. */
function readQuoted(text: string, at: number, q: Quoting): { value: string; end: number } | undefined {
  const pair = q.quotes.find(([open]) => text.startsWith(open, at));
  if (!pair) {
    return undefined;
  }
  const close = pair[1];
  let value = '';
  let i = at + pair[0].length;
  while (i < text.length) {
    const ch = text[i]!;
    if (q.escapes.includes(ch) && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else if (text.startsWith(close, i)) {
      return { value, end: i + close.length };
    } else {
      value += ch;
      i++;
    }
  }
  // An unclosed quote runs to the end of the text.
  return { value, end: text.length };
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** The next occurrence of `needle` at or after a position that only grows: each search resumes the last. */
function forwardFinder(text: string, needle: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || (found >= from && found !== -2)) {
      return found;
    }
    found = text.indexOf(needle, from);
    return found;
  };
}

/**
 * Greedy mode: the value runs to the next `pair` that is followed by a key and `kv` (a quoted key, or
 * text with no pair delimiter before the key/value delimiter), or to the end of the text.
 */
function greedyValueEnd(text: string, from: number, mode: Extract<KeyValueMode, { k: 'delimited' }>): number {
  const nextKv = forwardFinder(text, mode.kv);
  const nextPair = forwardFinder(text, mode.pair);
  let p = text.indexOf(mode.pair, from);
  while (p >= 0) {
    const keyStart = skipSpaces(text, p + mode.pair.length);
    const quoted = readQuoted(text, keyStart, mode);
    if (quoted) {
      if (text.startsWith(mode.kv, skipSpaces(text, quoted.end))) {
        return p;
      }
    } else {
      const kvAt = nextKv(keyStart);
      const pairAt = nextPair(keyStart);
      if (kvAt > keyStart && (pairAt < 0 || pairAt >= kvAt)) {
        return p;
      }
    }
    p = text.indexOf(mode.pair, p + 1);
  }
  return text.length;
}

function delimited(
  text: string,
  mode: Extract<KeyValueMode, { k: 'delimited' }>,
  wanted: ReadonlySet<string>,
  out: Map<string, string>,
): void {
  const untilPair = (from: number): number => {
    const at = text.indexOf(mode.pair, from);
    return at < 0 ? text.length : at;
  };
  const nextKv = forwardFinder(text, mode.kv);
  let i = 0;
  while (i < text.length && out.size < wanted.size) {
    i = skipSpaces(text, i);
    // The key: quoted, or up to the key/value delimiter if it comes before the next pair.
    let key: string;
    const quotedKey = readQuoted(text, i, mode);
    if (quotedKey) {
      key = quotedKey.value;
      i = skipSpaces(text, quotedKey.end);
    } else {
      const pairEnd = untilPair(i);
      const kvAt = nextKv(i);
      if (kvAt < 0 || kvAt > pairEnd) {
        i = pairEnd + mode.pair.length;
        continue;
      }
      key = text.slice(i, kvAt).trim();
      i = kvAt;
    }
    if (!text.startsWith(mode.kv, i)) {
      i = untilPair(i) + mode.pair.length;
      continue;
    }
    i = skipSpaces(text, i + mode.kv.length);
    let value: string;
    const quotedValue = readQuoted(text, i, mode);
    if (quotedValue) {
      value = quotedValue.value;
      i = untilPair(quotedValue.end);
    } else if (mode.greedy) {
      const end = greedyValueEnd(text, i, mode);
      value = text.slice(i, end).trim();
      i = end;
    } else {
      const end = untilPair(i);
      value = text.slice(i, end).trim();
      i = end;
    }
    if (wanted.has(key) && !out.has(key)) {
      out.set(key, value);
    }
    i += mode.pair.length;
  }
}

const WORD = /[\p{L}\p{N}]+/uy;

/** Without delimiters every non-alphanumeric character separates: a wanted key's value is the token after it. */
function loose(
  text: string,
  mode: Extract<KeyValueMode, { k: 'loose' }>,
  wanted: ReadonlySet<string>,
  out: Map<string, string>,
): void {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const quoted = readQuoted(text, i, mode);
    if (quoted) {
      tokens.push(quoted.value.trim());
      i = quoted.end;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word) {
      tokens.push(word[0]);
      i += word[0].length;
    } else {
      i++;
    }
  }
  for (let t = 0; t + 1 < tokens.length; t++) {
    const key = tokens[t]!;
    if (wanted.has(key)) {
      if (!out.has(key)) {
        out.set(key, tokens[t + 1]!);
      }
      t++;
    }
  }
}

export function extractKeyValues(text: string, mode: KeyValueMode, wanted: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  if (mode.k === 'regex') {
    for (const m of allMatches(mode.regex, text)) {
      const key = (m.groups[1] ?? '').trim();
      if (wanted.has(key) && !out.has(key)) {
        out.set(key, (m.groups[2] ?? '').trim());
      }
    }
  } else if (mode.k === 'delimited') {
    delimited(text, mode, wanted, out);
  } else {
    loose(text, mode, wanted, out);
  }
  return out;
}
