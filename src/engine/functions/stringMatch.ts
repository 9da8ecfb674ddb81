/**
 * Kusto's string predicates. `has` matches whole terms: a term is a maximal run of alphanumeric
 * characters, so `"North America" has "america"` but not `"americas" has "america"`; the needle may
 * itself span several terms ("10.0.0.1"). Case-insensitive forms fold case; `_cs` forms do not.
 * Each matcher caches the compiled needle, which is the same on every row in practice.
 */
import { compileRegex } from './kqlRegex';
import { LONG_NEEDLE, longNeedleTest, type LongNeedleOptions } from './longNeedle';

export type StringPredicate = (haystack: string, needle: string) => boolean;

const ALNUM = '[\\p{L}\\p{N}]';

/** A literal as a regex source; only syntax characters are escaped, since the 'u' flag rejects needless escapes (\-). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A predicate whose needle compiles to a regex once per distinct needle. */
function viaRegex(
  build: (needle: string) => { test(text: string): boolean },
  long?: LongNeedleOptions,
): StringPredicate {
  let lastNeedle: string | undefined;
  let re: { test(text: string): boolean } = /^/;
  return (haystack, needle) => {
    if (needle !== lastNeedle) {
      re = long && needle.length > LONG_NEEDLE ? longNeedleTest(needle, long) : build(needle);
      lastNeedle = needle;
    }
    return re.test(haystack);
  };
}

function termRegex(needle: string, flags: string, prefixOnly: boolean, suffixOnly: boolean): RegExp {
  // A boundary is needed only on a side where the needle itself starts/ends with an alphanumeric.
  const startsAlnum = /^[\p{L}\p{N}]/u.test(needle);
  const endsAlnum = /[\p{L}\p{N}]$/u.test(needle);
  const before = startsAlnum && !suffixOnly ? `(?<!${ALNUM})` : '';
  const after = endsAlnum && !prefixOnly ? `(?!${ALNUM})` : '';
  return new RegExp(`${before}${escapeRegex(needle)}${after}`, flags);
}

export function hasTerm(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => termRegex(n, caseSensitive ? 'u' : 'iu', false, false), {
    caseInsensitive: !caseSensitive,
    boundaryBefore: true,
    boundaryAfter: true,
  });
}

export function hasPrefix(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => termRegex(n, caseSensitive ? 'u' : 'iu', true, false), {
    caseInsensitive: !caseSensitive,
    boundaryBefore: true,
  });
}

export function hasSuffix(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => termRegex(n, caseSensitive ? 'u' : 'iu', false, true), {
    caseInsensitive: !caseSensitive,
    boundaryAfter: true,
  });
}

export function contains(caseSensitive: boolean): StringPredicate {
  if (caseSensitive) {
    return (h, n) => h.includes(n);
  }
  // Literal needles need no 'u' flag, and matching without it is faster.
  return viaRegex((n) => new RegExp(escapeRegex(n), 'i'), { caseInsensitive: true });
}

export function startsWith(caseSensitive: boolean): StringPredicate {
  if (caseSensitive) {
    return (h, n) => h.startsWith(n);
  }
  return viaRegex((n) => new RegExp(`^${escapeRegex(n)}`, 'i'), { caseInsensitive: true, atStart: true });
}

export function endsWith(caseSensitive: boolean): StringPredicate {
  if (caseSensitive) {
    return (h, n) => h.endsWith(n);
  }
  return viaRegex((n) => new RegExp(`${escapeRegex(n)}$`, 'i'), { caseInsensitive: true, atEnd: true });
}

export function equalsIgnoreCase(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

export function matchesRegex(): StringPredicate {
  return viaRegex((n) => compileRegex(n));
}

/** SQL-style `like`: `%` any run, `_` one character. */
export function like(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => {
    const body = n
      .split('')
      .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : escapeRegex(c)))
      .join('');
    return new RegExp(`^${body}$`, caseSensitive ? 'su' : 'isu');
  });
}
