/**
 * String predicates for needles too long to compile into a regular expression (V8 refuses patterns
 * past about 32K characters with "regexp too big"): a plain search with the same term boundaries.
 */

export interface NeedleTest {
  test(haystack: string): boolean;
}

/** Needles longer than this are searched without a regular expression. */
export const LONG_NEEDLE = 1000;

const ALNUM = /[\p{L}\p{N}]/u;

function alnumAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) {
    return false;
  }
  const code = s.codePointAt(i)!;
  // Step back onto the high half of a surrogate pair when i points at its low half.
  const ch =
    code >= 0xdc00 && code <= 0xdfff && i > 0
      ? String.fromCodePoint(s.codePointAt(i - 1)!)
      : String.fromCodePoint(code);
  return ALNUM.test(ch);
}

export interface LongNeedleOptions {
  readonly caseInsensitive: boolean;
  /** The match must not follow an alphanumeric (when the needle starts with one). */
  readonly boundaryBefore?: boolean;
  /** The match must not be followed by an alphanumeric (when the needle ends with one). */
  readonly boundaryAfter?: boolean;
  readonly atStart?: boolean;
  readonly atEnd?: boolean;
}

export function longNeedleTest(needle: string, o: LongNeedleOptions): NeedleTest {
  const n = o.caseInsensitive ? needle.toLowerCase() : needle;
  const before = o.boundaryBefore === true && alnumAt(n, 0);
  const after = o.boundaryAfter === true && alnumAt(n, n.length - 1);
  return {
    test(haystack: string): boolean {
      const h = o.caseInsensitive ? haystack.toLowerCase() : haystack;
      if (o.atStart) {
        return h.startsWith(n);
      }
      if (o.atEnd) {
        return h.endsWith(n);
      }
      for (let at = h.indexOf(n); at >= 0; at = h.indexOf(n, at + 1)) {
        if ((!before || !alnumAt(h, at - 1)) && (!after || !alnumAt(h, at + n.length))) {
          return true;
        }
      }
      return false;
    },
  };
}
