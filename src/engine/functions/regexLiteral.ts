/**
 * What every match of a pattern must contain, as a list of requirements: each a set of texts of which
 * a match contains at least one. A run of plain characters outside classes and quantifiers is a
 * requirement of one text; an alternation whose every branch has such a run is one of several texts
 * (a branch's longest). A text that fails a requirement cannot match, so a caller with many patterns
 * skips those with a few `includes` instead of running them, as RE2's FilteredRE2 does — for
 * uap-core's 1,175 patterns most of the time goes there. Whatever this reading is not sure of (inline
 * flags, an escape it does not know, a branch without a run) gives no requirement, which only costs
 * the skip, never a match.
 */

/** One requirement: a match contains at least one of these texts. */
export type LiteralRequirement = readonly string[];

const QUANTIFIER_START = new Set(['?', '*', '+', '{']);
/** Escapes that stand for one character class or an assertion: they end a run and are not literal. */
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B']);

class Unreadable extends Error {}

/** The requirements of `pattern`; none when it is not read. */
export function requiredLiterals(pattern: string): LiteralRequirement[] {
  if (pattern.includes('(?') && /\(\?(?!:)/.test(pattern)) {
    // Inline flags or named groups: a flag could change what the rest means.
    return [];
  }
  try {
    return sequence(pattern, 0, pattern.length);
  } catch (e) {
    if (e instanceof Unreadable) {
      return [];
    }
    throw e;
  }
}

/** Requirements of pattern[start, end): an alternation, or a sequence of atoms. */
function sequence(pattern: string, start: number, end: number): LiteralRequirement[] {
  const branches = ownBranches(pattern, start, end);
  if (branches.length > 1) {
    const longest: string[] = [];
    for (const [from, to] of branches) {
      const runs = sequence(pattern, from, to).filter((r) => r.length === 1);
      if (runs.length === 0) {
        return [];
      }
      longest.push(runs.reduce((a, b) => (b[0]!.length > a[0]!.length ? b : a))[0]!);
    }
    return [[...new Set(longest)]];
  }
  const requirements: LiteralRequirement[] = [];
  let run = '';
  const endRun = (): void => {
    if (run !== '') {
      requirements.push([run]);
    }
    run = '';
  };
  /** Closing parentheses of plain groups read through: the run goes on across them. */
  const transparentCloses = new Set<number>();
  let i = start;
  while (i < end) {
    const c = pattern[i]!;
    let literal: string | undefined;
    let next = i + 1;
    if (c === '(') {
      next = skipGroup(pattern, i);
      const inner = pattern.startsWith('(?:', i) ? i + 3 : i + 1;
      if (!QUANTIFIER_START.has(pattern[next] ?? '')) {
        if (ownBranches(pattern, inner, next - 1).length === 1) {
          transparentCloses.add(next - 1);
          i = inner;
          continue;
        }
        endRun();
        requirements.push(...sequence(pattern, inner, next - 1));
        i = next;
        continue;
      }
    } else if (c === ')' && transparentCloses.has(i)) {
      i++;
      continue;
    } else if (c === '[') {
      next = skipClass(pattern, i);
    } else if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined || (/[A-Za-z0-9]/.test(e) && !CLASS_ESCAPES.has(e))) {
        throw new Unreadable();
      }
      literal = /[A-Za-z0-9]/.test(e) ? undefined : e;
      next = i + 2;
    } else if (QUANTIFIER_START.has(c) || c === ')' || c === ']' || c === '}' || c === '|') {
      throw new Unreadable();
    } else if (c !== '.' && c !== '^' && c !== '$') {
      literal = c;
    }
    if (QUANTIFIER_START.has(pattern[next] ?? '')) {
      // A quantified atom may be absent (or repeated): not part of the run.
      endRun();
      next = skipQuantifier(pattern, next);
    } else if (literal !== undefined) {
      run += literal;
    } else {
      endRun();
    }
    i = next;
  }
  endRun();
  return requirements;
}

/** The branches of pattern[start, end) split at its own `|` (not in a nested group or class). */
function ownBranches(pattern: string, start: number, end: number): [number, number][] {
  const branches: [number, number][] = [];
  let from = start;
  walkStructure(pattern, start, end, (i, c, depth) => {
    if (c === '|' && depth === 0) {
      branches.push([from, i]);
      from = i + 1;
    }
    return false;
  });
  branches.push([from, end]);
  return branches;
}

/** The index after the group opening at `open`. */
function skipGroup(pattern: string, open: number): number {
  const close = walkStructure(pattern, open, pattern.length, (_, c, depth) => c === ')' && depth === 1);
  if (close < 0) {
    throw new Unreadable();
  }
  return close + 1;
}

/**
 * Walks pattern[start, end) past escapes and classes, calling `at` on each parenthesis and `|` with
 * the nesting depth before it; returns the index where `at` says stop, or -1.
 */
function walkStructure(
  pattern: string,
  start: number,
  end: number,
  at: (i: number, c: string, depth: number) => boolean,
): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = skipClass(pattern, i) - 1;
    } else if (c === '(' || c === ')' || c === '|') {
      if (at(i, c, depth)) {
        return i;
      }
      depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    }
  }
  return -1;
}

/** The index after the class opening at `open` (a `]` first in it is a member). */
function skipClass(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') {
    i++;
  }
  if (pattern[i] === ']') {
    i++;
  }
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[' && pattern[i + 1] === ':') {
      // A POSIX class inside: RE2 reads it, JavaScript does not; leave the pattern unread.
      throw new Unreadable();
    } else if (c === ']') {
      return i + 1;
    }
  }
  throw new Unreadable();
}

/** The index after the quantifier at `at` (with a lazy `?`); a `{` that is not one is unread. */
function skipQuantifier(pattern: string, at: number): number {
  let i = at;
  if (pattern[i] === '{') {
    const m = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i, i + 24));
    if (!m) {
      throw new Unreadable();
    }
    i += m[0].length;
  } else {
    i++;
  }
  return pattern[i] === '?' ? i + 1 : i;
}
