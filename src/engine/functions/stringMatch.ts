/**
 * Kusto's string predicates. `has` matches whole terms: a term is a maximal run of alphanumeric
 * characters, so `"North America" has "america"` but not `"americas" has "america"`; the needle may
 * itself span several terms ("10.0.0.1"). Case-insensitive forms fold case; `_cs` forms do not.
 * Each matcher caches the compiled needle, which is the same on every row in practice.
 */
import { EvaluationError } from './types';

export type StringPredicate = (haystack: string, needle: string) => boolean;

const ALNUM = '[\\p{L}\\p{N}]';

/** A literal as a regex source; only syntax characters are escaped, since the 'u' flag rejects needless escapes (\-). */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A predicate whose needle compiles to a regex once per distinct needle. */
function viaRegex(build: (needle: string) => RegExp): StringPredicate {
  let lastNeedle: string | undefined;
  let re: RegExp = /^/;
  return (haystack, needle) => {
    if (needle !== lastNeedle) {
      re = build(needle);
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
  return viaRegex((n) => termRegex(n, caseSensitive ? 'u' : 'iu', false, false));
}

export function hasPrefix(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => termRegex(n, caseSensitive ? 'u' : 'iu', true, false));
}

export function hasSuffix(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => termRegex(n, caseSensitive ? 'u' : 'iu', false, true));
}

export function contains(caseSensitive: boolean): StringPredicate {
  if (caseSensitive) {
    return (h, n) => h.includes(n);
  }
  // Literal needles need no 'u' flag, and matching without it is faster.
  return viaRegex((n) => new RegExp(escapeRegex(n), 'i'));
}

export function startsWith(caseSensitive: boolean): StringPredicate {
  if (caseSensitive) {
    return (h, n) => h.startsWith(n);
  }
  return viaRegex((n) => new RegExp(`^${escapeRegex(n)}`, 'i'));
}

export function endsWith(caseSensitive: boolean): StringPredicate {
  if (caseSensitive) {
    return (h, n) => h.endsWith(n);
  }
  return viaRegex((n) => new RegExp(`${escapeRegex(n)}$`, 'i'));
}

export function equalsIgnoreCase(a: string, b: string): boolean {
  return a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());
}

/**
 * A Kusto (RE2) regular expression as a JavaScript one. RE2's inline flags `(?i)`, `(?s)`, `(?m)` at
 * the start become JS flags; a pattern JS cannot compile is a query error, as in Kusto.
 */
export function compileRegex(pattern: string, extraFlags = ''): RegExp {
  let flags = extraFlags;
  let source = pattern;
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    for (const f of inline[1]!) {
      if ('ims'.includes(f) && !flags.includes(f)) {
        flags += f;
      }
    }
    source = source.slice(inline[0].length);
  }
  // RE2 named groups (?P<name>…) are JS (?<name>…).
  source = source.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(source, flags.includes('u') ? flags : `${flags}u`);
  } catch {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      throw new EvaluationError(`Invalid regular expression '${pattern}': ${(e as Error).message}`);
    }
  }
}

export function matchesRegex(): StringPredicate {
  return viaRegex((n) => compileRegex(n));
}

/** SQL-style `like`: `%` any run, `_` one character. */
export function like(caseSensitive: boolean): StringPredicate {
  return viaRegex((n) => {
    const body = n.split('').map((c) => (c === '%' ? '.*' : c === '_' ? '.' : escapeRegex(c))).join('');
    return new RegExp(`^${body}$`, caseSensitive ? 'su' : 'isu');
  });
}
