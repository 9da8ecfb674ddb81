/**
 * When V8's backtracking RegExp may run an RE2 pattern instead of re2js: only patterns of a plain
 * subset whose meaning is the same in both (classes, escapes, groups, anchors, quantifiers; anything
 * else — inline flags, POSIX or Unicode classes, \A, \z, \Q…\E — stays on re2js), and only where
 * backtracking stays bounded: no loop inside a loop, no alternation inside a loop, at most one
 * unbounded loop (its worst case is quadratic, so the caller also bounds the text length) and few
 * choices overall.
 */
import type { RegexFlags } from './regexFlags';

export interface NativeTranslation {
  readonly source: string;
  readonly flags: string;
  /** One unbounded loop: worst case quadratic in the text's length. */
  readonly hasLoop: boolean;
}

/** Counted repetitions up to this bound count as bounded choices, above as a loop. */
const SMALL_COUNT = 16;
/** The product of every bounded choice (optional parts, small counts, alternatives) allowed. */
const MAX_CHOICES = 256;
/** Characters the 'u' flag lets (and needs to) be escaped outside a class; inside a class, also '-'. */
const SYNTAX = new Set('^$\\.*+?()[]{}|/');
const RE2_SPACE = '\\t\\n\\f\\r ';

interface Group {
  hasQuantifier: boolean;
  hasAlternation: boolean;
  alternatives: number;
}

export function nativeTranslation(pattern: string, flags: RegexFlags): NativeTranslation | undefined {
  if (flags.multiline || pattern.length > 2000) {
    // JavaScript's multiline ^/$ also break at \r, \u2028 and \u2029; RE2's only at \n.
    return undefined;
  }
  const out: string[] = [];
  const stack: Group[] = [{ hasQuantifier: false, hasAlternation: false, alternatives: 1 }];
  let loops = 0;
  let choices = 1;
  /** What the next quantifier applies to: a single atom, or the group just closed. */
  let lastAtom: { kind: 'atom' } | { kind: 'group'; group: Group } | undefined;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\') {
      const escaped = escapeOutsideClass(pattern, i, flags);
      if (!escaped) {
        return undefined;
      }
      out.push(escaped.text);
      i = escaped.next;
      lastAtom = escaped.assertion ? undefined : { kind: 'atom' };
      continue;
    }
    if (c === '[') {
      const cls = characterClass(pattern, i, flags);
      if (!cls) {
        return undefined;
      }
      out.push(cls.text);
      i = cls.next;
      lastAtom = { kind: 'atom' };
      continue;
    }
    if (c === '(') {
      if (pattern.startsWith('(?:', i)) {
        out.push('(?:');
        i += 3;
      } else if (pattern.startsWith('(?P<', i) || pattern.startsWith('(?<', i)) {
        const start = pattern.indexOf('<', i) + 1;
        const close = pattern.indexOf('>', start);
        const name = close < 0 ? '' : pattern.slice(start, close);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          return undefined;
        }
        out.push(`(?<${name}>`);
        i = close + 1;
      } else if (pattern[i + 1] === '?') {
        return undefined;
      } else {
        out.push('(');
        i++;
      }
      stack.push({ hasQuantifier: false, hasAlternation: false, alternatives: 1 });
      lastAtom = undefined;
      continue;
    }
    if (c === ')') {
      const group = stack.pop();
      if (!group || stack.length === 0) {
        return undefined;
      }
      choices *= group.alternatives;
      const parent = stack[stack.length - 1]!;
      parent.hasQuantifier ||= group.hasQuantifier;
      parent.hasAlternation ||= group.hasAlternation;
      out.push(')');
      i++;
      lastAtom = { kind: 'group', group };
      continue;
    }
    if (c === '|') {
      const g = stack[stack.length - 1]!;
      g.hasAlternation = true;
      g.alternatives++;
      out.push('|');
      i++;
      lastAtom = undefined;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (!lastAtom) {
        return undefined;
      }
      if (lastAtom.kind === 'group' && (lastAtom.group.hasQuantifier || lastAtom.group.hasAlternation)) {
        return undefined;
      }
      if (quantifier.max === Infinity || quantifier.max > SMALL_COUNT) {
        loops++;
      } else {
        choices *= quantifier.max - quantifier.min + 1;
      }
      stack[stack.length - 1]!.hasQuantifier = true;
      out.push(pattern.slice(i, quantifier.next));
      i = quantifier.next;
      lastAtom = undefined;
      continue;
    }
    if (c === '{') {
      // Not a valid repetition: RE2 reads a literal brace.
      out.push('\\{');
    } else if (c === '.') {
      out.push(flags.dotAll ? '[^]' : '[^\\n]');
    } else if (c === '^' || c === '$') {
      out.push(c);
      i++;
      lastAtom = undefined;
      continue;
    } else if (c === '*' || c === '+' || c === '?') {
      return undefined;
    } else {
      out.push(SYNTAX.has(c) ? `\\${c}` : c);
    }
    i++;
    lastAtom = { kind: 'atom' };
  }
  if (stack.length !== 1) {
    return undefined;
  }
  choices *= stack[0]!.alternatives;
  if (loops > 1 || choices > MAX_CHOICES || (loops === 1 && choices > MAX_CHOICES / 4)) {
    return undefined;
  }
  const source = out.join('');
  const jsFlags = `u${flags.caseInsensitive ? 'i' : ''}`;
  try {
    new RegExp(source, jsFlags);
  } catch {
    return undefined;
  }
  return { source, flags: jsFlags, hasLoop: loops === 1 };
}

