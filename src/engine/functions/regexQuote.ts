/**
 * regex_quote: a text made safe to embed in a KQL regular expression. Kusto's regexes are RE2, so this
 * escapes as RE2's QuoteMeta does: every ASCII character other than a letter, digit or '_' gets a
 * backslash, NUL becomes \x00, and characters beyond ASCII are left as they are (RE2 reads them literally).
 */
import { scalar, str } from './define';
import type { ScalarFunction } from './types';

export function quoteRegex(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0) {
      out += '\\x00';
    } else if (code < 0x80 && !/[A-Za-z0-9_]/.test(ch)) {
      out += '\\' + ch;
    } else {
      out += ch;
    }
  }
  return out;
}

export const regexQuoteFunctions: ScalarFunction[] = [
  scalar('regex_quote', (types) => (args) => {
    const v = args[0];
    return v === null || v === undefined ? '' : quoteRegex(str(v, types[0]));
  }),
];
