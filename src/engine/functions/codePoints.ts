/**
 * Kusto counts a string's characters in code points; JavaScript strings are UTF-16. These walk the
 * string in place: spreading a string into an array of characters (`[...s]`) costs tens of bytes per
 * character and, for a string of hundreds of megabytes, aborts the process.
 */

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/** The UTF-16 offset `count` code points after `from` (the string's length if it has fewer). */
export function codePointOffset(s: string, count: number, from = 0): number {
  let i = from;
  for (let k = 0; k < count && i < s.length; k++) {
    i += isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
  }
  return Math.min(i, s.length);
}

/** The code points in reverse order, surrogate pairs kept whole; built in one UTF-16 buffer. */
export function reverseCodePoints(s: string): string {
  const n = s.length;
  if (n < 2) {
    return s;
  }
  const out = new Uint16Array(n);
  let o = 0;
  for (let i = n - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (isLow(c) && i > 0 && isHigh(s.charCodeAt(i - 1))) {
      out[o++] = s.charCodeAt(i - 1);
      out[o++] = c;
      i--;
    } else {
      out[o++] = c;
    }
  }
  // In slices: fromCharCode takes its arguments on the stack. (A decoder would replace lone surrogates.)
  const parts: string[] = [];
  for (let k = 0; k < n; k += 8192) {
    parts.push(String.fromCharCode(...out.subarray(k, k + 8192)));
  }
  return parts.join('');
}