function readQuantifier(p: string, i: number): { min: number; max: number; next: number } | undefined {
  const c = p[i];
  let min: number;
  let max: number;
  let next: number;
  if (c === '*' || c === '+' || c === '?') {
    min = c === '+' ? 1 : 0;
    max = c === '?' ? 1 : Infinity;
    next = i + 1;
  } else if (c === '{') {
    const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(p.slice(i, i + 12));
    if (!m) {
      return undefined;
    }
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    next = i + m[0].length;
  } else {
    return undefined;
  }
  if (p[next] === '?') {
    next++;
  }
  return { min, max, next };
}

/** An escape outside a class, as JavaScript reads it in the same sense; undefined for anything else. */
function escapeOutsideClass(
  p: string,
  i: number,
  flags: RegexFlags,
): { text: string; next: number; assertion: boolean } | undefined {
  const e = p[i + 1];
  if (e === undefined) {
    return undefined;
  }
  if ('dD'.includes(e) || ('wWbB'.includes(e) && !flags.caseInsensitive)) {
    // With the 'i' and 'u' flags JavaScript's \w also takes ſ and the Kelvin sign; RE2's stays ASCII.
    return { text: `\\${e}`, next: i + 2, assertion: e === 'b' || e === 'B' };
  }
  if (e === 's' || e === 'S') {
    return { text: e === 's' ? `[${RE2_SPACE}]` : `[^${RE2_SPACE}]`, next: i + 2, assertion: false };
  }
  const simple = simpleEscape(p, i);
  return simple && { ...simple, assertion: false };
}

/** Escapes that mean one character in both: control characters, hex codes, escaped punctuation. */
function simpleEscape(p: string, i: number, inClass = false): { text: string; next: number } | undefined {
  const e = p[i + 1]!;
  if ('ntrfv'.includes(e)) {
    return { text: `\\${e}`, next: i + 2 };
  }
  if (e === 'x') {
    const braced = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(p.slice(i, i + 11));
    if (braced) {
      return Number.parseInt(braced[1]!, 16) <= 0x10ffff
        ? { text: `\\u{${braced[1]}}`, next: i + braced[0].length }
        : undefined;
    }
    return /^[0-9A-Fa-f]{2}$/.test(p.slice(i + 2, i + 4)) ? { text: p.slice(i, i + 4), next: i + 4 } : undefined;
  }
  if (/[A-Za-z0-9]/.test(e) || e.charCodeAt(0) > 0x7f) {
    return undefined;
  }
  const escapable = SYNTAX.has(e) || (inClass && e === '-');
  return { text: escapable ? `\\${e}` : e, next: i + 2 };
}

function characterClass(p: string, i: number, flags: RegexFlags): { text: string; next: number } | undefined {
  let j = i + 1;
  let text = '[';
  if (p[j] === '^') {
    text += '^';
    j++;
  }
  if (p[j] === ']') {
    // RE2 reads a leading ']' as a literal; JavaScript as an empty class.
    return undefined;
  }
  while (j < p.length && p[j] !== ']') {
    const c = p[j]!;
    if (c === '[') {
      return undefined;
    }
    if (c === '\\') {
      const e = p[j + 1];
      if (e !== undefined && 'dDwW'.includes(e) && !flags.caseInsensitive) {
        text += `\\${e}`;
        j += 2;
        continue;
      }
      if (e === 's') {
        text += RE2_SPACE;
        j += 2;
        continue;
      }
      const simple = e === undefined ? undefined : simpleEscape(p, j, true);
      if (!simple) {
        return undefined;
      }
      text += simple.text;
      j = simple.next;
      continue;
    }
    text += c === '/' ? '\\/' : c;
    j++;
  }
  return j < p.length ? { text: `${text}]`, next: j + 1 } : undefined;
}
